import { Schema, type Connection, type Model } from 'mongoose';

import type { Locks } from './locks';

/** Named sequences (`request:2026` → 1, 2, 3 …). */
interface CounterDoc {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);

export type CounterModel = Model<CounterDoc>;

export function counterModel(conn: Connection): CounterModel {
  return conn.models.Counter ?? conn.model<CounterDoc>('Counter', counterSchema);
}

/** The next number of a sequence; under a lease, since `$inc` alone races on FerretDB. */
export async function nextSequence(
  counters: CounterModel,
  leases: Locks,
  name: string,
): Promise<number> {
  return leases.withLock(`counter:${name}`, async () => {
    const doc = await counters
      .findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, new: true })
      .lean();
    return doc!.seq;
  });
}
