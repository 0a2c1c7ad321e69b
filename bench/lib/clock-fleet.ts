import { Types } from 'mongoose';

import {
  CLOCK_NAMES,
  startClock,
  type ClockName,
  type ClockRecord,
} from '../../src/domain/workflow/clocks';
import type { Runtime } from '../../src/runtime';
import { forEachLimit } from './pool';

/**
 * A fleet of running clocks: open requests written straight to MongoDB,
 * each with one clock started as it is written, then armed through the
 * desk's own ClockService (and so its ClockQueue). Batches are written and
 * armed in turn, so early clocks may fire while later ones are armed, as
 * on a busy desk.
 */
export interface FleetResult {
  count: number;
  insertMs: number;
  armMs: number;
  wallMs: number;
  /** Batches written again after FerretDB answered SQLITE_BUSY ("database is locked"). */
  busyRetries: number;
  /** Every threshold armed, `requestId:clock:fraction` → its true instant, epoch ms. */
  expected: Map<string, number>;
}

export interface FleetOptions {
  count: number;
  batch?: number;
  armConcurrency?: number;
  onBatch?: (done: number) => void;
}

export function thresholdKey(requestId: string, clock: string, fraction: number): string {
  return `${requestId}:${clock}:${fraction}`;
}

function requestDoc(id: Types.ObjectId, index: number, name: ClockName, clock: ClockRecord) {
  const at = clock.startedAt;
  return {
    _id: id,
    number: `B-${String(index).padStart(7, '0')}`,
    year: 2026,
    seq: index,
    channel: 'chatbot',
    originKey: `bench:clock:${id.toHexString()}`,
    threadKey: null,
    receivedAt: at,
    createdAt: at,
    contact: { name: null, phone: null, iin: null, email: null, language: null },
    description: 'bench clock',
    externalId: null,
    messages: [],
    status: 'new',
    version: 0,
    clocks: { [name]: clock },
    history: [],
    incidentId: null,
    participantIin: null,
    assignee: null,
    findings: null,
    outbox: [],
    outboxPending: false,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * FerretDB on SQLite refuses a write with SQLITE_BUSY when another writer
 * holds the database too long (here: the worker recording thresholds).
 * Writes what is not there yet again, a few times; returns the retries.
 */
async function insertAll(runtime: Runtime, docs: Array<{ _id: Types.ObjectId }>): Promise<number> {
  const collection = runtime.store.requests.collection;
  let pending = docs;

  for (let retries = 0; ; retries += 1) {
    try {
      await collection.insertMany(pending, { ordered: false });
      return retries;
    } catch (err) {
      if (retries >= 20) throw err;
      await pause(200 * (retries + 1));
      const ids = pending.map((doc) => doc._id);
      const found = await collection
        .find({ _id: { $in: ids } }, { projection: { _id: 1 } })
        .toArray();
      const there = new Set(found.map((doc) => String(doc._id)));
      pending = pending.filter((doc) => !there.has(String(doc._id)));
      if (pending.length === 0) return retries + 1;
    }
  }
}

export async function armFleet(runtime: Runtime, options: FleetOptions): Promise<FleetResult> {
  const batch = options.batch ?? 500;
  const expected = new Map<string, number>();
  const result: FleetResult = {
    count: 0,
    insertMs: 0,
    armMs: 0,
    wallMs: 0,
    busyRetries: 0,
    expected,
  };
  const began = Date.now();

  for (let start = 0; start < options.count; start += batch) {
    const size = Math.min(batch, options.count - start);
    const clocks: Array<{ id: Types.ObjectId; name: ClockName; clock: ClockRecord }> = [];
    const startedAt = runtime.now();

    for (let i = 0; i < size; i += 1) {
      const name = CLOCK_NAMES[(start + i) % CLOCK_NAMES.length];
      const clock = startClock(undefined, startedAt, await runtime.clocks.timing(name));
      clocks.push({ id: new Types.ObjectId(), name, clock });
    }

    let t0 = Date.now();
    const docs = clocks.map((c, i) => requestDoc(c.id, start + i, c.name, c.clock));
    result.busyRetries += await insertAll(runtime, docs);
    result.insertMs += Date.now() - t0;

    t0 = Date.now();
    await forEachLimit(clocks, options.armConcurrency ?? 32, async ({ id, name, clock }) => {
      const requestId = id.toHexString();
      for (const threshold of await runtime.clocks.pendingThresholds(name, clock)) {
        expected.set(thresholdKey(requestId, name, threshold.fraction), threshold.at.getTime());
      }
      await runtime.clocks.arm(requestId, name, clock);
    });
    result.armMs += Date.now() - t0;
    result.count += size;
    options.onBatch?.(result.count);
  }

  result.wallMs = Date.now() - began;
  return result;
}
