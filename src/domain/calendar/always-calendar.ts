import type { Calendar, CalendarDay } from './calendar';
import { dayNumberOf, isoDateOf, MS_PER_DAY } from './civil-date';
import { listDays } from './day-range';
import { checkDurationMs, epochMsOf } from './instant';

/**
 * Around the clock: every instant is working time and a day is 24 h. For
 * clocks set to run regardless of the contact center's hours (rules.md, "The
 * clocks": each clock's calendar is a setting).
 */
export class AlwaysCalendar implements Calendar {
  readonly kind = 'always' as const;

  readonly workingDayMs = MS_PER_DAY;

  day(date: string): CalendarDay {
    return { date: isoDateOf(dayNumberOf(date)), working: true, reason: null };
  }

  days(from: string, to: string): CalendarDay[] {
    return listDays(from, to, (dayNumber) => ({
      date: isoDateOf(dayNumber),
      working: true,
      reason: null,
    }));
  }

  isWorkingTime(at: Date): boolean {
    epochMsOf(at);
    return true;
  }

  nextOpening(at: Date): Date {
    epochMsOf(at);
    return at;
  }

  addWorkingTime(at: Date, ms: number): Date {
    const startMs = epochMsOf(at);
    checkDurationMs(ms);
    return ms === 0 ? at : new Date(startMs + ms);
  }

  workingTimeBetween(from: Date, to: Date): number {
    return Math.max(0, epochMsOf(to) - epochMsOf(from));
  }
}
