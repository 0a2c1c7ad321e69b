import { z } from 'zod';

import { parseMobile } from '../domain/identifiers';
import type { Attachment } from '../store/request-model';
import { EARLIEST_INSTANT, LATEST_INSTANT, parseBody } from './fields';
import type { InboundMessage } from './receive-message';

/**
 * Telegram Bot API updates, as Telegram POSTs them to the webhook. Only the
 * fields the desk uses are checked; Telegram adds fields over time, so the
 * rest pass through unread.
 */

const userSchema = z
  .object({
    id: z.number().int(),
    first_name: z.string().max(256).optional(),
    last_name: z.string().max(256).optional(),
    username: z.string().max(256).optional(),
    language_code: z.string().max(16).optional(),
  })
  .passthrough();

const messageSchema = z
  .object({
    message_id: z.number().int(),
    // Unix seconds between 2000 and 2100; anything else is not a real message.
    date: z
      .number()
      .int()
      .min(EARLIEST_INSTANT / 1000)
      .max(LATEST_INSTANT / 1000),
    chat: z.object({ id: z.number().int(), type: z.string().max(32) }).passthrough(),
    from: userSchema.optional(),
    text: z.string().max(4096).optional(),
    caption: z.string().max(1024).optional(),
    photo: z
      .array(
        z.object({ file_id: z.string().max(512), file_size: z.number().optional() }).passthrough(),
      )
      .max(20)
      .optional(),
    document: z
      .object({
        file_id: z.string().max(512),
        file_name: z.string().max(512).optional(),
        mime_type: z.string().max(128).optional(),
      })
      .passthrough()
      .optional(),
    contact: z
      .object({
        phone_number: z.string().max(64),
        first_name: z.string().max(256).optional(),
        last_name: z.string().max(256).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const updateSchema = z
  .object({ update_id: z.number().int().nonnegative(), message: messageSchema.optional() })
  .passthrough();

type TelegramMessage = z.infer<typeof messageSchema>;

export type TelegramIntake =
  | { kind: 'message'; inbound: InboundMessage }
  | { kind: 'ignored'; updateId: number; reason: string };

export function parseTelegramUpdate(body: unknown): TelegramIntake {
  const update = parseBody(updateSchema, body);

  // Edits, reactions and the like answer 200 so Telegram does not redeliver.
  if (!update.message) {
    return { kind: 'ignored', updateId: update.update_id, reason: 'not a new message' };
  }

  const message = update.message;
  const attachments = attachmentsOf(message);
  const sharedPhone = message.contact ? parseMobile(message.contact.phone_number) : null;

  return {
    kind: 'message',
    inbound: {
      channel: 'telegram',
      messageKey: `telegram:update:${update.update_id}`,
      threadKey: `telegram:chat:${message.chat.id}`,
      sentAt: new Date(message.date * 1000),
      text: (message.text ?? message.caption ?? '').trim(),
      attachments,
      contact: {
        name: displayName(message),
        phone: sharedPhone?.ok ? sharedPhone.e164 : null,
        language: languageOf(message.from?.language_code),
        telegramChatId: message.chat.id,
      },
      externalId: `${message.chat.id}:${message.message_id}`,
    },
  };
}

function attachmentsOf(message: TelegramMessage): Attachment[] {
  const found: Attachment[] = [];

  // Telegram sends one photo in several sizes; the last is the largest.
  const largest = message.photo?.at(-1);
  if (largest) found.push({ kind: 'photo', fileId: largest.file_id });

  if (message.document) {
    found.push({
      kind: 'document',
      fileId: message.document.file_id,
      fileName: message.document.file_name,
      mimeType: message.document.mime_type,
    });
  }

  if (message.contact) {
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ');
    found.push({ kind: 'contact', phone: message.contact.phone_number, name: name || undefined });
  }

  return found;
}

function displayName(message: TelegramMessage): string | null {
  const user = message.from;
  if (!user) return null;

  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return name || user.username || null;
}

function languageOf(code: string | undefined): 'kk' | 'ru' | 'en' | null {
  const base = code?.slice(0, 2).toLowerCase();
  return base === 'kk' || base === 'ru' || base === 'en' ? base : null;
}
