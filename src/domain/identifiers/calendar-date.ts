/**
 * Calendar-date helpers without reading the clock or the zone: a date is
 * a 'YYYY-MM-DD' string and is checked against the proleptic Gregorian
 * calendar in UTC, where every day exists exactly once.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' when year, month and day form a real date, else null. */
export function formatCalendarDate(year: number, month: number, day: number): string | null {
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);

  const real =
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  if (!real) return null;

  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${mm}-${dd}`;
}

/** True for a 'YYYY-MM-DD' string naming a day that exists. */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;

  const [, year, month, day] = match;
  return formatCalendarDate(Number(year), Number(month), Number(day)) === text;
}
