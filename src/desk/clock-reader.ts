import type { Config } from '../config';
import {
  CLOCK_NAMES,
  clockAsOf,
  type ClockName,
  type ClockRecord,
} from '../domain/workflow/clocks';
import type { CalendarService } from './calendar-service';

export interface ClockReaderDeps {
  config: Pick<Config, 'slaPolicy'>;
  calendars: CalendarService;
}

/** A request's clock as it stands at the reader's instant. */
export type ClockReader = (name: ClockName, clock: ClockRecord) => ClockRecord;

/**
 * What screens and reports read clocks through: a warning or deadline whose
 * instant has come shows at once, though the worker writes its record later
 * (on a busy store, much later).
 */
export async function clockReader(deps: ClockReaderDeps, now: Date): Promise<ClockReader> {
  const timings = await deps.calendars.timings();
  const fractions = deps.config.slaPolicy.warnAtFractions;

  return (name, clock) => clockAsOf(clock, timings.get(name)!, fractions, now);
}

/** A record with each of its clocks as `read` sees it; other fields as they were. */
export function withClocksAsOf<T extends { clocks?: Record<string, ClockRecord> }>(
  doc: T,
  read: ClockReader,
): T {
  if (!doc.clocks) return doc;

  const clocks = Object.fromEntries(
    Object.entries(doc.clocks).map(([name, clock]) => [
      name,
      isClockName(name) && clock ? read(name, clock) : clock,
    ]),
  );
  return { ...doc, clocks };
}

function isClockName(name: string): name is ClockName {
  return (CLOCK_NAMES as readonly string[]).includes(name);
}
