import mongoose from 'mongoose';

import { requestModel } from '../../src/store/request-model';

/**
 * What a look-up costs once the load has filled the desk's database: by
 * `originKey` for a key that is not there, and by `_id` for the first and
 * the newest request stored. FerretDB 1.x reads the collection up to the
 * match whatever the field, so the newest request, the one a follow-up
 * message or an operator wants, costs nearly a full read.
 */
export interface StoreProbe {
  requests: number;
  findByOriginKeyMs: number;
  findByIdMs: number;
  findNewestByIdMs: number;
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  for (let i = 0; i < times; i += 1) await work();
  return Math.round(((performance.now() - began) / times) * 10) / 10;
}

export async function probeStore(uri: string): Promise<StoreProbe> {
  const conn = await mongoose.createConnection(uri).asPromise();
  try {
    const requests = requestModel(conn);
    const count = await requests.countDocuments();
    const first = await requests.findOne({}, { _id: 1 }).lean();
    const newest = await requests.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean();

    return {
      requests: count,
      findByOriginKeyMs: await timed(3, () => requests.findOne({ originKey: 'absent' }).lean()),
      findByIdMs: await timed(3, () => requests.findById(first?._id).lean()),
      findNewestByIdMs: await timed(3, () => requests.findById(newest?._id).lean()),
    };
  } finally {
    await conn.close();
  }
}
