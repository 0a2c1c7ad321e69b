import { DateTime, IANAZone } from 'luxon';

import { CalendarError } from './calendar-error';
import { epochMsOf } from './instant';

/**
 * Date, time and an explicit offset ('Z' or ±hh[:mm]). A local time without
 * an offset names different instants in different zones, so it is refused.
 */
const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const TIME = String.raw`([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?`;
const OFFSET = String.raw`(Z|[+-](0\d|1[0-4])(:?[0-5]\d)?)`;
const ISO_INSTANT = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);

/**
 * An instant as the zone's local time with its offset, to the second:
 * '2026-12-04T18:45:00+05:00'. The offset is the zone's at that instant, so
 * the same zone shows +06:00 before 1 March 2024 (calendar.md, "Time zone").
 */
export function formatAstana(at: Date, zone: string): string {
  const ms = epochMsOf(at);
  if (!IANAZone.isValidZone(zone)) {
    throw new CalendarError('INVALID_ZONE', `Unknown IANA time zone: ${zone}`);
  }

  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** An ISO 8601 instant with an offset or Z, else null. */
export function parseInstant(raw: string): Date | null {
  if (typeof raw !== 'string' || !ISO_INSTANT.test(raw)) return null;

  // setZone keeps the string's own offset; the process zone never enters.
  const parsed = DateTime.fromISO(raw, { setZone: true });
  return parsed.isValid ? new Date(parsed.toMillis()) : null;
}
