import crypto from 'node:crypto';

import type { mongo } from 'mongoose';

import { DUPLICATE_KEY } from './duplicate-key';
import type { LockModel } from './locks';

/**
 * Many leases taken in one insert, for batch imports. The documents are
 * the ones `Locks.withLock` takes, one `_id` per locked key, so a batch and
 * a single writer of the same record exclude each other. A batch never
 * waits: the keys someone else holds come back as `busy`, and the caller
 * takes those one at a time with `withLock`, which waits and also breaks a
 * lease left behind by a crashed holder.
 */
export interface HeldLeases {
  token: string;
  held: string[];
  busy: string[];
}

/**
 * How long a batch may keep its leases, ms. Far longer than a single
 * writer's 15 s: on FerretDB 1.x every query scans its whole collection,
 * and a batch's one read of a thousand records takes tens of seconds once
 * the collection holds 100,000 (measured on a loaded two-core machine).
 */
export const BATCH_LEASE_MS = 120_000;

interface WriteFailure {
  index: number;
  code: number;
}

export async function takeLeases(
  locks: LockModel,
  keys: readonly string[],
  leaseMs = BATCH_LEASE_MS,
): Promise<HeldLeases> {
  const token = crypto.randomUUID();
  if (keys.length === 0) return { token, held: [], busy: [] };

  // Leases are about processes, not the desk's business clock: wall time.
  const expiresAt = new Date(Date.now() + leaseMs);
  const docs = keys.map((key) => ({ _id: key, token, expiresAt }));

  try {
    // The driver's own insert: the lease documents need no casting.
    const collection = locks.collection as unknown as mongo.Collection<(typeof docs)[number]>;
    await collection.insertMany(docs, { ordered: false });
    return { token, held: [...keys], busy: [] };
  } catch (err) {
    const failed = duplicateIndexes(err);
    if (failed === null) {
      await releaseLeases(locks, { token, held: [...keys] });
      throw err;
    }

    return {
      token,
      held: keys.filter((_key, index) => !failed.has(index)),
      busy: keys.filter((_key, index) => failed.has(index)),
    };
  }
}

/**
 * Releases a batch's leases by their shared token: one cheap predicate,
 * where FerretDB 1.x compares every lease with every key of an `$in`.
 */
export async function releaseLeases(
  locks: LockModel,
  leases: Pick<HeldLeases, 'token' | 'held'>,
): Promise<void> {
  if (leases.held.length === 0) return;
  await locks.deleteMany({ token: leases.token });
}

/**
 * The positions whose insert failed on a duplicate key, or null when any
 * other error happened: then nothing is known, and nothing may be kept.
 */
export function duplicateIndexes(err: unknown): Set<number> | null {
  // The driver types `writeErrors` as one error or a list of them.
  const reported = (err as { writeErrors?: WriteFailure | WriteFailure[] }).writeErrors;
  if (reported === undefined || reported === null) return null;

  const writeErrors = Array.isArray(reported) ? reported : [reported];
  if (writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) return null;

  return new Set(writeErrors.map((writeError) => writeError.index));
}
