import crypto from 'node:crypto';

import { postJson } from './http-json';
import { notConfigured } from './sms';
import type { OutgoingNotice, Transport } from './transport';

/**
 * Replies to a chat-bot session: POST `{ sessionId, text, noticeId }` to the
 * chat-bot's callback URL. `noticeId` (also the `Idempotency-Key` header)
 * lets the chat-bot drop a repeat. When the desk shares a secret with the
 * chat-bot, the body is signed the way the chat-bot signs its own webhooks:
 * `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 */
export function chatbotTransport(
  callbackUrl: string | null,
  secret: string | null,
  timeoutMs: number,
): Transport {
  return {
    async send(notice: OutgoingNotice) {
      if (!callbackUrl) throw notConfigured('Chat-bot callback', 'CHATBOT_CALLBACK_URL');

      const body = { sessionId: notice.to, text: notice.text, noticeId: notice.id };
      const headers: Record<string, string> = { 'Idempotency-Key': notice.id };
      if (secret) headers['X-Signature'] = signature(JSON.stringify(body), secret);

      await postJson(callbackUrl, body, { gateway: 'Chat-bot callback', timeoutMs, headers });
    },
    async close() {},
  };
}

function signature(raw: string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;
}
