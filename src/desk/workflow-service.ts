import { Types } from 'mongoose';
import { DateTime } from 'luxon';

import {
  startClock,
  stopClock,
  type ClockName,
  type ClockRecord,
} from '../domain/workflow/clocks';
import { nextStatus, type RequestAction } from '../domain/workflow/transitions';
import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import type { EventPublisher } from '../queue/event-bus';
import type { Store } from '../store';
import { requestLockKey, type RequestDoc } from '../store/request-model';
import type { ClockService } from './clock-service';
import type { NoticePlan, NoticeOutbox } from './notice-outbox';

/**
 * Carries one request through one step of clause 15. A step is a single
 * update of the request, taken under its lease and checked against its
 * version: the status moves, clocks stop and start, the history grows, and
 * the notice the step owes the participant is planned in the same write.
 * Timers and deliveries follow; if they fail the reconciler redoes them
 * from what was written.
 */
export interface StepPlan {
  action: RequestAction;
  actor: string;
  at: Date;
  comment?: string | null;
  set?: Partial<Pick<RequestDoc, 'findings' | 'incidentId' | 'assignee'>>;
  stop?: Array<{ name: ClockName; at: Date }>;
  start?: Array<{ name: ClockName; at: Date }>;
  notice?: Omit<NoticePlan, 'clockOccurrence' | 'dueAt'>;
}

export interface WorkflowDeps {
  store: Pick<Store, 'requests' | 'leases'>;
  clocks: ClockService;
  outbox: NoticeOutbox;
  events: EventPublisher;
  logger: Logger;
  zone: string;
  now: () => Date;
}

export class RequestSteps {
  constructor(private readonly deps: WorkflowDeps) {}

  async take(requestId: string | Types.ObjectId, plan: StepPlan): Promise<RequestDoc> {
    const { doc, stopped, started } = await this.deps.store.leases.withLock(
      requestLockKey(requestId),
      () => this.write(requestId, plan),
    );

    await this.follow(doc, plan, stopped, started);
    return doc;
  }

  /** Stops one clock without a step (a notice delivered); false when it had moved on. */
  async stopClockOnly(
    requestId: string,
    name: ClockName,
    occurrence: number,
    at: Date,
  ): Promise<boolean> {
    const { requests, leases } = this.deps.store;

    const stopped = await leases.withLock(requestLockKey(requestId), async () => {
      const doc = await requests.findById(requestId, { clocks: 1 }).lean();
      const clock = doc?.clocks?.[name];
      if (!clock || clock.occurrence !== occurrence || clock.stoppedAt) return null;

      await requests.updateOne(
        { _id: doc._id },
        { $set: { [`clocks.${name}`]: stopClock(clock, at) } },
      );
      return clock;
    });

    if (stopped) await this.deps.clocks.disarm(requestId, name, stopped);
    return stopped !== null;
  }

  private async write(requestId: string | Types.ObjectId, plan: StepPlan) {
    const { requests } = this.deps.store;
    const before = await requests.findById(requestId).lean();
    if (!before) throw new NotFoundError('Request', String(requestId));

    const to = nextStatus(plan.action, before.status);
    const clocks: Record<string, ClockRecord> = { ...before.clocks };
    const stopped: Array<[ClockName, ClockRecord]> = [];
    const started: Array<[ClockName, ClockRecord]> = [];

    for (const { name, at } of plan.stop ?? []) {
      const clock = clocks[name];
      if (!clock || clock.stoppedAt) continue;
      clocks[name] = stopClock(clock, at);
      stopped.push([name, clock]);
    }

    for (const { name, at } of plan.start ?? []) {
      clocks[name] = startClock(clocks[name], at, await this.deps.clocks.timing(name));
      started.push([name, clocks[name]]);
    }

    const notice = plan.notice && this.noticeOf(plan.notice, clocks);
    const update = {
      $set: {
        status: to,
        clocks,
        ...plan.set,
        ...(notice && { outboxPending: true }),
      },
      $inc: { version: 1 },
      $push: {
        history: {
          at: plan.at,
          actor: plan.actor,
          action: plan.action,
          fromStatus: before.status,
          toStatus: to,
          comment: plan.comment ?? null,
        },
        ...(notice && { outbox: notice }),
      },
    };

    // Under the lease the version cannot move; the check guards a lease
    // that expired while this writer was stalled.
    const doc = await requests
      .findOneAndUpdate({ _id: before._id, version: before.version }, update, { new: true })
      .lean();
    if (!doc) throw new NotFoundError('Request', String(requestId));

    return { doc, stopped, started };
  }

  private noticeOf(notice: NonNullable<StepPlan['notice']>, clocks: Record<string, ClockRecord>) {
    const clock = notice.clock ? clocks[notice.clock] : null;
    return {
      ...notice,
      clockOccurrence: clock?.occurrence ?? null,
      dueAt: clock?.dueAt ?? null,
    };
  }

  private async follow(
    doc: RequestDoc,
    plan: StepPlan,
    stopped: Array<[ClockName, ClockRecord]>,
    started: Array<[ClockName, ClockRecord]>,
  ): Promise<void> {
    const id = String(doc._id);

    for (const [name, clock] of stopped) await this.deps.clocks.disarm(id, name, clock);
    for (const [name, clock] of started) await this.deps.clocks.arm(id, name, clock);
    if (plan.notice) await this.deps.outbox.flush(id);

    this.deps.logger.info(
      { requestNumber: doc.number, action: plan.action, status: doc.status, actor: plan.actor },
      'request step taken',
    );
    await this.deps.events.publish({
      type: 'request.updated',
      at: this.deps.now().toISOString(),
      requestId: id,
      incidentId: doc.incidentId ? String(doc.incidentId) : undefined,
      data: { number: doc.number, status: doc.status, action: plan.action },
    });
  }
}

/** Instants in participants' notices read as `04.12.2026 18:45` (Astana time). */
export function noticeTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('dd.MM.yyyy HH:mm');
}
