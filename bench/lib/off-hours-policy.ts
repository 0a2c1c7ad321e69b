import { DateTime } from 'luxon';

import { loadConfig, type SlaPolicy } from '../../src/config';

/**
 * The production policy with the contact center's hours moved away from
 * the next hour, so that every message in a bench takes the same path
 * whatever the time of day: stored as `queued`, and its release at the
 * opening added to BullMQ (clause 16). That is the MongoDB insert and the
 * BullMQ add the intake baseline does.
 */
export function offHoursPolicy(now: Date, zone = 'Asia/Almaty'): SlaPolicy {
  const production = loadConfig({}).slaPolicy;
  const hour = DateTime.fromJSDate(now, { zone }).hour;
  const [open, close] = hour + 3 <= 23 ? [hour + 2, hour + 3] : [1, 2];
  const hhmm = (h: number) => `${String(h).padStart(2, '0')}:00`;

  return {
    ...structuredClone(production),
    contactCenter: { openAt: hhmm(open), closeAt: hhmm(close) },
  };
}
