import { DateTime, IANAZone } from 'luxon';

import { CalendarError } from './calendar-error';

/** The first tz data release with Kazakhstan on UTC+5 (calendar.md, "Time zone"). */
const MIN_TZ_VERSION = '2024a';

const TZ_VERSION = /^(\d{4})([a-z])$/;

/** Astana time from 00:00 on 1 March 2024 (Government decree No. 20, 19 January 2024). */
const PROBE = { year: 2024, month: 3, day: 1, hour: 0, minute: 0 };

const EXPECTED_OFFSET_MINUTES = 5 * 60;

/**
 * Refuses to run on time zone data that predates Kazakhstan's move to UTC+5:
 * every deadline would be an hour off. Checks the release name and, because
 * a release name can lie (a patched ICU, a stale system zoneinfo), how the
 * zone actually behaves.
 *
 * @param tzVersion the runtime's tz data release, process.versions.tz.
 * @param zone Astana time's IANA zone, 'Asia/Almaty'.
 */
export function assertTimeZoneData(tzVersion: string | undefined, zone: string): void {
  const match = typeof tzVersion === 'string' ? TZ_VERSION.exec(tzVersion) : null;
  if (match === null) {
    throw new CalendarError('TZ_DATA_UNKNOWN', `Unknown tz data release: ${String(tzVersion)}`);
  }

  // Releases are a year and a letter, so text order is release order.
  const version = match[0];
  if (version < MIN_TZ_VERSION) {
    throw new CalendarError(
      'TZ_DATA_OUTDATED',
      `tz data ${version} predates ${MIN_TZ_VERSION}, which moved Kazakhstan to UTC+5`,
    );
  }

  assertProbeOffset(zone);
}

function assertProbeOffset(zone: string): void {
  if (!IANAZone.isValidZone(zone)) {
    throw new CalendarError('INVALID_ZONE', `Unknown IANA time zone: ${zone}`);
  }

  const offsetMinutes = DateTime.fromObject(PROBE, { zone }).offset;
  if (offsetMinutes !== EXPECTED_OFFSET_MINUTES) {
    throw new CalendarError(
      'TZ_DATA_WRONG_OFFSET',
      `${zone} is UTC${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes / 60} on 2024-03-01,` +
        " not UTC+5: the runtime's tz data is out of date",
    );
  }
}
