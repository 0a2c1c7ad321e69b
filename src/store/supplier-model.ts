import { Schema, type Connection, type Model } from 'mongoose';

import type { Supplier, SupplierDirection, SupplierKind } from '../domain/records';
import { recordChangeSchema, type RecordChange } from './participant-model';

/**
 * A supplier of special social services (issue 5), keyed on its BIN, or on
 * the IIN of an entrepreneur or personal assistant. `card` is the record as
 * the gateway sent it; `directions` are derived from its OKED codes through
 * the direction table at `directionsVersion`.
 */
export interface SupplierDoc {
  _id: string;
  /** An opaque handle for lists, which must not show an individual's IIN. */
  ref: string;
  kind: SupplierKind;
  card: Supplier;
  directions: SupplierDirection[];
  directionsVersion: number;
  searchKey: string;
  searchWords: string[];
  history: RecordChange[];
  createdAt: Date;
  updatedAt: Date;
}

const supplierSchema = new Schema<SupplierDoc>(
  {
    _id: { type: String, required: true },
    ref: { type: String, required: true },
    kind: { type: String, required: true },
    card: { type: Schema.Types.Mixed, required: true },
    directions: { type: [String], default: [] },
    directionsVersion: { type: Number, required: true },
    searchKey: { type: String, required: true },
    searchWords: { type: [String], default: [] },
    history: { type: [recordChangeSchema], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'suppliers', versionKey: false, minimize: false },
);

supplierSchema.index({ ref: 1 }, { unique: true });
supplierSchema.index({ searchWords: 1 });
supplierSchema.index({ directionsVersion: 1 });

export type SupplierModel = Model<SupplierDoc>;

export function supplierModel(conn: Connection): SupplierModel {
  return conn.models.Supplier ?? conn.model<SupplierDoc>('Supplier', supplierSchema);
}

/** Every read-modify-write of a supplier holds this lease (see `locks.ts`). */
export function supplierLockKey(id: string): string {
  return `supplier:${id}`;
}
