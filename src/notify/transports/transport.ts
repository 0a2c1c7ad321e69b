import type { NoticeChannel } from '../../store/notice-model';

/** What a transport needs of a notice: its id doubles as the idempotency key. */
export interface OutgoingNotice {
  id: string;
  channel: NoticeChannel;
  to: string;
  text: string;
  subject?: string;
}

/** Resolves when the gateway accepted the notice; throws a `DeliveryError` otherwise. */
export interface Transport {
  send(notice: OutgoingNotice): Promise<void>;
  close(): Promise<void>;
}

export type Transports = Record<NoticeChannel, Transport>;
