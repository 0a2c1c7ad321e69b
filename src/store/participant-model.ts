import { Schema, type Connection, type Model } from 'mongoose';

import type { Sex } from '../domain/identifiers';
import type {
  IdentityDocument,
  Language,
  ParticipantCategory,
  Representative,
} from '../domain/records';

/**
 * A participant of the special social services (issue 5), keyed on the
 * IIN. The top-level fields are the record as operators see it: the
 * gateway's data, with the participant's own corrections of the mobile
 * number and e-mail laid over it (see `src/records/participant-merge.ts`).
 */

/** Who made a change: the gateway feed, the participant (through an operator), or staff. */
export type ChangeSource = 'gateway' | 'participant' | 'operator';

/** Where the current phone or e-mail came from. */
export type ContactSource = 'gateway' | 'participant';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface RecordChange {
  at: Date;
  source: ChangeSource;
  actor: string;
  action: 'create' | 'update' | 'correct';
  /** Empty for `create`: the first version is the record itself. */
  changes: FieldChange[];
}

/** The fields of the input contract, absent optionals stored as null. */
export interface ParticipantFields {
  surname: string;
  name: string;
  patronymic: string | null;
  birthDate: string;
  sex: Sex;
  address: string | null;
  phone: string;
  email: string | null;
  document: IdentityDocument;
  category: ParticipantCategory;
  representatives: Representative[];
  language: Language;
}

export interface ParticipantDoc extends ParticipantFields {
  /** The IIN. */
  _id: string;
  /** An opaque handle for lists, which must not show the IIN (issue 5). */
  ref: string;
  /** The hash of the gateway row last applied (src/records/state-fingerprints.ts). */
  gatewayFingerprint: string;
  /** What the gateway last sent for the two fields the participant may correct. */
  gatewayContact: { phone: string; email: string | null };
  contactSource: { phone: ContactSource; email: ContactSource };
  searchKey: string;
  searchWords: string[];
  history: RecordChange[];
  createdAt: Date;
  updatedAt: Date;
}

export const recordChangeSchema = new Schema<RecordChange>(
  {
    at: { type: Date, required: true },
    source: { type: String, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    changes: { type: Schema.Types.Mixed, default: [] },
  },
  { _id: false },
);

const participantSchema = new Schema<ParticipantDoc>(
  {
    _id: { type: String, required: true },
    ref: { type: String, required: true },
    surname: { type: String, required: true },
    name: { type: String, required: true },
    patronymic: { type: String, default: null },
    birthDate: { type: String, required: true },
    sex: { type: String, required: true },
    address: { type: String, default: null },
    phone: { type: String, required: true },
    email: { type: String, default: null },
    document: { type: Schema.Types.Mixed, required: true },
    category: { type: String, required: true },
    representatives: { type: Schema.Types.Mixed, default: [] },
    language: { type: String, required: true },
    gatewayFingerprint: { type: String, required: true },
    gatewayContact: { type: Schema.Types.Mixed, required: true },
    contactSource: { type: Schema.Types.Mixed, required: true },
    searchKey: { type: String, required: true },
    searchWords: { type: [String], default: [] },
    history: { type: [recordChangeSchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'participants', versionKey: false, minimize: false },
);

participantSchema.index({ ref: 1 }, { unique: true });
participantSchema.index({ phone: 1 });
participantSchema.index({ searchWords: 1 });

export type ParticipantModel = Model<ParticipantDoc>;

export function participantModel(conn: Connection): ParticipantModel {
  return conn.models.Participant ?? conn.model<ParticipantDoc>('Participant', participantSchema);
}

/** Every read-modify-write of a participant holds this lease (see `locks.ts`). */
export function participantLockKey(iin: string): string {
  return `participant:${iin}`;
}
