import { Schema, Types, type Connection, type Model, type mongo } from 'mongoose';

import { isDuplicateKey } from './duplicate-key';

/**
 * Which request a conversation (a Telegram chat, a chat-bot session) is
 * attached to. A conversation's first message claims it with one insert;
 * afterwards it is read and changed only under the conversation's lease.
 */
interface ThreadDoc {
  _id: string;
  requestId: Types.ObjectId;
  /** When the request was attached; absent on threads written before it was kept. */
  claimedAt?: Date;
  /** The conversation's earlier requests, oldest first, so a late redelivery is known. */
  previous?: Types.ObjectId[];
}

const threadSchema = new Schema<ThreadDoc>(
  {
    _id: { type: String, required: true },
    requestId: { type: Schema.Types.ObjectId, required: true },
    claimedAt: { type: Date },
    previous: { type: [Schema.Types.ObjectId], default: undefined },
  },
  { collection: 'threads', versionKey: false },
);

export type ThreadModel = Model<ThreadDoc>;

export interface ThreadLink {
  requestId: Types.ObjectId;
  claimedAt: Date | null;
  previous: Types.ObjectId[];
}

export function threadModel(conn: Connection): ThreadModel {
  return conn.models.Thread ?? conn.model<ThreadDoc>('Thread', threadSchema);
}

export async function threadRequest(
  threads: ThreadModel,
  key: string,
): Promise<ThreadLink | null> {
  const doc = await threads.findById(key).lean();
  if (!doc) return null;
  const { requestId, claimedAt, previous } = doc;
  return { requestId, claimedAt: claimedAt ?? null, previous: previous ?? [] };
}

/** True when this call attached the conversation; false when it already had a request. */
export async function claimThread(
  threads: ThreadModel,
  key: string,
  requestId: Types.ObjectId,
  at: Date,
): Promise<boolean> {
  // The driver's insert, not a mongoose document: the claim is three known
  // fields on the intake's hot path, where a portal outage lands.
  try {
    const claims = threads.collection as unknown as mongo.Collection<ThreadDoc>;
    await claims.insertOne({ _id: key, requestId, claimedAt: at });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Undoes a claim whose request was never written, so the next message need not wait. */
export async function releaseClaim(
  threads: ThreadModel,
  key: string,
  requestId: Types.ObjectId,
): Promise<void> {
  await threads.deleteOne({ _id: key, requestId });
}

/** Moves the conversation to a request, remembering the one it leaves. */
export async function attachThread(
  threads: ThreadModel,
  key: string,
  requestId: Types.ObjectId,
  at: Date,
  leaving: Types.ObjectId | null,
): Promise<void> {
  const update = {
    $set: { requestId, claimedAt: at },
    ...(leaving && { $push: { previous: leaving } }),
  };
  await threads.updateOne({ _id: key }, update, { upsert: true });
}
