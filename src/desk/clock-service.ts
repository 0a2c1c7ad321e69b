import { setTimeout as pause } from 'node:timers/promises';

import { Types } from 'mongoose';

import type { Config } from '../config';
import {
  CLOCK_NAMES,
  isRecorded,
  recomputeClock,
  recordThreshold,
  thresholdsOf,
  type ClockName,
  type ClockRecord,
  type ClockTiming,
  type Threshold,
} from '../domain/workflow/clocks';
import type { Logger } from '../logger';
import type { ClockQueue } from '../queue/clock-queue';
import { clockJobId, clockPayloads } from '../queue/clock-queue';
import type { EventPublisher, OnceEventPublisher } from '../queue/event-bus';
import type { ClockPayload } from '../queue/names';
import type { Store } from '../store';
import { requestLockKey, type RequestDoc } from '../store/request-model';
import type { CalendarService } from './calendar-service';

/**
 * Keeps the clocks' timers in step with the record: arms warnings and
 * deadlines in BullMQ, records them when they fire (at their true instant,
 * however late the timer), and rebuilds every timer from MongoDB when Redis
 * lost them or the calendar changed.
 */
export interface ClockServiceDeps {
  config: Pick<Config, 'slaPolicy'>;
  store: Pick<Store, 'requests' | 'leases'>;
  calendars: CalendarService;
  clockQueue: Pick<ClockQueue, 'arm' | 'armMissing' | 'disarm' | 'recordLater' | 'inFlight'>;
  events: EventPublisher & OnceEventPublisher;
  logger: Logger;
  now: () => Date;
}

/** How many open requests the reconciler takes at a time, and its pause between them, ms. */
const RECONCILE_BATCH = 100;
const RECONCILE_PAUSE_MS = 20;

type ReconciledDoc = Pick<RequestDoc, '_id' | 'clocks'>;

/** How long an announced threshold is remembered, so no repeat announces it again. */
const ANNOUNCED_FOR_S = 14 * 24 * 3600;

export class ClockService {
  constructor(private readonly deps: ClockServiceDeps) {}

  timing(name: ClockName): Promise<ClockTiming> {
    return this.deps.calendars.timing(name);
  }

  async pendingThresholds(name: ClockName, clock: ClockRecord): Promise<Threshold[]> {
    if (clock.stoppedAt) return [];
    return this.pendingOn(clock, await this.timing(name));
  }

  private pendingOn(clock: ClockRecord, timing: ClockTiming): Threshold[] {
    const all = thresholdsOf(clock, timing, this.deps.config.slaPolicy.warnAtFractions);
    return all.filter((threshold) => !isRecorded(clock, threshold));
  }

  /** Arms what is still ahead; best effort, since the reconciler re-arms from MongoDB. */
  async arm(requestId: string, name: ClockName, clock: ClockRecord): Promise<void> {
    const thresholds = await this.pendingThresholds(name, clock);

    try {
      const payloads = clockPayloads(requestId, name, clock, thresholds);
      await this.deps.clockQueue.arm(payloads, this.deps.now());
    } catch (err) {
      const context = { err, requestId, clock: name };
      this.deps.logger.warn(context, 'clock timers not armed; reconciler will');
    }
  }

  async disarm(requestId: string, name: ClockName, clock: ClockRecord): Promise<void> {
    const timing = await this.timing(name);
    const all = thresholdsOf(clock, timing, this.deps.config.slaPolicy.warnAtFractions);

    try {
      await this.deps.clockQueue.disarm(clockPayloads(requestId, name, clock, all));
    } catch (err) {
      this.deps.logger.debug({ err, requestId, clock: name }, 'clock timers not removed');
    }
  }

  /**
   * A timer fired: announce the threshold now and queue its record. The
   * announcement needs nothing but Redis, so it is on time however busy the
   * store is; the record follows under the request's lease, and a repeat of
   * the timer (a retry, a redelivery) announces nothing twice.
   */
  async onTimer(payload: ClockPayload): Promise<void> {
    await this.announce(payload);
    await this.deps.clockQueue.recordLater(payload);
  }

  /**
   * Writes a fired threshold into its request. A stale one (its clock
   * stopped, restarted or moved) changes nothing.
   */
  async recordTimer(payload: ClockPayload): Promise<'recorded' | 'stale'> {
    const name = payload.clock as ClockName;
    const threshold: Threshold = {
      kind: payload.kind,
      fraction: payload.fraction,
      at: new Date(payload.atMs),
    };

    const recorded = await this.deps.store.leases.withLock(requestLockKey(payload.requestId), () =>
      this.record(
        payload.requestId,
        name,
        threshold,
        (clock) =>
          clock.occurrence === payload.occurrence && clock.dueAt.getTime() === payload.dueAtMs,
      ),
    );

    if (recorded) await this.changed(payload.requestId, name);
    return recorded ? 'recorded' : 'stale';
  }

  private async record(
    requestId: string,
    name: ClockName,
    threshold: Threshold,
    matches: (clock: ClockRecord) => boolean,
  ): Promise<boolean> {
    const { requests } = this.deps.store;
    const doc = await requests.findById(requestId, { clocks: 1 }).lean();
    const clock = doc?.clocks?.[name];
    if (!doc || !clock || !matches(clock)) return false;

    const next = recordThreshold(clock, threshold);
    if (next === clock) return false;

    await requests.updateOne({ _id: doc._id }, { $set: { [`clocks.${name}`]: next } });
    return true;
  }

  /** False when this threshold was already announced. */
  private async announce(payload: ClockPayload): Promise<boolean> {
    const breach = payload.kind === 'breach';
    const context = {
      clock: payload.clock,
      occurrence: payload.occurrence,
      dueAt: new Date(payload.dueAtMs).toISOString(),
      thresholdAt: new Date(payload.atMs).toISOString(),
      fraction: payload.fraction,
    };

    const first = await this.deps.events.publishOnce(clockJobId(payload), ANNOUNCED_FOR_S, {
      type: breach ? 'clock.breached' : 'clock.warning',
      at: this.deps.now().toISOString(),
      requestId: payload.requestId,
      data: context,
    });
    if (!first) return false;

    const logContext = { requestId: payload.requestId, ...context };
    if (breach) this.deps.logger.warn(logContext, 'clock breached');
    else this.deps.logger.info(logContext, 'clock warning');
    return true;
  }

  /** The record changed: screens showing the request reload it. */
  private async changed(requestId: string, name: ClockName): Promise<void> {
    await this.deps.events.publish({
      type: 'request.updated',
      at: this.deps.now().toISOString(),
      requestId,
      data: { clock: name },
    });
  }

  /**
   * For every running clock of every open request: record the thresholds
   * whose instant has passed (at that instant) and arm the ones ahead
   * whose timers Redis does not hold.
   *
   * Requests are read a batch at a time with a pause between batches: with
   * a hundred thousand open requests a pass in one go kept Redis and the
   * worker busy for seconds, and timers due meanwhile were announced late.
   * A queued request is left to its release, which arms its clock at the
   * opening: a night's flood of messages waits on one timer each, not four.
   */
  async reconcile(): Promise<{ recorded: number; armed: number }> {
    const now = this.deps.now();
    const total = { recorded: 0, armed: 0 };
    const open = this.deps.store.requests
      .find({ status: { $nin: ['closed', 'queued'] } }, { _id: 1, clocks: 1 })
      .lean()
      .cursor({ batchSize: RECONCILE_BATCH });
    let batch: ReconciledDoc[] = [];

    for await (const doc of open) {
      batch.push(doc);
      if (batch.length < RECONCILE_BATCH) continue;

      await this.reconcileBatch(batch, now, total);
      batch = [];
      await pause(RECONCILE_PAUSE_MS);
    }
    await this.reconcileBatch(batch, now, total);

    return total;
  }

  private async reconcileBatch(
    docs: ReconciledDoc[],
    now: Date,
    total: { recorded: number; armed: number },
  ): Promise<void> {
    const ahead: ClockPayload[] = [];
    const timings = await this.deps.calendars.timings();

    for (const doc of docs) {
      const id = String(doc._id);

      for (const name of CLOCK_NAMES) {
        const clock = doc.clocks?.[name];
        if (!clock || clock.stoppedAt) continue;

        for (const threshold of this.pendingOn(clock, timings.get(name)!)) {
          if (threshold.at.getTime() > now.getTime()) {
            ahead.push(...clockPayloads(id, name, clock, [threshold]));
          } else if (await this.catchUp(id, name, clock, threshold)) {
            total.recorded += 1;
          }
        }
      }
    }

    total.armed += await this.deps.clockQueue.armMissing(ahead, now);
  }

  /** A threshold passed with no timer on its way (Redis lost it, or the worker was down). */
  private async catchUp(
    id: string,
    name: ClockName,
    clock: ClockRecord,
    threshold: Threshold,
  ): Promise<boolean> {
    const payload = clockPayloads(id, name, clock, [threshold])[0];
    if (await this.deps.clockQueue.inFlight(payload)) return false;

    const done = await this.deps.store.leases.withLock(requestLockKey(id), () =>
      this.record(id, name, threshold, (c) => c.occurrence === clock.occurrence),
    );
    if (!done) return false;

    await this.changed(id, name);
    await this.announceLate(payload);
    return true;
  }

  /** A threshold no timer announced (Redis lost it): announced now, unless it was after all. */
  private async announceLate(payload: ClockPayload): Promise<void> {
    try {
      await this.announce(payload);
    } catch (err) {
      this.deps.logger.warn(
        { err, requestId: payload.requestId },
        'clock threshold not announced',
      );
    }
  }

  /** After a calendar change: new deadlines for running clocks, new timers for them. */
  async recomputeDeadlines(): Promise<number> {
    const now = this.deps.now();
    const open = await this.deps.store.requests
      .find({ status: { $ne: 'closed' } }, { _id: 1 })
      .lean();
    let changed = 0;

    for (const { _id } of open) {
      const moved = await this.deps.store.leases.withLock(requestLockKey(_id), () =>
        this.recomputeOne(_id, now),
      );

      for (const [name, before, after] of moved) {
        await this.disarm(String(_id), name, before);
        await this.arm(String(_id), name, after);
        changed += 1;
      }
    }

    return changed;
  }

  private async recomputeOne(
    id: Types.ObjectId,
    now: Date,
  ): Promise<Array<[ClockName, ClockRecord, ClockRecord]>> {
    const doc = await this.deps.store.requests.findById(id, { clocks: 1, status: 1 }).lean();
    if (!doc) return [];

    const moved: Array<[ClockName, ClockRecord, ClockRecord]> = [];
    const set: Record<string, ClockRecord> = {};

    for (const name of CLOCK_NAMES) {
      const clock = doc.clocks?.[name];
      if (!clock || clock.stoppedAt) continue;

      const next = recomputeClock(clock, await this.timing(name), now);
      if (next === clock) continue;

      set[`clocks.${name}`] = next;
      moved.push([name, clock, next]);
    }

    if (moved.length > 0) await this.deps.store.requests.updateOne({ _id: id }, { $set: set });
    return moved;
  }
}
