import type { CalendarDay, DayEntry } from './calendar';
import { CalendarError } from './calendar-error';
import { isoDateOf, isWeekend, parseIsoDate, weekdayOf } from './civil-date';

/**
 * Which dates are working days. The plain week is Monday–Friday (calendar.md,
 * "Days off"); listed days (reviewed and seeded) depart from it, and an
 * administrator's overrides win over both (rules.md: days off are data an
 * administrator can change).
 */
export class DayBook {
  private readonly entries = new Map<number, DayEntry>();

  constructor(days: readonly DayEntry[], overrides: readonly DayEntry[]) {
    const listed = indexEntries(days, 'days');
    const overridden = indexEntries(overrides, 'overrides');

    for (const [dayNumber, entry] of listed) this.entries.set(dayNumber, entry);
    for (const [dayNumber, entry] of overridden) this.entries.set(dayNumber, entry);
  }

  isWorking(dayNumber: number): boolean {
    const entry = this.entries.get(dayNumber);
    return entry === undefined ? !isWeekend(dayNumber) : entry.working;
  }

  day(dayNumber: number): CalendarDay {
    const date = isoDateOf(dayNumber);
    const entry = this.entries.get(dayNumber);
    if (entry !== undefined) return { date, working: entry.working, reason: entry.reason };

    if (isWeekend(dayNumber)) {
      return { date, working: false, reason: weekdayOf(dayNumber) === 0 ? 'Sunday' : 'Saturday' };
    }
    return { date, working: true, reason: null };
  }
}

function indexEntries(entries: readonly DayEntry[], list: string): Map<number, DayEntry> {
  if (!Array.isArray(entries)) {
    throw new CalendarError('INVALID_DAY_ENTRY', `${list} must be an array of day entries`);
  }

  const index = new Map<number, DayEntry>();
  for (const entry of entries) {
    const dayNumber = checkEntry(entry, list);

    // Two entries for one date in the same list leave the answer to chance.
    if (index.has(dayNumber)) {
      throw new CalendarError('DUPLICATE_DAY', `${list} lists ${entry.date} twice`);
    }
    index.set(dayNumber, { date: entry.date, working: entry.working, reason: entry.reason });
  }
  return index;
}

function checkEntry(entry: DayEntry, list: string): number {
  const dayNumber = parseIsoDate(entry?.date);
  const valid =
    dayNumber !== null &&
    typeof entry.working === 'boolean' &&
    typeof entry.reason === 'string' &&
    entry.reason.trim() !== '';

  if (!valid || dayNumber === null) {
    const shown = JSON.stringify(entry);
    throw new CalendarError('INVALID_DAY_ENTRY', `${list} has a malformed entry: ${shown}`);
  }
  return dayNumber;
}
