import { Schema, Types, type Connection, type Model } from 'mongoose';

import { historySchema, type HistoryEntry } from './request-model';

/**
 * A technical failure of the portal, as the portal administrator decides
 * it (clause 15.4–15.5). Requests link to it; its decisions apply to all of
 * them. Each decision keeps the instant it was taken, so a request linked
 * later, or caught up after a crash, starts its clocks from the truth.
 */
export interface IncidentDoc {
  _id: Types.ObjectId;
  number: string;
  title: string;
  status: string;
  version: number;
  createdAt: Date;
  createdBy: string;
  plannedFixAt: Date | null;
  explanation: string | null;
  note: string | null;
  confirmedAt: Date | null;
  refutedAt: Date | null;
  fixStartedAt: Date | null;
  eliminatedAt: Date | null;
  history: HistoryEntry[];
}

const incidentSchema = new Schema<IncidentDoc>(
  {
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    status: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    plannedFixAt: { type: Date, default: null },
    explanation: { type: String, default: null },
    note: { type: String, default: null },
    confirmedAt: { type: Date, default: null },
    refutedAt: { type: Date, default: null },
    fixStartedAt: { type: Date, default: null },
    eliminatedAt: { type: Date, default: null },
    history: { type: [historySchema], default: [] },
  },
  { collection: 'incidents', versionKey: false, minimize: false },
);

incidentSchema.index({ status: 1 });

export type IncidentModel = Model<IncidentDoc>;

export function incidentModel(conn: Connection): IncidentModel {
  return conn.models.Incident ?? conn.model<IncidentDoc>('Incident', incidentSchema);
}

export function incidentLockKey(id: Types.ObjectId | string): string {
  return `incident:${String(id)}`;
}
