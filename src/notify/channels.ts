import type { Contact } from '../store/request-model';
import type { NoticeChannel, NoticeLanguage } from '../store/notice-model';

/**
 * Where a participant's notices go: back through the channel the request
 * came from when it can carry a reply (a Telegram chat, a chat-bot
 * session), otherwise by SMS to their mobile number; and by e-mail as well
 * when they gave an address (clause 6 lets them add one).
 */
export interface Recipient {
  channel: NoticeChannel;
  to: string;
}

export interface Addressee {
  channel: string;
  contact: Contact;
}

export function recipientsOf(request: Addressee): Recipient[] {
  const recipients: Recipient[] = [];
  const reply = replyRecipient(request);

  if (reply) recipients.push(reply);
  else if (request.contact.phone) recipients.push({ channel: 'sms', to: request.contact.phone });

  if (request.contact.email) recipients.push({ channel: 'email', to: request.contact.email });

  return recipients;
}

function replyRecipient({ channel, contact }: Addressee): Recipient | null {
  if (channel === 'telegram' && contact.telegramChatId != null) {
    return { channel: 'telegram', to: String(contact.telegramChatId) };
  }
  if (channel === 'chatbot' && contact.chatbotSessionId) {
    return { channel: 'chatbot', to: contact.chatbotSessionId };
  }
  return null;
}

/** The participant's language; Russian when unknown (issue 3). */
export function noticeLanguage(contact: Pick<Contact, 'language'>): NoticeLanguage {
  const language = contact.language;
  return language === 'kk' || language === 'ru' || language === 'en' ? language : 'ru';
}
