import { Schema, Types, type Connection, type Model } from 'mongoose';

/**
 * Who opened which full record, when and why (issue 5: opening a full
 * record is logged with who and why). Entries are only ever inserted.
 */
export interface RecordAccessDoc {
  _id: Types.ObjectId;
  at: Date;
  actor: string;
  role: string;
  recordKind: 'participant';
  /** The participant's IIN, in full: this log is itself the audit trail. */
  recordId: string;
  reason: string;
}

const recordAccessSchema = new Schema<RecordAccessDoc>(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    role: { type: String, required: true },
    recordKind: { type: String, required: true },
    recordId: { type: String, required: true },
    reason: { type: String, required: true },
  },
  { collection: 'record_access', versionKey: false },
);

recordAccessSchema.index({ recordKind: 1, recordId: 1, at: -1 });
recordAccessSchema.index({ actor: 1, at: -1 });

export type RecordAccessModel = Model<RecordAccessDoc>;

export function recordAccessModel(conn: Connection): RecordAccessModel {
  return (
    conn.models.RecordAccess ?? conn.model<RecordAccessDoc>('RecordAccess', recordAccessSchema)
  );
}
