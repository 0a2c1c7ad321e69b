import { Duration } from 'luxon';

import type { CalendarKind } from './calendar';
import { CalendarError } from './calendar-error';
import { MS_PER_DAY } from './civil-date';

/** Units whose length depends on the month or year; no clause of the Rules uses them. */
const CALENDAR_UNITS = ['years', 'quarters', 'months', 'weeks'] as const;

const MS_PER_UNIT = { hours: 3_600_000, minutes: 60_000, seconds: 1_000, milliseconds: 1 };

/**
 * The length of a clock in ms of its calendar's time. On the working calendar
 * a day is one working day (rules.md: one working day is 9 h 30 min of working
 * time) and hours are working hours; around the clock a day is 24 h.
 *
 * @param iso ISO 8601 duration with days, hours, minutes, seconds: 'PT3H', 'P1D'.
 * @param calendar which calendar the clock runs on.
 * @param workingDayMs length of one working day in ms; used by 'working' only.
 */
export function clockLengthMs(iso: string, calendar: CalendarKind, workingDayMs: number): number {
  const duration = parseDuration(iso);
  const dayMs = calendar === 'always' ? MS_PER_DAY : checkWorkingDayMs(workingDayMs);
  const parts = duration.toObject();

  const ms =
    (parts.days ?? 0) * dayMs +
    (parts.hours ?? 0) * MS_PER_UNIT.hours +
    (parts.minutes ?? 0) * MS_PER_UNIT.minutes +
    (parts.seconds ?? 0) * MS_PER_UNIT.seconds +
    (parts.milliseconds ?? 0) * MS_PER_UNIT.milliseconds;

  if (!Number.isFinite(ms) || ms < 0) {
    throw new CalendarError('INVALID_DURATION', `A clock cannot run backwards: ${iso}`);
  }

  // Fractions ('PT0.1S' of a working day) round to whole ms, all a Date can hold.
  return Math.round(ms);
}

function parseDuration(iso: string): Duration {
  const duration = typeof iso === 'string' ? Duration.fromISO(iso) : Duration.invalid('not text');
  if (!duration.isValid) {
    throw new CalendarError('INVALID_DURATION', `Not an ISO 8601 duration: ${String(iso)}`);
  }

  // luxon reads a bare 'P' or 'PT' as zero; ISO 8601 wants at least one component.
  const parts = duration.toObject();
  if (Object.keys(parts).length === 0) {
    throw new CalendarError('INVALID_DURATION', `An ISO 8601 duration needs a value: ${iso}`);
  }

  const unit = CALENDAR_UNITS.find((name) => parts[name] !== undefined);
  if (unit !== undefined) {
    throw new CalendarError(
      'UNSUPPORTED_DURATION_UNIT',
      `Clock lengths use days, hours and minutes, not ${unit}: ${iso}`,
    );
  }

  const negative = Object.values(parts).some((value) => value < 0);
  if (negative) {
    throw new CalendarError('INVALID_DURATION', `A clock cannot run backwards: ${iso}`);
  }
  return duration;
}

function checkWorkingDayMs(workingDayMs: number): number {
  if (!Number.isFinite(workingDayMs) || workingDayMs <= 0) {
    throw new CalendarError(
      'INVALID_DURATION',
      `Working day must be positive ms: ${workingDayMs}`,
    );
  }
  return workingDayMs;
}
