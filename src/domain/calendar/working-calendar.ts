import { IANAZone } from 'luxon';

import type { Calendar, CalendarDay, DayEntry } from './calendar';
import { CalendarError } from './calendar-error';
import { dayNumberOf } from './civil-date';
import { DayBook } from './day-book';
import { listDays } from './day-range';
import { DaySlots, type DaySlot } from './day-slots';
import { checkDurationMs, checkSpanMs, epochMsOf } from './instant';
import { parseWorkingHours } from './working-hours';

export interface WorkingCalendarOptions {
  /** IANA zone of the calendar dates and hours; Astana time is 'Asia/Almaty'. */
  zone: string;
  /** Local opening time 'HH:mm'; the contact center opens at '09:00' (clause 16). */
  openAt: string;
  /** Local closing time 'HH:mm', exclusive; the contact center closes at '18:30'. */
  closeAt: string;
  /** Days that depart from the Monday–Friday week: the reviewed calendar plus seeded years. */
  days: readonly DayEntry[];
  /** An administrator's corrections; they win over `days`. */
  overrides?: readonly DayEntry[];
}

/**
 * Working time: working days from openAt to closeAt without a break (clause 16;
 * rules.md, "Working time"). Immutable: a changed day means a new calendar.
 */
export class WorkingCalendar implements Calendar {
  readonly kind = 'working' as const;

  readonly zone: string;

  readonly openAt: string;

  readonly closeAt: string;

  readonly workingDayMs: number;

  private readonly book: DayBook;

  private readonly slots: DaySlots;

  constructor(options: WorkingCalendarOptions) {
    if (!IANAZone.isValidZone(options.zone)) {
      throw new CalendarError('INVALID_ZONE', `Unknown IANA time zone: ${options.zone}`);
    }

    const hours = parseWorkingHours(options.openAt, options.closeAt);
    this.book = new DayBook(options.days, options.overrides ?? []);
    this.slots = new DaySlots(options.zone, hours, (dayNumber) => this.book.isWorking(dayNumber));

    this.zone = options.zone;
    this.openAt = options.openAt;
    this.closeAt = options.closeAt;
    this.workingDayMs = (hours.closeMinutes - hours.openMinutes) * 60_000;
  }

  day(date: string): CalendarDay {
    return this.book.day(dayNumberOf(date));
  }

  days(from: string, to: string): CalendarDay[] {
    return listDays(from, to, (dayNumber) => this.book.day(dayNumber));
  }

  isWorkingTime(at: Date): boolean {
    const ms = epochMsOf(at);
    const slot = this.slots.at(ms);
    return slot.working && ms >= slot.openMs && ms < slot.closeMs;
  }

  nextOpening(at: Date): Date {
    const ms = epochMsOf(at);
    const { cursorMs } = this.countingStart(ms);
    return cursorMs === ms ? at : new Date(cursorMs);
  }

  /**
   * Off-hours, time starts counting at the next opening (clause 16: an
   * off-hours digital request is registered on the next working day). A
   * deadline that uses up a day exactly falls due at its closing time.
   */
  addWorkingTime(at: Date, ms: number): Date {
    const startMs = epochMsOf(at);
    checkDurationMs(ms);

    if (ms === 0) return at;

    let { slot, cursorMs } = this.countingStart(startMs);
    let remainingMs = ms;

    for (;;) {
      const availableMs = slot.closeMs - cursorMs;
      if (remainingMs <= availableMs) return new Date(cursorMs + remainingMs);

      remainingMs -= availableMs;
      slot = this.slots.nextWorking(slot.dayNumber);
      cursorMs = slot.openMs;
    }
  }

  workingTimeBetween(from: Date, to: Date): number {
    const fromMs = epochMsOf(from);
    const toMs = epochMsOf(to);

    if (toMs <= fromMs) return 0;
    checkSpanMs(fromMs, toMs);

    let slot = this.slots.at(fromMs);
    let totalMs = 0;

    for (;;) {
      const overlapMs = Math.min(slot.closeMs, toMs) - Math.max(slot.openMs, fromMs);
      if (slot.working && overlapMs > 0) totalMs += overlapMs;

      if (slot.endMs >= toMs) return totalMs;
      slot = this.slots.of(slot.dayNumber + 1);
    }
  }

  /** The working day and instant from which working time counts for `ms`. */
  private countingStart(ms: number): { slot: DaySlot; cursorMs: number } {
    const slot = this.slots.at(ms);
    if (slot.working && ms < slot.closeMs) {
      return { slot, cursorMs: Math.max(ms, slot.openMs) };
    }

    const next = this.slots.nextWorking(slot.dayNumber);
    return { slot: next, cursorMs: next.openMs };
  }
}
