import type { TFunction } from 'i18next';

import type { RunningClock } from './queue-view';

/**
 * How much of a running clock is left, as words and a colour level. The
 * page's script (public/live-common.js) recomputes the same every second
 * with the same thresholds; this is what a page shows before it runs.
 */
export type Level = 'ok' | 'soon' | 'urgent' | 'overdue';

/** Share of the clock's length left: above `soon` is ok, above `urgent` is soon. */
export const LEVELS = { soon: 0.5, urgent: 0.2 };

export function levelOf(leftMs: number, lengthMs: number): Level {
  if (leftMs <= 0) return 'overdue';
  const share = lengthMs > 0 ? leftMs / lengthMs : 0;
  if (share > LEVELS.soon) return 'ok';
  if (share > LEVELS.urgent) return 'soon';
  return 'urgent';
}

export function countdownText(leftMs: number, t: TFunction): string {
  const minutes = Math.floor(Math.abs(leftMs) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const key = leftMs > 0 ? 'countdown.left' : 'countdown.overdue';

  if (d > 0) return t(`${key}Days`, { d, h });
  return t(key, { h: d * 24 + h, m: String(m).padStart(2, '0') });
}

export function countdownView(clock: RunningClock, now: Date, t: TFunction) {
  const leftMs = clock.dueAt.getTime() - now.getTime();
  const lengthMs = clock.dueAt.getTime() - clock.startedAt.getTime();

  return {
    name: clock.name,
    startMs: clock.startedAt.getTime(),
    dueMs: clock.dueAt.getTime(),
    dueAt: clock.dueAt,
    level: levelOf(leftMs, lengthMs),
    text: countdownText(leftMs, t),
  };
}
