import { DateTime } from 'luxon';

import { CalendarError } from './calendar-error';
import { civilFieldsOf, MS_PER_DAY } from './civil-date';
import type { WorkingHours } from './working-hours';

/**
 * One local calendar day as UTC epoch ms. A day is [startMs, endMs); on a
 * working day the working interval is [openMs, closeMs), on a day off both
 * are startMs (an empty interval).
 */
export interface DaySlot {
  readonly dayNumber: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly working: boolean;
  readonly openMs: number;
  readonly closeMs: number;
}

/** How far to look for a working day before deciding the data must be wrong. */
const MAX_DAYS_WITHOUT_WORK = 1_000;

/**
 * Caches every day it has been asked about, so the hot paths (add, between)
 * are a Map lookup and arithmetic; luxon runs once per new day. Offsets come
 * from the zone's rules for that very day: Asia/Almaty was UTC+6 until
 * 1 March 2024 and UTC+5 since (calendar.md, "Time zone").
 */
export class DaySlots {
  private readonly slots = new Map<number, DaySlot>();

  private readonly midnights = new Map<number, number>();

  constructor(
    private readonly zone: string,
    private readonly hours: WorkingHours,
    private readonly isWorking: (dayNumber: number) => boolean,
  ) {}

  /** The local day that contains the instant. */
  at(ms: number): DaySlot {
    // A zone's offset is under a day, so the UTC date is the local one or a neighbour.
    let slot = this.of(Math.floor(ms / MS_PER_DAY));
    while (ms < slot.startMs) slot = this.of(slot.dayNumber - 1);
    while (ms >= slot.endMs) slot = this.of(slot.dayNumber + 1);
    return slot;
  }

  of(dayNumber: number): DaySlot {
    return this.slots.get(dayNumber) ?? this.build(dayNumber);
  }

  /** The first working day after `dayNumber`. */
  nextWorking(dayNumber: number): DaySlot {
    for (let step = 1; step <= MAX_DAYS_WITHOUT_WORK; step += 1) {
      const slot = this.of(dayNumber + step);
      if (slot.working) return slot;
    }

    throw new CalendarError(
      'NO_WORKING_DAY',
      `No working day within ${MAX_DAYS_WITHOUT_WORK} days; check the calendar's days off`,
    );
  }

  private build(dayNumber: number): DaySlot {
    const startMs = this.midnight(dayNumber);
    const endMs = this.midnight(dayNumber + 1);
    const working = this.isWorking(dayNumber);

    const openMs = working ? this.localMs(dayNumber, this.hours.openMinutes) : startMs;
    const closeMs = working ? this.localMs(dayNumber, this.hours.closeMinutes) : startMs;

    const slot: DaySlot = { dayNumber, startMs, endMs, working, openMs, closeMs };
    this.slots.set(dayNumber, slot);
    return slot;
  }

  private midnight(dayNumber: number): number {
    let ms = this.midnights.get(dayNumber);
    if (ms === undefined) {
      ms = this.localMs(dayNumber, 0);
      this.midnights.set(dayNumber, ms);
    }
    return ms;
  }

  /**
   * NOTE: luxon moves a local time that a clock change skipped forward, and
   * picks one reading of a repeated one; Almaty's 2024 change was at midnight,
   * far from opening and closing.
   */
  private localMs(dayNumber: number, minutes: number): number {
    const { year, month, day } = civilFieldsOf(dayNumber);
    const hour = Math.floor(minutes / 60);
    const minute = minutes % 60;

    const local = DateTime.fromObject({ year, month, day, hour, minute }, { zone: this.zone });
    if (!local.isValid) {
      const problem = `Cannot place ${year}-${month}-${day} ${hour}:${minute} in ${this.zone}`;
      throw new CalendarError('INVALID_ZONE', problem);
    }
    return local.toMillis();
  }
}
