import mongoose from 'mongoose';

import { requestModel } from '../../src/store/request-model';

/**
 * What one intake's dedupe look-up costs once the load has filled the
 * desk's database: `requests.findOne({ originKey })` for a key that is not
 * there (every new message makes this query), against a look-up by `_id`.
 */
export interface StoreProbe {
  requests: number;
  findByOriginKeyMs: number;
  findByIdMs: number;
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
    const any = await requests.findOne({}, { _id: 1 }).lean();

    return {
      requests: count,
      findByOriginKeyMs: await timed(3, () => requests.findOne({ originKey: 'absent' }).lean()),
      findByIdMs: await timed(3, () => requests.findById(any?._id).lean()),
    };
  } finally {
    await conn.close();
  }
}
