import { Schema, Types, type Connection, type Model } from 'mongoose';

/**
 * Which request a conversation (a Telegram chat, a chat-bot session) is
 * attached to. Read and changed only under the conversation's lease.
 */
interface ThreadDoc {
  _id: string;
  requestId: Types.ObjectId;
}

const threadSchema = new Schema<ThreadDoc>(
  {
    _id: { type: String, required: true },
    requestId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'threads', versionKey: false },
);

export type ThreadModel = Model<ThreadDoc>;

export function threadModel(conn: Connection): ThreadModel {
  return conn.models.Thread ?? conn.model<ThreadDoc>('Thread', threadSchema);
}

export async function threadRequest(
  threads: ThreadModel,
  key: string,
): Promise<Types.ObjectId | null> {
  const doc = await threads.findById(key).lean();
  return doc?.requestId ?? null;
}

export async function attachThread(
  threads: ThreadModel,
  key: string,
  requestId: Types.ObjectId,
): Promise<void> {
  await threads.updateOne({ _id: key }, { $set: { requestId } }, { upsert: true });
}
