import type { Status } from './statuses';

/**
 * Which action may be taken in which status: the steps of clause 15. An
 * incident's decision (confirm, refute, start fix, eliminate) is applied to
 * each request linked to it, so those actions exist on requests too.
 */
export const REQUEST_ACTIONS = {
  register: { from: ['new'], to: 'registered' },
  'analysis-failure': { from: ['registered'], to: 'analysing' },
  'analysis-no-failure': { from: ['registered'], to: 'closed' },
  escalate: { from: ['analysing'], to: 'escalated' },
  confirm: { from: ['escalated'], to: 'confirmed' },
  refute: { from: ['escalated'], to: 'refuted' },
  'start-fix': { from: ['confirmed'], to: 'fixing' },
  eliminate: { from: ['fixing'], to: 'eliminated' },
  'close-after-notice': { from: ['refuted', 'eliminated'], to: 'closed' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status }>;

export type RequestAction = keyof typeof REQUEST_ACTIONS;

/** The actions people take through the API, by the names they see. */
const PUBLIC_NAMES: Partial<Record<RequestAction, string>> = {
  register: 'register',
  'analysis-failure': 'analysis',
  'analysis-no-failure': 'analysis',
  escalate: 'escalate',
};

export class WorkflowError extends Error {
  constructor(
    readonly code: 'ACTION_NOT_ALLOWED' | 'FAILURE_NOT_RECORDED' | 'INCIDENT_CLOSED',
    message: string,
    readonly allowed: string[] = [],
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

export function canTake(action: RequestAction, status: string): boolean {
  return (REQUEST_ACTIONS[action].from as readonly string[]).includes(status);
}

/** What an operator may do to a request in this status. */
export function allowedActions(status: string): string[] {
  const names = (Object.keys(PUBLIC_NAMES) as RequestAction[])
    .filter((action) => canTake(action, status))
    .map((action) => PUBLIC_NAMES[action]!);

  return [...new Set(names)];
}

/** The status an action leads to, or a WorkflowError naming what is allowed. */
export function nextStatus(action: RequestAction, status: string): Status {
  if (canTake(action, status)) return REQUEST_ACTIONS[action].to;

  const allowed = allowedActions(status);
  throw new WorkflowError(
    'ACTION_NOT_ALLOWED',
    `A request in status "${status}" does not allow "${PUBLIC_NAMES[action] ?? action}"` +
      (allowed.length ? `; allowed: ${allowed.join(', ')}` : '; no action is allowed now'),
    allowed,
  );
}

/** Incidents: the portal administrator's failure, decided once for all its requests. */
export const INCIDENT_STATUSES = ['open', 'confirmed', 'refuted', 'fixing', 'eliminated'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_ACTIONS = {
  confirm: { from: ['open'], to: 'confirmed' },
  refute: { from: ['open'], to: 'refuted' },
  'start-fix': { from: ['confirmed'], to: 'fixing' },
  eliminate: { from: ['fixing'], to: 'eliminated' },
} as const satisfies Record<string, { from: readonly IncidentStatus[]; to: IncidentStatus }>;

export type IncidentAction = keyof typeof INCIDENT_ACTIONS;

export function incidentAllowedActions(status: string): IncidentAction[] {
  return (Object.keys(INCIDENT_ACTIONS) as IncidentAction[]).filter((action) =>
    (INCIDENT_ACTIONS[action].from as readonly string[]).includes(status),
  );
}

export function nextIncidentStatus(action: IncidentAction, status: string): IncidentStatus {
  if ((INCIDENT_ACTIONS[action].from as readonly string[]).includes(status)) {
    return INCIDENT_ACTIONS[action].to;
  }

  const allowed = incidentAllowedActions(status);
  throw new WorkflowError(
    'ACTION_NOT_ALLOWED',
    `An incident in status "${status}" cannot take "${action}"` +
      (allowed.length ? `; allowed: ${allowed.join(', ')}` : '; no action is allowed now'),
    allowed,
  );
}

/** An incident still taking new requests: not yet refuted or eliminated. */
export function isIncidentOpen(status: string): boolean {
  return status === 'open' || status === 'confirmed' || status === 'fixing';
}
