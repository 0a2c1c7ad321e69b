import { signChatbotBody } from '../../src/intake/chatbot';
import { CHATBOT_SECRET } from './desk';

/** Builders for what channels really send, so tests read as the channel speaks. */

export interface TelegramMessageOptions {
  updateId: number;
  chatId: number;
  /** The message's own timestamp, an ISO instant. */
  at: string;
  text?: string;
  languageCode?: string;
  extra?: Record<string, unknown>;
}

export function telegramUpdate(options: TelegramMessageOptions) {
  return {
    update_id: options.updateId,
    message: {
      message_id: options.updateId * 10,
      date: Math.floor(new Date(options.at).getTime() / 1000),
      chat: { id: options.chatId, type: 'private', first_name: 'Айгүл' },
      from: {
        id: options.chatId,
        is_bot: false,
        first_name: 'Айгүл',
        last_name: 'Сәрсенова',
        language_code: options.languageCode ?? 'kk',
      },
      ...(options.text !== undefined && { text: options.text }),
      ...options.extra,
    },
  };
}

export interface ChatbotMessageOptions {
  sessionId: string;
  messageId: string;
  sentAt: string;
  text: string;
  participant?: Record<string, unknown>;
}

export function chatbotMessage(options: ChatbotMessageOptions) {
  return {
    sessionId: options.sessionId,
    messageId: options.messageId,
    sentAt: options.sentAt,
    text: options.text,
    ...(options.participant && { participant: options.participant }),
  };
}

/** The body as sent and its X-Signature header. */
export function signed(
  body: unknown,
  secret = CHATBOT_SECRET,
): { raw: string; signature: string } {
  const raw = JSON.stringify(body);
  return { raw, signature: signChatbotBody(raw, secret) };
}
