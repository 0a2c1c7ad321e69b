import type { Model, mongo } from 'mongoose';

import { duplicateIndexes, releaseLeases, takeLeases } from '../store/bulk-leases';
import { BusyError, type LockModel, type Locks } from '../store/locks';
import type { RecordChange } from '../store/participant-model';
import type { RecordOutcome, RecordPlan } from './record-plan';
import type { StateFingerprints } from './state-fingerprints';

/** A stored record: keyed on an IIN or BIN, with a history of changes. */
export interface KeyedRecord {
  _id: string;
  history: RecordChange[];
  updatedAt: Date;
}

export type Planner<V, D> = (existing: D | null, value: V) => RecordPlan<D>;

export interface BatchItem<V> {
  key: string;
  value: V;
}

/** What became of a batch item, or `busy` when its lease never came. */
export type BatchResult = { kind: RecordOutcome } | { kind: 'busy'; error: BusyError };

/** How a record's gateway row is fingerprinted (see state-fingerprints.ts). */
export interface FingerprintRules<V, D> {
  states: StateFingerprints;
  ofValue(key: string, value: V): string;
  /** Null when the record holds no gateway row yet. */
  ofDoc(doc: D): string | null;
}

export interface LeasedWriterDeps<D, V> {
  model: Model<D>;
  locks: LockModel;
  leases: Locks;
  lockKey(key: string): string;
  fingerprints?: FingerprintRules<V, D>;
}

/**
 * Writes records by key under their leases (FerretDB 1.x applies updates
 * without isolation, see locks.ts): read, plan, write, and nothing at all
 * for a record that would not change.
 *
 * NOTE: FerretDB 1.x on SQLite pushes no filter down (its `explain` says
 * `filterPushdown: false`): every query, update and delete reads its whole
 * collection, measured at 10 µs a document for `_id` equality and 100 µs
 * for other filters on a quiet two-core machine, ten times that under load.
 * Only an insert costs the same whatever the size of the collection. So a
 * batch tells unchanged rows by inserting their fingerprints, creates new
 * records by inserting them, and reads only the records that exist and
 * change, all in one query. On MongoDB every step uses a unique index.
 */
export class LeasedWriter<D extends KeyedRecord, V> {
  constructor(private readonly deps: LeasedWriterDeps<D, V>) {}

  /** One record, waiting for its lease; `plan` sees the stored record or null. */
  async writeOne(
    key: string,
    plan: (existing: D | null) => RecordPlan<D> | Promise<RecordPlan<D>>,
  ): Promise<RecordPlan<D>> {
    const { model, leases, lockKey, fingerprints } = this.deps;

    return leases.withLock(lockKey(key), async () => {
      await fingerprints?.states.clearStale([key], null);

      const existing = (await model.findById(key).lean()) as D | null;
      const planned = await plan(existing);

      const before = existing && fingerprints ? fingerprints.ofDoc(existing) : null;
      const after = fingerprints ? fingerprints.ofDoc(planned.doc) : null;
      if (before !== null && before !== after) await fingerprints?.states.forget([before]);

      await this.apply([planned]);

      if (after !== null) await fingerprints?.states.remember(after);
      return planned;
    });
  }

  /**
   * Records with distinct keys, in one pass: leases taken together,
   * unchanged rows told by their fingerprints, new records inserted
   * together, existing ones read and updated together. `makePlanner` runs
   * once the leases are held, so what it reads (the direction table, say)
   * is as fresh as the records. A key someone else holds is written
   * afterwards on its own, waiting for its lease.
   */
  async writeMany(
    items: readonly BatchItem<V>[],
    makePlanner: () => Promise<Planner<V, D>>,
  ): Promise<BatchResult[]> {
    const { locks, lockKey, fingerprints } = this.deps;
    const results: BatchResult[] = new Array(items.length);

    const leases = await takeLeases(
      locks,
      items.map((item) => lockKey(item.key)),
    );
    const busy = new Set(leases.busy);
    const isBusy = (item: BatchItem<V>) => busy.has(lockKey(item.key));

    try {
      let held = items.flatMap((item, index) => (isBusy(item) ? [] : [index]));
      if (fingerprints) held = await this.skipUnchanged(items, held, leases.token, results);

      await this.writeHeld(items, held, await makePlanner(), results);
      await fingerprints?.states.settle(leases.token);
    } finally {
      await releaseLeases(locks, leases);
    }

    for (const [index, item] of items.entries()) {
      if (isBusy(item)) results[index] = await this.writeWaiting(item, makePlanner);
    }
    return results;
  }

  /**
   * Rewrites stored records, such as suppliers after a new direction table.
   * Keys someone else holds are skipped and returned, for a later pass.
   */
  async rewriteMany(
    keys: readonly string[],
    makePlanner: () => Promise<(existing: D) => RecordPlan<D>>,
  ): Promise<{ plans: RecordPlan<D>[]; busy: string[] }> {
    const { model, locks, lockKey } = this.deps;
    const leases = await takeLeases(locks, keys.map(lockKey));
    const busy = new Set(leases.busy);

    try {
      const held = keys.filter((key) => !busy.has(lockKey(key)));
      const plan = await makePlanner();
      const stored = held.length > 0 ? await model.find({ _id: { $in: held } }).lean() : [];

      const plans = (stored as D[]).map((doc) => plan(doc));
      await this.apply(plans);
      return { plans, busy: keys.filter((key) => busy.has(lockKey(key))) };
    } finally {
      await releaseLeases(locks, leases);
    }
  }

  /** Marks rows whose fingerprint is stored as unchanged; the rest still to write. */
  private async skipUnchanged(
    items: readonly BatchItem<V>[],
    indexes: number[],
    token: string,
    results: BatchResult[],
  ): Promise<number[]> {
    const { states, ofValue } = this.deps.fingerprints!;
    await states.clearStale(
      indexes.map((index) => items[index].key),
      token,
    );

    const entries = indexes.map((index) => {
      const { key, value } = items[index];
      return { key, id: ofValue(key, value) };
    });
    const unchanged = await states.probe(token, entries);

    indexes.forEach((index, position) => {
      if (unchanged.has(position)) results[index] = { kind: 'unchanged' };
    });
    return indexes.filter((_index, position) => !unchanged.has(position));
  }

  private async writeHeld(
    items: readonly BatchItem<V>[],
    indexes: number[],
    plan: Planner<V, D>,
    results: BatchResult[],
  ): Promise<void> {
    const creates = indexes.map((index) => plan(null, items[index].value));
    const existed = await this.insertNew(creates);

    indexes.forEach((index, position) => {
      if (!existed.has(position)) results[index] = creates[position];
    });
    if (existed.size === 0) return;

    const again = indexes.filter((_index, position) => existed.has(position));
    const keys = again.map((index) => items[index].key);
    const stored = await this.deps.model.find({ _id: { $in: keys } }).lean();
    const byKey = new Map((stored as D[]).map((doc) => [doc._id, doc]));

    const plans = again.map((index) => {
      const { key, value } = items[index];
      return { existing: byKey.get(key) ?? null, plan: plan(byKey.get(key) ?? null, value) };
    });
    await this.forgetReplaced(plans);
    await this.apply(plans.map(({ plan: planned }) => planned));
    again.forEach((index, position) => (results[index] = plans[position].plan));
  }

  /** Fingerprints of gateway rows the records are about to leave. */
  private async forgetReplaced(plans: { existing: D | null; plan: RecordPlan<D> }[]) {
    const rules = this.deps.fingerprints;
    if (!rules) return;

    const replaced = plans.flatMap(({ existing, plan }) => {
      const before = existing ? rules.ofDoc(existing) : null;
      return before !== null && before !== rules.ofDoc(plan.doc) ? [before] : [];
    });
    await rules.states.forget(replaced);
  }

  private async writeWaiting(
    item: BatchItem<V>,
    makePlanner: () => Promise<Planner<V, D>>,
  ): Promise<BatchResult> {
    try {
      return await this.writeOne(item.key, async (existing) =>
        (await makePlanner())(existing, item.value),
      );
    } catch (err) {
      if (err instanceof BusyError) return { kind: 'busy', error: err };
      throw err;
    }
  }

  /** Inserts the planned creations; the positions whose key already exists. */
  private async insertNew(plans: RecordPlan<D>[]): Promise<Set<number>> {
    if (plans.length === 0) return new Set();

    try {
      const docs = plans.map((plan) => plan.doc as mongo.OptionalUnlessRequiredId<D>);
      await nativeCollection(this.deps.model).insertMany(docs, { ordered: false });
      return new Set();
    } catch (err) {
      const existed = duplicateIndexes(err);
      if (existed === null) throw err;
      return existed;
    }
  }

  /** Writes the plans that change something, in one round trip. */
  private async apply(plans: RecordPlan<D>[]): Promise<void> {
    const operations = plans.flatMap((plan) => toOperation(plan));
    if (operations.length === 0) return;

    await nativeCollection(this.deps.model).bulkWrite(operations, { ordered: false });
  }
}

/**
 * The driver's collection, typed with the record: batches skip mongoose's
 * per-document casting, since plans are built from validated values.
 */
function nativeCollection<D extends KeyedRecord>(model: Model<D>): mongo.Collection<D> {
  return model.collection as unknown as mongo.Collection<D>;
}

function toOperation<D extends KeyedRecord>(
  plan: RecordPlan<D>,
): mongo.AnyBulkWriteOperation<D>[] {
  if (plan.kind === 'create') {
    return [{ insertOne: { document: plan.doc as mongo.OptionalId<D> } }];
  }
  if (plan.kind === 'unchanged') return [];

  const push = plan.change ? { $push: { history: plan.change } } : {};
  const update = { $set: plan.set, ...push } as mongo.UpdateFilter<D>;
  const filter = { _id: plan.doc._id } as mongo.Filter<D>;
  return [{ updateOne: { filter, update } }];
}
