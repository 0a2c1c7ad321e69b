export type { Calendar, CalendarDay, CalendarKind, DayEntry } from './calendar';
export { CalendarError, type CalendarErrorCode } from './calendar-error';
export { AlwaysCalendar } from './always-calendar';
export { WorkingCalendar, type WorkingCalendarOptions } from './working-calendar';
export { clockLengthMs } from './clock-length';
export { formatAstana, parseInstant } from './instant-format';
export { assertTimeZoneData } from './tz-data';
export { isoDateOf, parseIsoDate, weekdayOf } from './civil-date';
