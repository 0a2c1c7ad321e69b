import type { Calendar } from '../calendar';

/**
 * The seven clocks of clause 15, as pure values. A clock starts on one
 * event and stops on another; its deadline is its length in its calendar's
 * time. `occurrence` counts restarts of the same clock on one request, so
 * timers armed for an earlier run are recognised as stale.
 */
export const CLOCK_NAMES = [
  'registration',
  'analysis',
  'escalation',
  'refutationNotice',
  'confirmationNotice',
  'fixStart',
  'fixNotice',
] as const;

export type ClockName = (typeof CLOCK_NAMES)[number];

export type ClockState = 'running' | 'met' | 'breached';

export interface ClockRecord {
  occurrence: number;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  state: ClockState;
  /** The warning thresholds reached so far, as the instants they fell on. */
  warnedAt: Date[];
  /** The true deadline, recorded once it has passed with the clock still running. */
  breachedAt: Date | null;
}

export interface ClockTiming {
  calendar: Calendar;
  lengthMs: number;
}

export function startClock(
  previous: ClockRecord | undefined,
  startedAt: Date,
  timing: ClockTiming,
): ClockRecord {
  return {
    occurrence: (previous?.occurrence ?? 0) + 1,
    startedAt,
    dueAt: timing.calendar.addWorkingTime(startedAt, timing.lengthMs),
    stoppedAt: null,
    state: 'running',
    warnedAt: [],
    breachedAt: null,
  };
}

/** Stopped by `at`: met when on time, breached (at its true deadline) when late. */
export function stopClock(clock: ClockRecord, at: Date): ClockRecord {
  if (clock.stoppedAt) return clock;

  const late = at.getTime() > clock.dueAt.getTime();
  return {
    ...clock,
    stoppedAt: at,
    state: late ? 'breached' : 'met',
    breachedAt: late ? clock.dueAt : null,
  };
}

export interface Threshold {
  kind: 'warning' | 'breach';
  /** Share of the clock's length; 1 for the deadline itself. */
  fraction: number;
  at: Date;
}

/** Where the warnings and the deadline fall, in the clock's own calendar. */
export function thresholdsOf(
  clock: ClockRecord,
  timing: ClockTiming,
  warnAtFractions: readonly number[],
): Threshold[] {
  const warnings = [...warnAtFractions]
    .sort((a, b) => a - b)
    .map((fraction) => ({
      kind: 'warning' as const,
      fraction,
      at: timing.calendar.addWorkingTime(clock.startedAt, Math.round(timing.lengthMs * fraction)),
    }));

  return [...warnings, { kind: 'breach', fraction: 1, at: clock.dueAt }];
}

/** Whether a threshold is already recorded on the clock. */
export function isRecorded(clock: ClockRecord, threshold: Threshold): boolean {
  if (threshold.kind === 'breach') return clock.breachedAt !== null || clock.state === 'breached';
  return clock.warnedAt.some((at) => at.getTime() === threshold.at.getTime());
}

/** Records a threshold that has come; a stopped clock records nothing more. */
export function recordThreshold(clock: ClockRecord, threshold: Threshold): ClockRecord {
  if (clock.stoppedAt || isRecorded(clock, threshold)) return clock;

  if (threshold.kind === 'breach') {
    return { ...clock, state: 'breached', breachedAt: clock.dueAt };
  }
  return { ...clock, warnedAt: [...clock.warnedAt, threshold.at] };
}

/**
 * The clock as it stands at `now`: every threshold whose instant has come
 * counts as reached, at that instant, whether or not its timer's record has
 * been written yet. Screens and reports read clocks through this, so a
 * deadline that has passed shows as a breach from its first moment even
 * while the store is slow to take the record.
 */
export function clockAsOf(
  clock: ClockRecord,
  timing: ClockTiming,
  warnAtFractions: readonly number[],
  now: Date,
): ClockRecord {
  if (clock.stoppedAt) return clock;

  return thresholdsOf(clock, timing, warnAtFractions)
    .filter((threshold) => threshold.at.getTime() <= now.getTime())
    .reduce(recordThreshold, clock);
}

/**
 * The clock after its calendar changed: same start, deadline recomputed.
 * A breach recorded for a deadline that has now moved past `now` is undone,
 * as are warnings that no longer fall where they were.
 */
export function recomputeClock(clock: ClockRecord, timing: ClockTiming, now: Date): ClockRecord {
  if (clock.stoppedAt) return clock;

  const dueAt = timing.calendar.addWorkingTime(clock.startedAt, timing.lengthMs);
  if (dueAt.getTime() === clock.dueAt.getTime()) return clock;

  const passed = dueAt.getTime() <= now.getTime();
  return {
    ...clock,
    dueAt,
    state: passed ? 'breached' : 'running',
    breachedAt: passed ? dueAt : null,
    warnedAt: [],
  };
}
