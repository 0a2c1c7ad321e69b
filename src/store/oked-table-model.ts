import { Schema, type Connection, type Model } from 'mongoose';

import type { DirectionRule } from '../domain/records';

/**
 * The direction table a supervisor edits (rules clause 13): which OKED
 * classes open which supplier directions. One document, `_id: 'current'`,
 * seeded from config/oked-directions.json when the collection is empty.
 * `version` grows with every edit, so suppliers can tell whether their
 * stored directions were derived from the table in force.
 */
export interface OkedTableDoc {
  _id: string;
  version: number;
  rules: DirectionRule[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

const okedTableSchema = new Schema<OkedTableDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    rules: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, default: null },
    updatedBy: { type: String, default: null },
  },
  { collection: 'oked_directions', versionKey: false, minimize: false },
);

export type OkedTableModel = Model<OkedTableDoc>;

export const CURRENT_OKED_TABLE = 'current';

export function okedTableModel(conn: Connection): OkedTableModel {
  return conn.models.OkedTable ?? conn.model<OkedTableDoc>('OkedTable', okedTableSchema);
}

/** Edits of the table, and recomputing suppliers after one, hold this lease. */
export const OKED_TABLE_LOCK_KEY = 'oked-directions';
