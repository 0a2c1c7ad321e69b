import crypto from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

import { UnavailableError } from '../errors';
import { isDuplicateKey } from './duplicate-key';

/**
 * Short leases that serialise writers of one document.
 *
 * NOTE: FerretDB 1.x on SQLite applies an update by reading the document,
 * changing it and writing it back without isolation: measured here, five
 * concurrent `updateOne({ _id, version: 0 }, { $set: { version: 1 } })` all
 * report a match, and five concurrent `$inc` add two. A unique insert, on
 * the other hand, has exactly one winner on both FerretDB and MongoDB. So a
 * lease is a document whose `_id` is the thing locked: inserting it is
 * taking it. Every read-modify-write of a request happens under its lease.
 */
interface LockDoc {
  _id: string;
  token: string;
  expiresAt: Date;
}

const lockSchema = new Schema<LockDoc>(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'locks', versionKey: false },
);

export type LockModel = Model<LockDoc>;

export function lockModel(conn: Connection): LockModel {
  return conn.models.Lock ?? conn.model<LockDoc>('Lock', lockSchema);
}

export interface LockOptions {
  /** How long a holder may keep a lease before others may take it, ms. Default 15 000. */
  leaseMs?: number;
  /** How long to wait for a busy lease before giving up with 409, ms. Default 10 000. */
  waitMs?: number;
}

/**
 * A lease stayed taken for the whole wait: the record is busy, not in
 * conflict, so callers hear 503 and a time to retry, which a webhook
 * sender honours by delivering again rather than dropping the message.
 */
export class BusyError extends UnavailableError {
  readonly key: string;

  constructor(key: string) {
    super('BUSY', 'Someone else is changing this record right now; try again shortly');
    this.name = 'BusyError';
    this.key = key;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Locks {
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly locks: LockModel,
    options: LockOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.waitMs = options.waitMs ?? 10_000;
  }

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const token = await this.acquire(key);

    try {
      return await work();
    } finally {
      await this.locks.deleteOne({ _id: key, token });
    }
  }

  private async acquire(key: string): Promise<string> {
    const token = crypto.randomUUID();
    const giveUpAt = Date.now() + this.waitMs;
    let backoffMs = 5;

    // Leases are about processes, not the desk's business clock: wall time.
    for (;;) {
      try {
        await this.locks.create({
          _id: key,
          token,
          expiresAt: new Date(Date.now() + this.leaseMs),
        });
        return token;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }

      await this.breakIfExpired(key);
      if (Date.now() > giveUpAt) throw new BusyError(key);

      await pause(backoffMs + Math.random() * backoffMs);
      backoffMs = Math.min(backoffMs * 2, 100);
    }
  }

  /** A holder that crashed leaves its lease behind; past expiry it is removed. */
  private async breakIfExpired(key: string): Promise<void> {
    const held = await this.locks.findById(key).lean();
    if (held && held.expiresAt.getTime() < Date.now()) {
      await this.locks.deleteOne({ _id: key, token: held.token });
    }
  }
}
