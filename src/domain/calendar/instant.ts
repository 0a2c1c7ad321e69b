import { CalendarError } from './calendar-error';
import { MS_PER_DAY } from './civil-date';

/**
 * Guards shared by both calendars. The limits keep a typo (a duration in
 * seconds read as ms, a year 20260) from looping for minutes.
 */

/** Longest span add and between will walk: ten years. */
export const MAX_SPAN_MS = 3_653 * MS_PER_DAY;

export function epochMsOf(at: Date): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CalendarError('INVALID_INSTANT', 'Expected a valid Date');
  }
  return ms;
}

/** A duration must be whole ms: a Date cannot hold a fraction, and add/between must invert. */
export function checkDurationMs(ms: number): number {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) {
    throw new CalendarError('INVALID_DURATION', `Expected a whole, non-negative ms count: ${ms}`);
  }

  if (ms > MAX_SPAN_MS) {
    throw new CalendarError('RANGE_TOO_LONG', `Duration over ten years: ${ms} ms`);
  }
  return ms;
}

export function checkSpanMs(fromMs: number, toMs: number): void {
  if (toMs - fromMs > MAX_SPAN_MS) {
    throw new CalendarError('RANGE_TOO_LONG', 'Instants more than ten years apart');
  }
}
