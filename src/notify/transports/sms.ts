import { DeliveryError } from '../delivery-error';
import { postJson } from './http-json';
import type { OutgoingNotice, Transport } from './transport';

/**
 * The SMS gateway: POST `{ to, text, clientMessageId }` as JSON. The notice
 * id goes as `clientMessageId` and as the `Idempotency-Key` header, so the
 * gateway drops a repeat sent after a crash between its answer and our
 * record of it.
 */
export function smsTransport(gatewayUrl: string | null, timeoutMs: number): Transport {
  return {
    async send(notice: OutgoingNotice) {
      if (!gatewayUrl) throw notConfigured('SMS gateway', 'SMS_GATEWAY_URL');

      await postJson(
        gatewayUrl,
        { to: notice.to, text: notice.text, clientMessageId: notice.id },
        { gateway: 'SMS gateway', timeoutMs, headers: { 'Idempotency-Key': notice.id } },
      );
    },
    async close() {},
  };
}

/**
 * A missing setting fails the attempt rather than the notice: the operator
 * may fix the environment and restart before the retries run out.
 */
export function notConfigured(gateway: string, setting: string): DeliveryError {
  const message = `${gateway} is not configured: set ${setting}`;
  return new DeliveryError('TRANSPORT_NOT_CONFIGURED', message, { retryable: true });
}
