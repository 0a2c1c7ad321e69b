import { Schema, Types, type Connection, type Model } from 'mongoose';

import type { ClockRecord } from '../domain/workflow/clocks';
import type { NoticePlan } from '../domain/workflow/notices';

/**
 * A participant's request, from receipt to closing. Instants are stored as
 * UTC `Date`s and rendered in Astana time at the edges.
 *
 * `version` increases with every workflow transition: transitions are
 * conditional updates on (`_id`, `status`, `version`), so two operators, or
 * a stale background job, can never undo each other's work.
 */

export interface Attachment {
  kind: 'photo' | 'document' | 'contact' | 'file';
  fileId?: string;
  fileName?: string;
  mimeType?: string;
  phone?: string;
  name?: string;
}

export interface Message {
  key: string;
  at: Date;
  from: 'participant' | 'operator' | 'desk';
  text: string;
  attachments: Attachment[];
}

export interface Contact {
  name: string | null;
  phone: string | null;
  iin: string | null;
  email: string | null;
  language: 'kk' | 'ru' | 'en' | null;
  telegramChatId?: number | null;
  chatbotSessionId?: string | null;
}

export type { ClockRecord };

export interface HistoryEntry {
  at: Date;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  comment: string | null;
}

export interface RequestDoc {
  _id: Types.ObjectId;
  number: string;
  year: number;
  seq: number;
  channel: string;
  originKey: string;
  threadKey: string | null;
  receivedAt: Date;
  createdAt: Date;
  contact: Contact;
  description: string;
  externalId: string | null;
  messages: Message[];
  status: string;
  version: number;
  clocks: Record<string, ClockRecord>;
  history: HistoryEntry[];
  incidentId: Types.ObjectId | null;
  participantIin: string | null;
  assignee: string | null;
  findings: string | null;
  outbox: NoticePlan[];
  outboxPending: boolean;
}

const attachmentSchema = new Schema<Attachment>(
  {
    kind: { type: String, required: true },
    fileId: String,
    fileName: String,
    mimeType: String,
    phone: String,
    name: String,
  },
  { _id: false },
);

const messageSchema = new Schema<Message>(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
    from: { type: String, required: true },
    text: { type: String, default: '' },
    attachments: { type: [attachmentSchema], default: [] },
  },
  { _id: false },
);

export const historySchema = new Schema<HistoryEntry>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    fromStatus: { type: String, default: null },
    toStatus: { type: String, required: true },
    comment: { type: String, default: null },
  },
  { _id: false },
);

const requestSchema = new Schema<RequestDoc>(
  {
    number: { type: String, required: true, unique: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    channel: { type: String, required: true },
    originKey: { type: String, required: true, unique: true },
    threadKey: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    contact: {
      name: { type: String, default: null },
      phone: { type: String, default: null },
      iin: { type: String, default: null },
      email: { type: String, default: null },
      language: { type: String, default: null },
      telegramChatId: { type: Number, default: null },
      chatbotSessionId: { type: String, default: null },
    },
    description: { type: String, default: '' },
    externalId: { type: String, default: null },
    messages: { type: [messageSchema], default: [] },
    status: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    clocks: { type: Schema.Types.Mixed, default: {} },
    history: { type: [historySchema], default: [] },
    incidentId: { type: Schema.Types.ObjectId, default: null },
    participantIin: { type: String, default: null },
    assignee: { type: String, default: null },
    findings: { type: String, default: null },
    outbox: { type: Schema.Types.Mixed, default: [] },
    outboxPending: { type: Boolean, default: false },
  },
  { collection: 'requests', versionKey: false, minimize: false },
);

requestSchema.index({ status: 1, receivedAt: -1 });
requestSchema.index({ receivedAt: -1 });
requestSchema.index({ incidentId: 1 });

export type RequestModel = Model<RequestDoc>;

/** Every read-modify-write of a request holds this lease (see `locks.ts`). */
export function requestLockKey(id: Types.ObjectId | string): string {
  return `request:${String(id)}`;
}

export function requestModel(conn: Connection): RequestModel {
  return conn.models.Request ?? conn.model<RequestDoc>('Request', requestSchema);
}
