import type { FilterQuery } from 'mongoose';

import { withClocksAsOf, type ClockReader } from '../../desk/clock-reader';
import { CLOCK_NAMES, type ClockRecord } from '../../domain/workflow/clocks';
import { CHANNELS, isChannel, isStatus, STATUSES } from '../../domain/workflow/statuses';
import type { Store } from '../../store';
import type { NoticeDoc } from '../../store/notice-model';
import type { RequestDoc } from '../../store/request-model';

/**
 * The operator's queue: open requests, the clock running on each, and
 * whether a warning or a breach is on it. Rows with a breach come first,
 * then those with a warning, then by the nearest deadline.
 */
export type Alert = 'breached' | 'warning' | null;

export interface QueueFilters {
  status: string;
  channel: string;
  /** '' any, 'me' the viewer, 'none' nobody. */
  assignee: string;
}

export interface RunningClock {
  name: string;
  startedAt: Date;
  dueAt: Date;
}

export interface QueueRow {
  id: string;
  number: string;
  status: string;
  channel: string;
  participant: string;
  assignee: string | null;
  receivedAt: Date;
  clock: RunningClock | null;
  alert: Alert;
  notice: { kind: string; status: string; channel: string } | null;
}

export const OPEN_STATUSES = STATUSES.filter((s) => s !== 'closed');
const QUEUE_LIMIT = 500;

export function readFilters(query: Record<string, unknown>): QueueFilters {
  const status = isStatus(query.status) && query.status !== 'closed' ? query.status : '';
  const channel = isChannel(query.channel) ? query.channel : '';
  const assignee = query.assignee === 'me' || query.assignee === 'none' ? query.assignee : '';
  return { status, channel, assignee };
}

export function filterOptions() {
  return { statuses: OPEN_STATUSES, channels: CHANNELS };
}

function mongoFilter(filters: QueueFilters, viewer: string): FilterQuery<RequestDoc> {
  return {
    status: filters.status || { $ne: 'closed' },
    ...(filters.channel && { channel: filters.channel }),
    ...(filters.assignee === 'me' && { assignee: viewer }),
    ...(filters.assignee === 'none' && { assignee: null }),
  };
}

/** The clock that falls due first among those still running, if any. */
export function runningClock(doc: Pick<RequestDoc, 'clocks'>): RunningClock | null {
  let first: RunningClock | null = null;

  for (const name of CLOCK_NAMES) {
    const clock = doc.clocks?.[name] as ClockRecord | undefined;
    if (!clock || clock.stoppedAt) continue;

    const dueAt = new Date(clock.dueAt);
    if (!first || dueAt.getTime() < first.dueAt.getTime()) {
      first = { name, startedAt: new Date(clock.startedAt), dueAt };
    }
  }
  return first;
}

/** A running clock past its deadline, or one that reached a warning threshold. */
export function alertOf(doc: Pick<RequestDoc, 'clocks'>): Alert {
  const running = Object.values(doc.clocks ?? {}).filter((c) => c && !c.stoppedAt);
  if (running.some((c) => c.state === 'breached' || c.breachedAt)) return 'breached';
  if (running.some((c) => (c.warnedAt ?? []).length > 0)) return 'warning';
  return null;
}

const ALERT_RANK = { breached: 2, warning: 1 } as const;

export function compareRows(a: QueueRow, b: QueueRow): number {
  const rank = (row: QueueRow) => (row.alert ? ALERT_RANK[row.alert] : 0);
  if (rank(a) !== rank(b)) return rank(b) - rank(a);

  const due = (row: QueueRow) => row.clock?.dueAt.getTime() ?? Number.MAX_SAFE_INTEGER;
  if (due(a) !== due(b)) return due(a) - due(b);
  return a.receivedAt.getTime() - b.receivedAt.getTime();
}

export function toRow(doc: RequestDoc, lastNotice: NoticeDoc | undefined): QueueRow {
  return {
    id: String(doc._id),
    number: doc.number,
    status: doc.status,
    channel: doc.channel,
    participant: doc.contact?.name ?? doc.contact?.phone ?? '',
    assignee: doc.assignee,
    receivedAt: new Date(doc.receivedAt),
    clock: runningClock(doc),
    alert: alertOf(doc),
    notice: lastNotice
      ? { kind: lastNotice.kind, status: lastNotice.status, channel: lastNotice.channel }
      : null,
  };
}

const ROW_FIELDS = {
  number: 1,
  status: 1,
  channel: 1,
  contact: 1,
  assignee: 1,
  receivedAt: 1,
  clocks: 1,
};

async function lastNotices(store: Pick<Store, 'notices'>, ids: unknown[]) {
  const notices = await store.notices
    .find({ requestId: { $in: ids } })
    .sort({ createdAt: 1 })
    .lean();
  return new Map(notices.map((n) => [String(n.requestId), n]));
}

export async function loadQueue(
  store: Pick<Store, 'requests' | 'notices'>,
  filters: QueueFilters,
  viewer: string,
  read: ClockReader,
): Promise<QueueRow[]> {
  const docs = await store.requests
    .find(mongoFilter(filters, viewer), ROW_FIELDS)
    .sort({ receivedAt: -1 })
    .limit(QUEUE_LIMIT)
    .lean();
  const notices = await lastNotices(
    store,
    docs.map((d) => d._id),
  );

  return docs
    .map((doc) => toRow(withClocksAsOf(doc as RequestDoc, read), notices.get(String(doc._id))))
    .sort(compareRows);
}

/** One row as the filters see it: null when the request left the queue or the filter. */
export async function loadRow(
  store: Pick<Store, 'requests' | 'notices'>,
  id: string,
  filters: QueueFilters,
  viewer: string,
  read: ClockReader,
): Promise<QueueRow | null> {
  const doc = await store.requests
    .findOne({ _id: id, ...mongoFilter(filters, viewer) }, ROW_FIELDS)
    .lean();
  if (!doc) return null;

  const notices = await lastNotices(store, [doc._id]);
  return toRow(withClocksAsOf(doc as RequestDoc, read), notices.get(String(doc._id)));
}
