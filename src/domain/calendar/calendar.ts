/**
 * The shapes every calendar shares. Instants are JS Dates (UTC inside); dates
 * are 'YYYY-MM-DD' calendar dates of the calendar's zone, Astana time for the
 * desk (rules.md, "Astana time": store instants in UTC, convert at the edges).
 */

/** One day that departs from the plain Monday–Friday week, with the reason people see. */
export type DayEntry = {
  date: string;
  working: boolean;
  reason: string;
};

/** What the calendar says about one date; reason is null for an ordinary working day. */
export type CalendarDay = {
  date: string;
  working: boolean;
  reason: string | null;
};

export type CalendarKind = 'working' | 'always';

/**
 * A clock runs on a calendar (rules.md, "The clocks": each clock's calendar is
 * a setting): contact-center working time, or around the clock.
 */
export interface Calendar {
  readonly kind: CalendarKind;

  /**
   * One working day in ms, what "P1D" means on this calendar: closing minus
   * opening (9 h 30 min for the contact center), or 24 h around the clock.
   */
  readonly workingDayMs: number;

  day(date: string): CalendarDay;

  /** Every date from `from` to `to`, both included. */
  days(from: string, to: string): CalendarDay[];

  isWorkingTime(at: Date): boolean;

  /** `at` itself when it is working time, else the next opening. */
  nextOpening(at: Date): Date;

  /** The instant after `ms` of working time counted from `at`. */
  addWorkingTime(at: Date, ms: number): Date;

  /** Working time in ms from `from` to `to`; 0 when `to` is not after `from`. */
  workingTimeBetween(from: Date, to: Date): number;
}
