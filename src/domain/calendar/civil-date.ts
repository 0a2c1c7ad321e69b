import { CalendarError } from './calendar-error';

/**
 * Calendar dates ('YYYY-MM-DD') as day numbers: whole days since 1970-01-01.
 * Pure arithmetic on the proleptic Gregorian calendar; no time zone is involved,
 * so nothing here depends on the process time zone.
 */

export const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilFields {
  year: number;
  month: number;
  day: number;
}

/** The day number of an ISO calendar date, or null when it is not a real date. */
export function parseIsoDate(date: unknown): number | null {
  if (typeof date !== 'string') return null;

  const match = ISO_DATE.exec(date);
  if (match === null) return null;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = Date.UTC(year, month - 1, day) / MS_PER_DAY;

  // Date.UTC rolls 2026-02-30 over to 2 March; a round trip catches that.
  return isoDateOf(dayNumber) === date ? dayNumber : null;
}

/** Like parseIsoDate, but a malformed date is an error. */
export function dayNumberOf(date: string): number {
  const dayNumber = parseIsoDate(date);
  if (dayNumber === null) {
    throw new CalendarError('INVALID_DATE', `Not a calendar date (YYYY-MM-DD): ${String(date)}`);
  }
  return dayNumber;
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function civilFieldsOf(dayNumber: number): CivilFields {
  const utc = new Date(dayNumber * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday; 1 January 1970 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}
