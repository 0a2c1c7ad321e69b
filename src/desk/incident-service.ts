import { Types } from 'mongoose';
import { DateTime } from 'luxon';

import type { ClockRecord } from '../domain/workflow/clocks';
import {
  isIncidentOpen,
  nextIncidentStatus,
  WorkflowError,
  type IncidentAction,
} from '../domain/workflow/transitions';
import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import type { EventPublisher } from '../queue/event-bus';
import type { Store } from '../store';
import { nextSequence } from '../store/counters';
import { incidentLockKey, type IncidentDoc } from '../store/incident-model';
import type { RequestDoc } from '../store/request-model';
import { noticeTime, type RequestSteps, type StepPlan } from './workflow-service';

/**
 * The portal administrator's side of clause 15: a failure is decided once,
 * and every request linked to it follows. Following is idempotent, so the
 * reconciler can bring up any request a crash left behind its incident.
 */
export interface IncidentDeps {
  store: Pick<Store, 'requests' | 'incidents' | 'counters' | 'leases'>;
  steps: RequestSteps;
  events: EventPublisher;
  logger: Logger;
  zone: string;
  now: () => Date;
}

export interface Decision {
  plannedFixAt?: Date;
  explanation?: string;
  note?: string | null;
}

const latest = (...instants: Array<Date | null | undefined>): Date =>
  new Date(Math.max(...instants.filter((d): d is Date => !!d).map((d) => d.getTime())));

export class IncidentService {
  constructor(private readonly deps: IncidentDeps) {}

  async find(id: string): Promise<IncidentDoc> {
    const doc =
      Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id)
        ? await this.deps.store.incidents.findById(id).lean()
        : await this.deps.store.incidents.findOne({ number: id }).lean();
    if (!doc) throw new NotFoundError('Incident', id);
    return doc;
  }

  /** An incident that can still take a request, or a new one named after it. */
  async forEscalation(incidentId: string | undefined, request: RequestDoc, actor: string) {
    if (incidentId) {
      const incident = await this.find(incidentId);
      if (!isIncidentOpen(incident.status)) {
        throw new WorkflowError(
          'INCIDENT_CLOSED',
          `Incident ${incident.number} is ${incident.status} and takes no more requests`,
        );
      }
      return incident;
    }

    return this.open(request, actor);
  }

  private async open(request: RequestDoc, actor: string): Promise<IncidentDoc> {
    const now = this.deps.now();
    const year = DateTime.fromJSDate(now, { zone: this.deps.zone }).year;
    const seq = await nextSequence(
      this.deps.store.counters,
      this.deps.store.leases,
      `incident:${year}`,
    );

    const created = await this.deps.store.incidents.create({
      number: `INC-${year}-${String(seq).padStart(4, '0')}`,
      title: request.description.slice(0, 200) || `Request ${request.number}`,
      status: 'open',
      version: 0,
      createdAt: now,
      createdBy: actor,
      history: [
        { at: now, actor, action: 'open', fromStatus: null, toStatus: 'open', comment: null },
      ],
    });
    return created.toObject();
  }

  /** Takes the administrator's decision, then brings every linked request along. */
  async decide(id: string, action: IncidentAction, actor: string, decision: Decision) {
    const incident = await this.find(id);

    const decided = await this.deps.store.leases.withLock(incidentLockKey(incident._id), () =>
      this.write(incident._id, action, actor, decision),
    );

    this.deps.logger.info(
      { incidentNumber: decided.number, action, status: decided.status, actor },
      'incident decided',
    );
    await this.deps.events.publish({
      type: 'incident.updated',
      at: this.deps.now().toISOString(),
      incidentId: String(decided._id),
      data: { number: decided.number, status: decided.status, action },
    });

    await this.followAll(decided);
    return decided;
  }

  private async write(
    id: Types.ObjectId,
    action: IncidentAction,
    actor: string,
    decision: Decision,
  ): Promise<IncidentDoc> {
    const { incidents } = this.deps.store;
    const before = await incidents.findById(id).lean();
    if (!before) throw new NotFoundError('Incident', String(id));

    const to = nextIncidentStatus(action, before.status);
    const at = this.deps.now();
    const stamp = {
      confirm: { confirmedAt: at, plannedFixAt: decision.plannedFixAt ?? null },
      refute: { refutedAt: at, explanation: decision.explanation ?? null },
      'start-fix': { fixStartedAt: at },
      eliminate: { eliminatedAt: at },
    }[action];

    const updated = await incidents
      .findOneAndUpdate(
        { _id: id, version: before.version },
        {
          $set: { status: to, ...stamp, ...(decision.note && { note: decision.note }) },
          $inc: { version: 1 },
          $push: {
            history: {
              at,
              actor,
              action,
              fromStatus: before.status,
              toStatus: to,
              comment: decision.note ?? decision.explanation ?? null,
            },
          },
        },
        { new: true },
      )
      .lean();
    if (!updated) throw new NotFoundError('Incident', String(id));
    return updated;
  }

  async followAll(incident: IncidentDoc): Promise<number> {
    const linked = await this.deps.store.requests
      .find({ incidentId: incident._id, status: { $ne: 'closed' } }, { _id: 1 })
      .lean();
    let moved = 0;

    for (const { _id } of linked) moved += await this.follow(String(_id), incident);
    return moved;
  }

  /**
   * Brings one request up to its incident's decisions, step by step. Each
   * step's clock starts at the later of the decision and the request's own
   * escalation, so a request linked late still gets its full 30 minutes.
   */
  async follow(requestId: string, incident: IncidentDoc): Promise<number> {
    let moved = 0;

    for (;;) {
      const request = await this.deps.store.requests.findById(requestId).lean();
      if (!request) return moved;

      const step = this.nextStep(request, incident);
      if (!step) return moved;

      try {
        await this.deps.steps.take(requestId, step);
        moved += 1;
      } catch (err) {
        // Another follower took this step first; look again.
        if (err instanceof WorkflowError) continue;
        throw err;
      }
    }
  }

  private nextStep(request: RequestDoc, incident: IncidentDoc): StepPlan | null {
    const escalatedAt = (request.clocks.escalation as ClockRecord | undefined)?.stoppedAt;
    const actor = `incident:${incident.number}`;
    const { zone } = this.deps;

    if (request.status === 'escalated' && incident.confirmedAt) {
      const at = latest(incident.confirmedAt, escalatedAt);
      return {
        action: 'confirm' as const,
        actor,
        at,
        start: [{ name: 'confirmationNotice' as const, at }],
        notice: {
          kind: 'confirmation' as const,
          clock: 'confirmationNotice' as const,
          data: { plannedFixAt: noticeTime(incident.plannedFixAt!, zone) },
        },
      };
    }

    if (request.status === 'escalated' && incident.refutedAt) {
      const at = latest(incident.refutedAt, escalatedAt);
      return {
        action: 'refute' as const,
        actor,
        at,
        comment: incident.explanation,
        stop: [{ name: 'fixStart' as const, at }],
        start: [{ name: 'refutationNotice' as const, at }],
        notice: {
          kind: 'refutation' as const,
          clock: 'refutationNotice' as const,
          data: { explanation: incident.explanation ?? '' },
        },
      };
    }

    if (request.status === 'confirmed' && incident.fixStartedAt) {
      const at = latest(incident.fixStartedAt, escalatedAt);
      return {
        action: 'start-fix' as const,
        actor,
        at,
        stop: [{ name: 'fixStart' as const, at }],
      };
    }

    if (request.status === 'fixing' && incident.eliminatedAt) {
      const at = latest(incident.eliminatedAt, escalatedAt);
      return {
        action: 'eliminate' as const,
        actor,
        at,
        comment: incident.note,
        start: [{ name: 'fixNotice' as const, at }],
        notice: { kind: 'elimination' as const, clock: 'fixNotice' as const, data: {} },
      };
    }

    return null;
  }

  /** Incidents with decisions, for the reconciler to bring their requests along. */
  async decided(): Promise<IncidentDoc[]> {
    return this.deps.store.incidents.find({ status: { $ne: 'open' } }).lean();
  }
}
