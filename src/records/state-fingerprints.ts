import crypto from 'node:crypto';
import type { mongo } from 'mongoose';

import type {
  FingerprintDoc,
  FingerprintModel,
  FingerprintProbeDoc,
  FingerprintProbeModel,
} from '../store/fingerprint-model';
import { duplicateIndexes } from '../store/bulk-leases';
import { isDuplicateKey } from '../store/duplicate-key';
import { canonicalJson } from './field-changes';

/**
 * The hash of a gateway row, normalised: key order and absent optionals
 * do not change it. The prefix names the rules that merge a row into a
 * record (participant-merge.ts); a change of those rules changes it, so old
 * fingerprints simply stop matching.
 */
export function gatewayRowHash(row: unknown): string {
  const digest = crypto
    .createHash('sha256')
    .update(`v1:${canonicalJson(row)}`)
    .digest();
  return digest.toString('base64url').slice(0, 22);
}

export function fingerprintId(key: string, hash: string): string {
  return `${key}:${hash}`;
}

export interface StateFingerprintsDeps {
  fingerprints: FingerprintModel;
  probes: FingerprintProbeModel;
}

/**
 * Tells an unchanged row by inserting its fingerprint: a duplicate means
 * the record already holds that gateway row, and nothing is read or written.
 * On FerretDB 1.x, where every read scans its collection, this is what
 * makes re-importing 100,000 unchanged rows take a minute rather than hours.
 *
 * A wrong fingerprint would hide a change, so the rules are:
 * - a fingerprint goes away before its record's gateway row changes;
 * - a single writer inserts the new one after writing the record;
 * - a batch inserts its rows' fingerprints before writing (that is the
 *   probe), so it first notes them as probes under its token, and removes
 *   the notes once every record of the batch is written. A note still there
 *   when someone holds the key's lease is left by a batch that failed or
 *   died; its fingerprint is dropped. A missing fingerprint is always safe.
 */
export class StateFingerprints {
  constructor(private readonly deps: StateFingerprintsDeps) {}

  /**
   * Drops what failed batches left for these keys. The caller holds their
   * leases, so no batch that noted them is still writing.
   */
  async clearStale(keys: readonly string[], ownToken: string | null): Promise<void> {
    const { probes, fingerprints } = this.deps;
    const wanted = new Set(keys);

    // The probe notes are few: only batches in flight, or failed ones.
    const filter = ownToken === null ? {} : { token: { $ne: ownToken } };
    const stale = (await probes.find(filter).lean()).filter((probe) => wanted.has(probe.key));
    if (stale.length === 0) return;

    await fingerprints.deleteMany({ _id: { $in: stale.map((probe) => probe.fingerprint) } });
    await probes.deleteMany({ _id: { $in: stale.map((probe) => probe._id) } });
  }

  /**
   * Notes the batch's fingerprints, then inserts them; the positions whose
   * fingerprint was there already, that is the rows that change nothing.
   */
  async probe(token: string, entries: readonly { key: string; id: string }[]) {
    if (entries.length === 0) return new Set<number>();

    const notes = entries.map(({ key, id }) => ({
      _id: `${token}:${id}`,
      token,
      key,
      fingerprint: id,
    }));
    await native<FingerprintProbeDoc>(this.deps.probes).insertMany(notes, { ordered: false });

    try {
      const docs = entries.map(({ id }) => ({ _id: id }));
      await native<FingerprintDoc>(this.deps.fingerprints).insertMany(docs, { ordered: false });
      return new Set<number>();
    } catch (err) {
      const present = duplicateIndexes(err);
      if (present === null) throw err;
      return present;
    }
  }

  /** The batch's records are all written: its probes stand as fingerprints. */
  async settle(token: string): Promise<void> {
    await this.deps.probes.deleteMany({ token });
  }

  /** Before records leave the gateway rows these fingerprints name. */
  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.deps.fingerprints.deleteMany({ _id: { $in: [...ids] } });
  }

  /** After a single writer wrote its record. */
  async remember(id: string): Promise<void> {
    try {
      await this.deps.fingerprints.create({ _id: id });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
}

/** The driver's collection: these documents need no casting. */
function native<T extends mongo.Document>(model: { collection: unknown }): mongo.Collection<T> {
  return model.collection as mongo.Collection<T>;
}
