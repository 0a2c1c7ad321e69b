import Holidays from 'date-holidays';

import {
  CalendarError,
  type DayEntry,
  isoDateOf,
  parseIsoDate,
  weekdayOf,
} from './domain/calendar';

/**
 * Days off for the working calendar from outside the domain: the reviewed
 * file for the years people have checked, and date-holidays as a starting
 * point for the others (calendar.md, "What follows for the desk": holiday
 * libraries are a starting point, not an authority).
 */

/** The reviewed calendar file (config/calendar/kz-2024-2027.json), checked. */
export interface ReviewedCalendar {
  name: string;
  /** The years the file covers completely. */
  years: number[];
  notes: string[];
  /** Sorted by date. */
  days: DayEntry[];
}

const FIRST_SEED_YEAR = 1992;

const LAST_SEED_YEAR = 2199;

let kazakhHolidays: Holidays | undefined;

/**
 * Public days off of one year from date-holidays, unreviewed. Each date is
 * the holiday's own calendar date from the library's local date string;
 * converting its start instant through UTC would put Astana's midnight on
 * the day before.
 */
export function seedDays(year: number): DayEntry[] {
  if (!Number.isInteger(year) || year < FIRST_SEED_YEAR || year > LAST_SEED_YEAR) {
    throw new CalendarError('INVALID_RANGE', `No holiday data for year ${year}`);
  }

  kazakhHolidays ??= new Holidays('KZ', { languages: ['en'], types: ['public'] });
  const reasons = new Map<string, string[]>();

  for (const holiday of kazakhHolidays.getHolidays(year)) {
    if (holiday.type !== 'public') continue;

    const date = holiday.date.slice(0, 10);
    const names = reasons.get(date) ?? [];
    if (!names.includes(holiday.name)) names.push(holiday.name);
    reasons.set(date, names);
  }

  // The library lists some dates twice (a holiday and a substitute); one entry each.
  return [...reasons.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, names]) => ({
      date,
      working: false,
      reason: `${names.join('; ')} (from date-holidays, not reviewed)`,
    }));
}

/**
 * Checks the reviewed file's shape: every entry a real date inside the years
 * the file claims, no date twice, and working days only on weekends (the
 * file lists departures from the Monday–Friday week, nothing else).
 */
export function loadReviewedCalendar(json: unknown): ReviewedCalendar {
  const file = asRecord(json, 'the file');
  const name = typeof file.name === 'string' ? file.name : 'reviewed calendar';
  const years = checkYears(file.years);
  const notes = checkNotes(file.notes);

  if (!Array.isArray(file.days)) invalid('days must be an array');
  const days = file.days.map((raw, index) => checkDay(raw, `days[${index}]`, years));

  const seen = new Set<string>();
  for (const day of days) {
    if (seen.has(day.date)) invalid(`${day.date} is listed twice`);
    seen.add(day.date);
  }

  days.sort((a, b) => a.date.localeCompare(b.date));
  return { name, years, notes, days };
}

/** The reviewed days, plus seeded days for the requested years the file does not cover. */
export function calendarDays(reviewed: ReviewedCalendar, years: readonly number[]): DayEntry[] {
  const seeded = years
    .filter((year) => !reviewed.years.includes(year))
    .flatMap((year) => seedDays(year));

  return [...reviewed.days, ...seeded];
}

function checkYears(raw: unknown): number[] {
  const valid =
    Array.isArray(raw) && raw.length > 0 && raw.every((year) => Number.isInteger(year));
  if (!valid) invalid('years must be a non-empty array of whole years');

  return [...(raw as number[])];
}

function checkNotes(raw: unknown): string[] {
  if (typeof raw === 'string') return [raw];

  const valid = Array.isArray(raw) && raw.every((note) => typeof note === 'string');
  if (!valid) invalid('notes must be text or a list of texts');

  return [...(raw as string[])];
}

function checkDay(raw: unknown, where: string, years: readonly number[]): DayEntry {
  const entry = asRecord(raw, where);
  const dayNumber = parseIsoDate(entry.date);

  if (dayNumber === null) invalid(`${where}.date is not a YYYY-MM-DD date`);
  if (typeof entry.working !== 'boolean') invalid(`${where}.working must be true or false`);
  if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
    invalid(`${where}.reason must be a non-empty text`);
  }

  const date = isoDateOf(dayNumber);
  if (!years.includes(Number(date.slice(0, 4)))) invalid(`${where}: ${date} is outside years`);

  const weekday = weekdayOf(dayNumber);
  if (entry.working && weekday !== 0 && weekday !== 6) {
    invalid(`${where}: ${date} is a weekday, working already`);
  }
  return { date, working: entry.working, reason: entry.reason };
}

function asRecord(raw: unknown, where: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    invalid(`${where} must be an object`);
  }
  return raw as Record<string, unknown>;
}

function invalid(problem: string): never {
  throw new CalendarError('INVALID_CALENDAR_FILE', `Reviewed calendar: ${problem}`);
}
