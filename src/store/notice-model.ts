import { Schema, Types, type Connection, type Model } from 'mongoose';

import { NOTICE_KINDS, type NoticeKind } from '../domain/workflow/notices';

/**
 * The notices outbox (clause 15.4–15.5 and the registration, no-failure and
 * elimination notices of issue 3). A notice is written here first and only
 * then handed to BullMQ, so a lost job never loses a notice.
 *
 * `dedupeKey` carries the "never twice" guarantee: one notice per request,
 * kind, clock occurrence and channel. A unique insert has exactly one winner
 * even on FerretDB (see `locks.ts`); every later change of a notice happens
 * under its lease, `notice:<id>`.
 */
export { NOTICE_KINDS, type NoticeKind };

export const NOTICE_CHANNELS = ['telegram', 'chatbot', 'sms', 'email'] as const;

export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const NOTICE_LANGUAGES = ['kk', 'ru', 'en'] as const;

export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

/** pending → sending → sent, or back to pending after a failed attempt, or failed for good. */
export type NoticeStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface NoticeDoc {
  _id: Types.ObjectId;
  dedupeKey: string;
  requestId: Types.ObjectId;
  requestNumber: string;
  kind: NoticeKind;
  channel: NoticeChannel;
  /** A Telegram chat id, a chat-bot session id, an E.164 number or an e-mail address. */
  to: string;
  language: NoticeLanguage;
  text: string;
  subject?: string;
  /** The request clock this notice stops, e.g. `confirmationNotice`; null when none. */
  clock: string | null;
  clockOccurrence: number | null;
  status: NoticeStatus;
  /** Transport calls made so far, failed or not. */
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** The notice clock's deadline; null when the notice stops no clock. */
  dueAt: Date | null;
  /** When `onAtRisk` was raised for it; at most once per notice. */
  atRiskAt: Date | null;
  /** When the outcome (`onDelivered` / `onFailed`) was handed to the workflow. */
  reportedAt: Date | null;
}

const noticeSchema = new Schema<NoticeDoc>(
  {
    dedupeKey: { type: String, required: true, unique: true },
    requestId: { type: Schema.Types.ObjectId, required: true },
    requestNumber: { type: String, required: true },
    kind: { type: String, required: true, enum: NOTICE_KINDS },
    channel: { type: String, required: true, enum: NOTICE_CHANNELS },
    to: { type: String, required: true },
    language: { type: String, required: true, enum: NOTICE_LANGUAGES },
    text: { type: String, required: true },
    subject: { type: String },
    clock: { type: String, default: null },
    clockOccurrence: { type: Number, default: null },
    status: { type: String, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    dueAt: { type: Date, default: null },
    atRiskAt: { type: Date, default: null },
    reportedAt: { type: Date, default: null },
  },
  { collection: 'notices', versionKey: false, minimize: false },
);

noticeSchema.index({ requestId: 1, createdAt: 1 });
noticeSchema.index({ reportedAt: 1, createdAt: 1 });

export type NoticeModel = Model<NoticeDoc>;

export function noticeModel(conn: Connection): NoticeModel {
  return conn.models.Notice ?? conn.model<NoticeDoc>('Notice', noticeSchema);
}

/** Every change of a notice after its insert holds this lease (see `locks.ts`). */
export function noticeLockKey(id: Types.ObjectId | string): string {
  return `notice:${String(id)}`;
}

export function noticeDedupeKey(
  requestId: Types.ObjectId | string,
  kind: NoticeKind,
  clockOccurrence: number | null,
  channel: NoticeChannel,
): string {
  return `${String(requestId)}:${kind}:${clockOccurrence ?? 0}:${channel}`;
}
