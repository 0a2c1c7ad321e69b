import { DateTime } from 'luxon';

import type { ClockReader } from '../../desk/clock-reader';
import { CLOCK_NAMES, type ClockName, type ClockRecord } from '../../domain/workflow/clocks';
import { ValidationError } from '../../errors';
import type { Store } from '../../store';

/**
 * SLA compliance for a period of Astana calendar days, per clock. A clock
 * counts in the period when it stopped in time within it (met) or when its
 * deadline fell within it (breached, whether or not it has stopped since).
 * Clocks still running and not yet due are shown apart.
 */
export interface Period {
  from: string;
  to: string;
}

export interface ClockCompliance {
  clock: ClockName;
  met: number;
  breached: number;
  running: number;
  /** Met among those decided, percent rounded to one decimal; null when none were. */
  compliancePercent: number | null;
}

const MAX_DAYS = 366;
/** How far before the period a request may have arrived and still have a clock ending in it. */
const LOOKBACK_DAYS = 180;

/** A date typed as `dd.MM.yyyy` (as shown everywhere) or `yyyy-MM-dd`, as an ISO date. */
function isoDate(raw: unknown, zone: string): string | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  const parsed = DateTime.fromFormat(text, 'dd.MM.yyyy', { zone }).isValid
    ? DateTime.fromFormat(text, 'dd.MM.yyyy', { zone })
    : DateTime.fromFormat(text, 'yyyy-MM-dd', { zone });
  return parsed.isValid ? parsed.toISODate() : null;
}

export function readPeriod(query: Record<string, unknown>, now: Date, zone: string): Period {
  const today = DateTime.fromJSDate(now, { zone });
  const given = query.from !== undefined || query.to !== undefined;
  const from = given ? isoDate(query.from, zone) : today.startOf('month').toISODate();
  const to = given ? isoDate(query.to, zone) : today.toISODate();

  const start = from ? DateTime.fromISO(from, { zone }) : null;
  const end = to ? DateTime.fromISO(to, { zone }) : null;
  if (!from || !to || !start || !end || end < start || end.diff(start, 'days').days > MAX_DAYS) {
    throw new ValidationError('PERIOD_INVALID', 'from ≤ to, both dates, a year at most', 'from');
  }
  return { from, to };
}

/** `dd.MM.yyyy`, as dates are shown on every page. */
export function dateText(iso: string): string {
  return DateTime.fromISO(iso).toFormat('dd.MM.yyyy');
}

function bounds(period: Period, zone: string) {
  return {
    startAt: DateTime.fromISO(period.from, { zone }).startOf('day').toJSDate(),
    endAt: DateTime.fromISO(period.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

export async function slaCompliance(
  store: Pick<Store, 'requests'>,
  period: Period,
  zone: string,
  read: ClockReader,
): Promise<ClockCompliance[]> {
  const { startAt, endAt } = bounds(period, zone);
  const within = (at: Date | null | undefined) =>
    !!at &&
    new Date(at).getTime() >= startAt.getTime() &&
    new Date(at).getTime() < endAt.getTime();
  const rows = new Map(
    CLOCK_NAMES.map((clock) => [clock, { clock, met: 0, breached: 0, running: 0 }]),
  );

  const earliest = DateTime.fromJSDate(startAt).minus({ days: LOOKBACK_DAYS }).toJSDate();
  const cursor = store.requests
    .find({ receivedAt: { $gte: earliest, $lt: endAt } }, { clocks: 1 })
    .lean()
    .cursor();

  for await (const doc of cursor) {
    for (const name of CLOCK_NAMES) {
      const recorded = doc.clocks?.[name] as ClockRecord | undefined;
      if (!recorded) continue;
      const clock = read(name, recorded);
      const row = rows.get(name)!;

      if (clock.state === 'breached' && within(clock.breachedAt ?? clock.dueAt)) row.breached += 1;
      else if (clock.state === 'met' && within(clock.stoppedAt)) row.met += 1;
      else if (
        clock.state === 'running' &&
        new Date(clock.startedAt).getTime() < endAt.getTime()
      ) {
        row.running += 1;
      }
    }
  }

  return [...rows.values()].map((row) => {
    const decided = row.met + row.breached;
    return {
      ...row,
      compliancePercent: decided ? Math.round((row.met / decided) * 1000) / 10 : null,
    };
  });
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function slaCsv(rows: ClockCompliance[], label: (clock: ClockName) => string): string {
  const lines = [['clock', 'label', 'met', 'breached', 'running', 'compliance_percent']];
  for (const row of rows) {
    lines.push([
      row.clock,
      label(row.clock),
      String(row.met),
      String(row.breached),
      String(row.running),
      row.compliancePercent === null ? '' : String(row.compliancePercent),
    ]);
  }
  // A BOM so spreadsheet programs read the Kazakh and Russian labels as UTF-8.
  return '\ufeff' + lines.map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Bars for an inline SVG chart: met and breached side by side on one scale. */
export function slaChart(rows: ClockCompliance[], label: (clock: ClockName) => string) {
  const labelWidth = 210;
  const barArea = 420;
  const rowHeight = 30;
  const largest = Math.max(1, ...rows.map((r) => r.met + r.breached));

  return {
    width: labelWidth + barArea + 60,
    height: rows.length * rowHeight + 10,
    bars: rows.map((row, i) => {
      const metWidth = Math.round((row.met / largest) * barArea);
      const breachedWidth = Math.round((row.breached / largest) * barArea);
      return {
        label: label(row.clock),
        y: i * rowHeight + 5,
        textY: i * rowHeight + 22,
        labelX: labelWidth - 8,
        x: labelWidth,
        metWidth,
        breachedX: labelWidth + metWidth,
        breachedWidth,
        totalX: labelWidth + metWidth + breachedWidth + 6,
        met: row.met,
        breached: row.breached,
      };
    }),
  };
}
