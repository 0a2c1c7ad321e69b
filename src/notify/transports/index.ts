import type { Config } from '../../config';
import { chatbotTransport } from './chatbot';
import { emailTransport } from './email';
import { smsTransport } from './sms';
import { telegramTransport } from './telegram';
import type { Transports } from './transport';

export type { OutgoingNotice, Transport, Transports } from './transport';

export type TransportConfig = Pick<
  Config,
  | 'smsGatewayUrl'
  | 'telegramApiUrl'
  | 'telegramBotToken'
  | 'chatbotCallbackUrl'
  | 'chatbotWebhookSecret'
  | 'smtpUrl'
  | 'smtpFrom'
>;

/** One transport per channel, built once per process from the config. */
export function createTransports(config: TransportConfig, timeoutMs: number): Transports {
  return {
    sms: smsTransport(config.smsGatewayUrl, timeoutMs),
    telegram: telegramTransport(config.telegramApiUrl, config.telegramBotToken, timeoutMs),
    chatbot: chatbotTransport(config.chatbotCallbackUrl, config.chatbotWebhookSecret, timeoutMs),
    email: emailTransport(config.smtpUrl, config.smtpFrom, timeoutMs),
  };
}

export async function closeTransports(transports: Transports): Promise<void> {
  await Promise.all(Object.values(transports).map((transport) => transport.close()));
}
