import type { Supplier } from '../domain/records';
import { NotFoundError } from '../errors';
import type { OkedTableDoc } from '../store/oked-table-model';
import type { ChangeSource } from '../store/participant-model';
import { supplierLockKey, type SupplierDoc } from '../store/supplier-model';
import type { DirectionTables } from './direction-table';
import { LeasedWriter, type BatchItem, type BatchResult } from './leased-writer';
import { SEARCH_LIMIT, type RecordsDeps } from './participant-records';
import { maskedId, newRecordRef, RECORD_REF } from './record-plan';
import type { SupplierQuery } from './search-query';
import { wordsFilter } from './search-words';
import { planDirections, planSupplier, supplierKey } from './supplier-merge';

/** How many suppliers a recompute pass rewrites at once. */
const RECOMPUTE_BATCH = 200;

/**
 * Each pass picks up suppliers still derived from an older table, including
 * ones an import wrote with the old table while the previous pass ran.
 * Suppliers whose leases stay busy are given up on after a few idle passes:
 * a card read derives afresh anyway (see `currentDirections`), so stored
 * directions may then lag but are never shown stale.
 */
const IDLE_PASSES = 3;
const IDLE_PAUSE_MS = 500;

/**
 * Suppliers' cards (issue 5), written from gateway data under their
 * leases, with the directions open to each derived from the table a
 * supervisor edits.
 */
export class SupplierRecords {
  private readonly writer: LeasedWriter<SupplierDoc, Supplier>;

  constructor(
    private readonly deps: RecordsDeps,
    private readonly tables: DirectionTables,
  ) {
    const { store } = deps;
    this.writer = new LeasedWriter({
      model: store.suppliers,
      locks: store.locks,
      leases: store.leases,
      lockKey: supplierLockKey,
    });
  }

  async upsert(supplier: Supplier, source: ChangeSource, actor: string) {
    const context = { at: this.deps.now(), source, actor };
    return this.writer.writeOne(supplierKey(supplier), async (existing) => {
      const table = await this.tables.current();
      return planSupplier(existing, supplier, table, context, newRecordRef);
    });
  }

  async upsertMany(
    items: readonly BatchItem<Supplier>[],
    source: ChangeSource,
    actor: string,
  ): Promise<BatchResult[]> {
    return this.writer.writeMany(items, async () => {
      const context = { at: this.deps.now(), source, actor };
      const table = await this.tables.current();
      return (existing, supplier) =>
        planSupplier(existing, supplier, table, context, newRecordRef);
    });
  }

  /** By BIN or IIN, or by the list handle. */
  async find(idOrRef: string): Promise<SupplierDoc | null> {
    const filter = RECORD_REF.test(idOrRef) ? { ref: idOrRef } : { _id: idOrRef };
    return this.deps.store.suppliers.findOne(filter).lean();
  }

  async get(idOrRef: string): Promise<SupplierDoc> {
    const doc = await this.find(idOrRef);
    if (!doc) throw new NotFoundError('Supplier', maskedId(idOrRef));
    return doc;
  }

  async search(query: SupplierQuery): Promise<SupplierDoc[]> {
    const { suppliers } = this.deps.store;

    if (query.by === 'id') {
      const doc = await suppliers.findById(query.id).lean();
      return doc ? [doc] : [];
    }

    const filter = wordsFilter(query.words);
    return suppliers.find(filter).sort({ searchKey: 1, _id: 1 }).limit(SEARCH_LIMIT).lean();
  }

  /**
   * Re-derives stored directions after a supervisor's edit of the table;
   * the number of suppliers whose directions changed.
   */
  async recomputeDirections(table: OkedTableDoc, actor: string): Promise<number> {
    const { suppliers } = this.deps.store;
    let changed = 0;
    let idlePasses = 0;

    while (idlePasses < IDLE_PASSES) {
      const stale = await suppliers
        .find({ directionsVersion: { $lt: table.version } }, { _id: 1 })
        .limit(RECOMPUTE_BATCH)
        .lean();
      if (stale.length === 0) return changed;

      const keys = stale.map((doc) => doc._id);
      const { plans } = await this.writer.rewriteMany(keys, async () => {
        const context = { at: this.deps.now(), source: 'operator' as const, actor };
        const current = await this.tables.current();
        return (existing) => planDirections(existing, current, context);
      });

      changed += plans.filter((plan) => plan.kind === 'update' && plan.change).length;
      idlePasses = plans.length === 0 ? idlePasses + 1 : 0;
      if (plans.length === 0) await pause(IDLE_PAUSE_MS);
    }

    return changed;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
