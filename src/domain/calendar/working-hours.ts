import { CalendarError } from './calendar-error';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Opening and closing as minutes after local midnight. */
export interface WorkingHours {
  openMinutes: number;
  closeMinutes: number;
}

/**
 * Reads 'HH:mm' opening and closing times. Clause 16 gives 9:00–18:30 for the
 * contact center; other teams keep other hours, so they are settings.
 */
export function parseWorkingHours(openAt: string, closeAt: string): WorkingHours {
  const openMinutes = minutesOf(openAt, 'openAt');
  const closeMinutes = minutesOf(closeAt, 'closeAt');

  if (closeMinutes <= openMinutes) {
    throw new CalendarError('INVALID_HOURS', `closeAt ${closeAt} is not after openAt ${openAt}`);
  }
  return { openMinutes, closeMinutes };
}

function minutesOf(hhmm: string, name: string): number {
  const match = typeof hhmm === 'string' ? HH_MM.exec(hhmm) : null;
  if (match === null) {
    throw new CalendarError('INVALID_HOURS', `${name} must be HH:mm (00:00–23:59): ${hhmm}`);
  }
  return Number(match[1]) * 60 + Number(match[2]);
}
