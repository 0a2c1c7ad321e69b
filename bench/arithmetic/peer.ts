import dayjs from 'dayjs';
import businessTime from 'dayjs-business-time';

/**
 * dayjs-business-time configured like the contact center: Monday–Friday,
 * one segment from opening to closing, the desk's weekday days off as
 * holidays. It works in the process's local zone and in whole minutes, so
 * the arithmetic suite runs with TZ=Asia/Almaty and minute-aligned inputs.
 * It has no way to say that a Saturday or Sunday is worked (a transfer).
 */
export interface PeerCalendar {
  addMinutes(fromMs: number, minutes: number): number;
  minutesBetween(fromMs: number, toMs: number): number;
}

export function createPeer(openAt: string, closeAt: string, holidays: string[]): PeerCalendar {
  dayjs.extend(businessTime);

  const day = [{ start: `${openAt}:00`, end: `${closeAt}:00` }];
  dayjs.setBusinessTime({
    sunday: null,
    monday: day,
    tuesday: day,
    wednesday: day,
    thursday: day,
    friday: day,
    saturday: null,
  });
  dayjs.setHolidays(holidays);

  return {
    addMinutes: (fromMs, minutes) => dayjs(fromMs).addBusinessMinutes(minutes).valueOf(),
    minutesBetween: (fromMs, toMs) => dayjs(fromMs).businessMinutesDiff(dayjs(toMs)),
  };
}
