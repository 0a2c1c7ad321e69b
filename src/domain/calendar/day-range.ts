import type { CalendarDay } from './calendar';
import { CalendarError } from './calendar-error';
import { dayNumberOf } from './civil-date';

/** Longest list days() returns: about three years, enough for any screen. */
export const MAX_LISTED_DAYS = 1_100;

/** Calls `dayAt` for every date from `from` to `to`, both included. */
export function listDays(
  from: string,
  to: string,
  dayAt: (dayNumber: number) => CalendarDay,
): CalendarDay[] {
  const first = dayNumberOf(from);
  const last = dayNumberOf(to);

  if (last < first) {
    throw new CalendarError('INVALID_RANGE', `Range ends (${to}) before it starts (${from})`);
  }

  if (last - first + 1 > MAX_LISTED_DAYS) {
    const problem = `Range ${from}..${to} is over ${MAX_LISTED_DAYS} days`;
    throw new CalendarError('RANGE_TOO_LONG', problem);
  }

  const days: CalendarDay[] = [];
  for (let dayNumber = first; dayNumber <= last; dayNumber += 1) days.push(dayAt(dayNumber));
  return days;
}
