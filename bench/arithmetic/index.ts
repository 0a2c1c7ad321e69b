import { loadConfig } from '../../src/config';
import { WorkingCalendar, weekdayOf, parseIsoDate } from '../../src/domain/calendar';
import { loadBaseDays } from '../../src/runtime';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';
import { round } from '../lib/stats';
import { astana, byDay, tally, workedWeekendDaysIn, type Difference } from './differences';
import { randomInputs, type Inputs } from './inputs';
import { createPeer } from './peer';
import { runBoth, type Side, type SideRun } from './timed-run';

/**
 * Issue 6, figure 4: the desk's working-time arithmetic against
 * dayjs-business-time on the same random inputs. Target: 10× the peer's rate.
 */
const ZONE = 'Asia/Almaty';
const MINUTE_MS = 60_000;
const TARGET_RATIO = 10;
/** The peer's holidays cover every input and the spans after them. */
const DAYS_FROM = '2023-12-01';
const DAYS_TO = '2028-03-31';
/** The calendar lists at most ~3 years at once; ask year by year. */
const RANGES = [
  [DAYS_FROM, '2023-12-31'],
  ['2024-01-01', '2024-12-31'],
  ['2025-01-01', '2025-12-31'],
  ['2026-01-01', '2026-12-31'],
  ['2027-01-01', '2027-12-31'],
  ['2028-01-01', DAYS_TO],
];

function assertZone(): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone !== ZONE)
    throw new Error(`run with TZ=${ZONE}: the peer works in local time (${zone})`);
}

function splitDays(calendar: WorkingCalendar) {
  const holidays: string[] = [];
  const workedWeekend: string[] = [];

  const all = RANGES.flatMap(([from, to]) => calendar.days(from, to));
  for (const day of all) {
    const weekday = weekdayOf(parseIsoDate(day.date)!);
    const weekend = weekday === 0 || weekday === 6;
    if (!weekend && !day.working) holidays.push(day.date);
    if (weekend && day.working) workedWeekend.push(day.date);
  }
  return { holidays, workedWeekend };
}

function differences(inputs: Inputs, desk: SideRun, peer: SideRun, worked: string[]) {
  const found: Difference[] = [];

  for (let i = 0; i < inputs.count; i += 1) {
    const from = inputs.fromMs[i];
    if (desk.added[i] !== peer.added[i]) {
      found.push({
        op: 'add',
        from: astana(from),
        argument: `${inputs.minutes[i]} min`,
        desk: astana(desk.added[i]),
        peer: astana(peer.added[i]),
        workedWeekendDays: workedWeekendDaysIn(
          from,
          Math.max(desk.added[i], peer.added[i]),
          worked,
        ),
      });
    }
    if (desk.measured[i] !== peer.measured[i]) {
      found.push({
        op: 'between',
        from: astana(from),
        argument: astana(inputs.toMs[i]),
        desk: `${desk.measured[i]} min`,
        peer: `${peer.measured[i]} min`,
        workedWeekendDays: workedWeekendDaysIn(from, inputs.toMs[i], worked),
      });
    }
  }
  return tally(found);
}

function rate(count: number, ms: number): number {
  return Math.round(count / (ms / 1000));
}

runSuite(async (options) => {
  assertZone();
  const count = numberOption(options, 'inputs', 1_000_000);
  const config = loadConfig({});
  const { openAt, closeAt } = config.slaPolicy.contactCenter;
  const days = loadBaseDays(config.rootDir);
  const calendar = new WorkingCalendar({ zone: ZONE, openAt, closeAt, days });
  const { holidays, workedWeekend } = splitDays(calendar);
  const peerCalendar = createPeer(openAt, closeAt, holidays);

  const desk: Side = {
    add: (fromMs, minutes) =>
      calendar.addWorkingTime(new Date(fromMs), minutes * MINUTE_MS).getTime(),
    between: (fromMs, toMs) =>
      calendar.workingTimeBetween(new Date(fromMs), new Date(toMs)) / MINUTE_MS,
  };
  const peer: Side = { add: peerCalendar.addMinutes, between: peerCalendar.minutesBetween };

  // Warm both sides up, so neither pays the JIT inside the timed run.
  runBoth(desk, peer, randomInputs(20_000, 7));

  log(`arithmetic: ${count} inputs, both sides in alternating chunks`);
  const inputs = randomInputs(count, 20261204);
  const runs = runBoth(desk, peer, inputs, (done) => {
    if (done % 100_000 === 0) log(`arithmetic: ${done} inputs done`);
  });
  const { expressible, inexpressible } = differences(inputs, runs.desk, runs.peer, workedWeekend);

  const rates = {
    deskAddPerS: rate(count, runs.desk.addMs),
    peerAddPerS: rate(count, runs.peer.addMs),
    deskBetweenPerS: rate(count, runs.desk.betweenMs),
    peerBetweenPerS: rate(count, runs.peer.betweenMs),
  };
  const addRatio = round(rates.deskAddPerS / rates.peerAddPerS);
  const betweenRatio = round(rates.deskBetweenPerS / rates.peerBetweenPerS);

  const figures: Figure[] = [
    {
      name: 'add: desk / peer ops/s',
      value: `${rates.deskAddPerS} / ${rates.peerAddPerS} (${addRatio}×)`,
      target: `≥ ${TARGET_RATIO}×`,
      met: addRatio >= TARGET_RATIO,
    },
    {
      name: 'between: desk / peer ops/s',
      value: `${rates.deskBetweenPerS} / ${rates.peerBetweenPerS} (${betweenRatio}×)`,
      target: `≥ ${TARGET_RATIO}×`,
      met: betweenRatio >= TARGET_RATIO,
    },
    {
      name: 'differing answers',
      value: String(expressible.length),
      target: '0',
      met: expressible.length === 0,
    },
    {
      name: 'differing, peer cannot express',
      value: `${inexpressible.length} (${Object.keys(byDay(inexpressible)).join(', ') || 'none'})`,
      met: null,
    },
  ];

  return {
    suite: 'arithmetic',
    figures,
    notes: [
      `${count} random minute-aligned inputs over 2024–2027 (seed 20261204): add 1 min ` +
        'to 10 working days; measure between instants up to 21 days apart. Both sides ' +
        'run in alternating chunks of 10,000 in one process.',
      `Peer: dayjs-business-time 1.0.4 with Monday–Friday ${openAt}–${closeAt} and the ` +
        `desk's ${holidays.length} weekday days off from ${DAYS_FROM} to ${DAYS_TO}; it ` +
        `cannot express worked weekend days (${workedWeekend.join(', ') || 'none'}).`,
    ],
    details: {
      inputs: count,
      rates,
      addRatio,
      betweenRatio,
      holidays: holidays.length,
      workedWeekendDays: workedWeekend,
      inexpressibleByDay: byDay(inexpressible),
      expressibleDifferences: expressible,
      inexpressibleDifferences: inexpressible,
    },
  };
});
