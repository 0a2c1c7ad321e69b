import { DateTime } from 'luxon';

/**
 * Where the desk and the peer disagree, and whether the peer could have
 * agreed: an input whose span touches a worked weekend day (a transfer,
 * such as Sunday 5 January 2025) is one the peer cannot express.
 */
export interface Difference {
  op: 'add' | 'between';
  from: string;
  /** Minutes added, or the instant measured to. */
  argument: string;
  desk: string;
  peer: string;
  /** The worked weekend days inside the span; empty when the peer could express it. */
  workedWeekendDays: string[];
}

const ZONE = 'Asia/Almaty';

export function astana(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? '';
}

function astanaDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate() ?? '';
}

/** The worked weekend days from `fromMs` to `untilMs`, by Astana date. */
export function workedWeekendDaysIn(fromMs: number, untilMs: number, days: string[]): string[] {
  const first = astanaDate(fromMs);
  const last = astanaDate(untilMs);
  return days.filter((date) => date >= first && date <= last);
}

export interface Tally {
  expressible: Difference[];
  inexpressible: Difference[];
}

export function tally(differences: Difference[]): Tally {
  return {
    expressible: differences.filter((d) => d.workedWeekendDays.length === 0),
    inexpressible: differences.filter((d) => d.workedWeekendDays.length > 0),
  };
}

/** How many inexpressible inputs each worked weekend day accounts for. */
export function byDay(differences: Difference[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const difference of differences) {
    for (const day of difference.workedWeekendDays) counts[day] = (counts[day] ?? 0) + 1;
  }
  return counts;
}
