import { DeliveryError } from '../delivery-error';
import { postJson } from './http-json';
import { notConfigured } from './sms';
import type { OutgoingNotice, Transport } from './transport';

/**
 * Telegram Bot API `sendMessage`, plain text (no `parse_mode`: a participant's
 * own words in a notice must not be read as markup).
 *
 * ATTENTION: the Bot API takes no idempotency key. A worker that dies after
 * Telegram accepted a message but before the notice was marked sent sends
 * it again on retry: the one place a participant can see a notice twice.
 */
export function telegramTransport(
  apiUrl: string,
  botToken: string | null,
  timeoutMs: number,
): Transport {
  const base = apiUrl.replace(/\/+$/, '');

  return {
    async send(notice: OutgoingNotice) {
      if (!botToken) throw notConfigured('Telegram', 'TELEGRAM_BOT_TOKEN');

      const answer = (await postJson(
        `${base}/bot${botToken}/sendMessage`,
        { chat_id: chatId(notice.to), text: notice.text },
        { gateway: 'Telegram', timeoutMs },
      )) as { ok?: boolean; description?: string } | null;

      if (answer?.ok !== true) {
        throw new DeliveryError(
          'GATEWAY_UNAVAILABLE',
          `Telegram did not confirm: ${answer?.description ?? 'no "ok" in its answer'}`,
          { retryable: true },
        );
      }
    },
    async close() {},
  };
}

/** Private chats have numeric ids; channels may be addressed as `@name`. */
function chatId(to: string): number | string {
  return /^-?\d+$/.test(to) ? Number(to) : to;
}
