import nodemailer from 'nodemailer';

import { DeliveryError } from '../delivery-error';
import { notConfigured } from './sms';
import type { OutgoingNotice, Transport } from './transport';

/**
 * E-mail through nodemailer's SMTP transport, from `SMTP_URL`. SMTP has no
 * idempotency key; the notice id goes into the `Message-ID`, by which mail
 * stores and clients fold a repeat into one message.
 */
export function emailTransport(
  smtpUrl: string | null,
  from: string,
  timeoutMs: number,
): Transport {
  const mailer = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      })
    : null;
  const domain = from.split('@')[1] ?? 'desk.local';

  return {
    async send(notice: OutgoingNotice) {
      if (!mailer) throw notConfigured('E-mail', 'SMTP_URL');

      try {
        await mailer.sendMail({
          from,
          to: notice.to,
          subject: notice.subject ?? '',
          text: notice.text,
          messageId: `<notice-${notice.id}@${domain}>`,
        });
      } catch (err) {
        throw smtpError(err);
      }
    },
    async close() {
      mailer?.close();
    },
  };
}

/** SMTP 5xx replies are permanent (no such mailbox, refused); 4xx and broken links are not. */
function smtpError(err: unknown): DeliveryError {
  const { responseCode, code, message } = err as {
    responseCode?: number;
    code?: string;
    message?: string;
  };
  const permanent = responseCode !== undefined && responseCode >= 500;
  const reason = responseCode ? `SMTP ${responseCode}` : (code ?? 'SMTP error');

  return new DeliveryError(
    permanent ? 'GATEWAY_REJECTED' : 'GATEWAY_UNAVAILABLE',
    `e-mail not accepted (${reason}): ${String(message ?? '').slice(0, 200)}`,
    { retryable: !permanent, status: responseCode, cause: err },
  );
}
