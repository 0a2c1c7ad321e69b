import type { Store } from '../../store';
import type { StatusCodes } from '../../store/site-secrets';

/**
 * What a participant may see of their own request, and nothing more: its
 * status, the public steps with their times, the planned elimination time
 * once confirmed, and the administrator's explanation when refuted. No
 * staff names, no internal comments, no other request.
 */
const NUMBER = /^\d{4}-\d{6}$/;

const PUBLIC_STEPS = new Set([
  'receive',
  'release',
  'register',
  'analysis-failure',
  'analysis-no-failure',
  'escalate',
  'confirm',
  'refute',
  'start-fix',
  'eliminate',
  'close-after-notice',
]);

export interface StatusView {
  number: string;
  status: string;
  receivedAt: Date;
  steps: Array<{ at: Date; action: string }>;
  plannedFixAt: Date | null;
  explanation: string | null;
}

export function normalizeNumber(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const number = raw.trim();
  return NUMBER.test(number) ? number : null;
}

/** The request when the number and code match; null in every other case, alike. */
export async function participantStatus(
  store: Pick<Store, 'requests' | 'incidents'>,
  codes: StatusCodes,
  rawNumber: unknown,
  rawCode: unknown,
): Promise<StatusView | null> {
  const number = normalizeNumber(rawNumber);
  if (!number || typeof rawCode !== 'string') return null;

  const request = await store.requests
    .findOne({ number }, { number: 1, status: 1, receivedAt: 1, history: 1, incidentId: 1 })
    .lean();
  if (!request || !codes.matches(String(request._id), rawCode)) return null;

  const incident = request.incidentId
    ? await store.incidents
        .findById(request.incidentId, { plannedFixAt: 1, explanation: 1 })
        .lean()
    : null;
  const confirmed = ['confirmed', 'fixing', 'eliminated'].includes(request.status);
  const refuted =
    request.status === 'refuted' || request.history.some((h) => h.action === 'refute');

  return {
    number: request.number,
    status: request.status,
    receivedAt: request.receivedAt,
    steps: request.history
      .filter((h) => PUBLIC_STEPS.has(h.action))
      .map((h) => ({ at: h.at, action: h.action })),
    plannedFixAt: confirmed ? (incident?.plannedFixAt ?? null) : null,
    explanation: refuted ? (incident?.explanation ?? null) : null,
  };
}
