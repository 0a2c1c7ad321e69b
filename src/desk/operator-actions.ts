import { nextStatus } from '../domain/workflow/transitions';
import type { ClockName } from '../domain/workflow/clocks';
import type { NoticeKind } from '../domain/workflow/notices';
import { NotFoundError } from '../errors';
import type { Store } from '../store';
import type { Locks } from '../store/locks';
import type { RequestDoc } from '../store/request-model';
import type { IncidentService } from './incident-service';
import type { RequestSteps } from './workflow-service';

/**
 * The contact center's side of clause 15: register, analyse, escalate;
 * and what follows when a notice reaches the participant.
 */
export interface AnalysisInput {
  outcome: 'failure' | 'no-failure';
  findings: string;
}

export interface DeliveredNotice {
  requestId: string;
  kind: NoticeKind;
  clock: ClockName | null;
  clockOccurrence: number | null;
  sentAt: Date;
}

export class OperatorActions {
  constructor(
    private readonly store: Pick<Store, 'requests'>,
    private readonly leases: Locks,
    private readonly steps: RequestSteps,
    private readonly incidents: IncidentService,
    private readonly now: () => Date,
    private readonly statusUrl: (request: RequestDoc) => string,
  ) {}

  /** Clause 15.1: registered; the analysis clock starts; the participant gets the number. */
  async register(id: string, actor: string): Promise<RequestDoc> {
    const at = this.now();
    const request = await this.load(id);

    return this.steps.take(id, {
      action: 'register',
      actor,
      at,
      stop: [{ name: 'registration', at }],
      start: [{ name: 'analysis', at }],
      notice: {
        kind: 'registration',
        clock: null,
        data: { number: request.number, statusUrl: this.statusUrl(request) },
      },
    });
  }

  /** Clause 15.2: a failure found starts the escalation clock; none found closes with a notice. */
  async recordAnalysis(id: string, actor: string, input: AnalysisInput): Promise<RequestDoc> {
    const at = this.now();
    const stop = [{ name: 'analysis' as const, at }];

    if (input.outcome === 'failure') {
      return this.steps.take(id, {
        action: 'analysis-failure',
        actor,
        at,
        comment: input.findings,
        set: { findings: input.findings },
        stop,
        start: [{ name: 'escalation', at }],
      });
    }

    return this.steps.take(id, {
      action: 'analysis-no-failure',
      actor,
      at,
      comment: input.findings,
      set: { findings: input.findings },
      stop,
      notice: { kind: 'no-failure', clock: null, data: { findings: input.findings } },
    });
  }

  /** Clause 15.3: to the administrator, linked to a new or an open incident. */
  async escalate(id: string, actor: string, incidentId?: string): Promise<RequestDoc> {
    // One escalation of a request at a time, so racing clicks open no
    // incident that no request ends up linked to.
    return this.leases.withLock(`escalate:${id}`, () => this.escalateOnce(id, actor, incidentId));
  }

  private async escalateOnce(id: string, actor: string, incidentId?: string) {
    const request = await this.load(id);

    // Checked before an incident is opened for a request that cannot go.
    nextStatus('escalate', request.status);
    const incident = await this.incidents.forEscalation(incidentId, request, actor);
    const at = this.now();

    await this.steps.take(id, {
      action: 'escalate',
      actor,
      at,
      comment: `incident ${incident.number}`,
      set: { incidentId: incident._id },
      stop: [{ name: 'escalation', at }],
      start: [{ name: 'fixStart', at }],
    });

    await this.incidents.follow(id, incident);
    return this.load(id);
  }

  /**
   * A notice reached the participant: its clock stops, and a request whose
   * last duty was that notice (refuted, eliminated) is closed.
   */
  async noticeDelivered(notice: DeliveredNotice): Promise<void> {
    if (notice.clock && notice.clockOccurrence !== null) {
      await this.steps.stopClockOnly(
        notice.requestId,
        notice.clock,
        notice.clockOccurrence,
        notice.sentAt,
      );
    }

    const request = await this.store.requests.findById(notice.requestId, { status: 1 }).lean();
    const closes =
      (notice.kind === 'refutation' && request?.status === 'refuted') ||
      (notice.kind === 'elimination' && request?.status === 'eliminated');
    if (!closes) return;

    await this.steps
      .take(notice.requestId, {
        action: 'close-after-notice',
        actor: 'desk',
        at: notice.sentAt,
        comment: `${notice.kind} notice delivered`,
      })
      .catch((err) => {
        // Another delivery of the same notice (e-mail beside SMS) closed it first.
        if ((err as { code?: string }).code !== 'ACTION_NOT_ALLOWED') throw err;
      });
  }

  private async load(id: string): Promise<RequestDoc> {
    const doc = await this.store.requests.findById(id).lean();
    if (!doc) throw new NotFoundError('Request', id);
    return doc;
  }
}
