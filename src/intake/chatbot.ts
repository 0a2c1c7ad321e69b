import crypto from 'node:crypto';
import { z } from 'zod';

import {
  identifierField,
  iinField,
  instantField,
  mobileField,
  parseBody,
  requiredText,
  text,
} from './fields';
import type { InboundMessage } from './receive-message';

/**
 * The portal's chat-bot. Each message is signed: `X-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body>` with the shared secret.
 */

const chatbotSchema = z
  .object({
    sessionId: identifierField(200),
    messageId: identifierField(200),
    sentAt: instantField,
    text: requiredText(4000),
    participant: z
      .object({
        iin: iinField.optional(),
        phone: mobileField.optional(),
        name: text(300).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export function verifyChatbotSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;

  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest();

  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function signChatbotBody(rawBody: string | Buffer, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function parseChatbotMessage(body: unknown): InboundMessage {
  const message = parseBody(chatbotSchema, body);
  // Encoded, so that no `:` inside an id can pass for the keys' separator.
  const session = encodeURIComponent(message.sessionId);

  return {
    channel: 'chatbot',
    // The chat-bot numbers messages within a session, so the pair is the key.
    messageKey: `chatbot:message:${session}:${encodeURIComponent(message.messageId)}`,
    threadKey: `chatbot:session:${session}`,
    sentAt: message.sentAt,
    text: message.text,
    attachments: [],
    contact: {
      name: message.participant?.name || null,
      phone: message.participant?.phone ?? null,
      iin: message.participant?.iin ?? null,
      chatbotSessionId: message.sessionId,
    },
    externalId: message.messageId,
  };
}
