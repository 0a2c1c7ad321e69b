import { createLogger } from '../../src/logger';
import { openRuntime } from '../../src/runtime';
import { benchDesk } from '../lib/bench-desk';
import { armFleet } from '../lib/clock-fleet';
import { startDesk, waitForWorker } from '../lib/desk-process';
import { round, summarize, type Summary } from '../lib/stats';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';
import { EventTally } from './event-tally';
import { shortClockPolicy } from './policy';
import { checkRecords } from './record-check';

/**
 * Issue 6, figure 2: arm 100,000 running clocks through the desk's
 * ClockService and let the real worker process record their warnings and
 * breaches. Target: p99 lateness under 1 s, none missed or doubled.
 */
const TARGET_P99_MS = 1000;
/** After the last deadline: one reconciler period and some, for stragglers. */
const GRACE_MS = 90_000;
/** Listening on after everything arrived, to catch a late double. */
const SETTLE_MS = 5_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(summary: Summary): string {
  if (summary.count === 0) return 'none recorded';

  const s = (ms: number) => `${round(ms / 1000, 3)} s`;
  return `p50 ${s(summary.p50)}, p99 ${s(summary.p99)}, max ${s(summary.max)}`;
}

runSuite(async (options) => {
  const count = numberOption(options, 'clocks', 100_000);
  const shortest = numberOption(options, 'shortestMinutes', 3);
  const desk = benchDesk('clocks', { policy: shortClockPolicy(shortest) });
  const config = desk.config();
  const logger = createLogger('warn', 'bench');
  const runtime = await openRuntime(config, { name: 'bench', logger });
  const expected = new Map<string, number>();
  const tally = await EventTally.start(desk.redisUrl, desk.queuePrefix, expected);
  const worker = startDesk('worker', desk.env, 'clocks-worker');
  let workerRssMaxMiB = 0;
  const sampler = setInterval(() => {
    if (worker.running) workerRssMaxMiB = Math.max(workerRssMaxMiB, worker.rssMiB());
  }, 2000);

  try {
    await waitForWorker('clocks-worker', worker);
    log(`clocks: arming ${count} clocks of ${shortest}–${shortest + 6} min`);
    const began = Date.now();
    const fleet = await armFleet(runtime, {
      count,
      onBatch: (done) => {
        if (done % 10_000 === 0) log(`clocks: ${done} armed, ${tally.announced} events`);
      },
    });
    for (const [key, at] of fleet.expected) expected.set(key, at);

    // A spread of 300,000 arguments overflows the stack.
    const lastAtMs = [...expected.values()].reduce((a, b) => Math.max(a, b), 0);
    const lastInS = Math.round((lastAtMs - Date.now()) / 1000);
    log(`clocks: armed in ${fleet.wallMs} ms; last deadline in ${lastInS} s`);
    while (tally.announced < expected.size && Date.now() < lastAtMs + GRACE_MS) {
      await pause(1000);
    }
    await pause(SETTLE_MS);

    const records = await checkRecords(runtime.store, expected, config.slaPolicy.warnAtFractions);
    const missing = tally.missing();
    const warning = summarize(tally.warningLateMs);
    const breach = summarize(tally.breachLateMs);
    const exact = missing.length === 0 && tally.doubled === 0 && tally.unexpected === 0;

    const armedPerS = Math.round(count / (fleet.armMs / 1000));
    const spanMin = round((lastAtMs - began) / 60_000);
    const figures: Figure[] = [
      {
        name: `arming ${count} clocks`,
        value:
          `${round(fleet.wallMs / 1000)} s wall: ${round(fleet.armMs / 1000)} s in ` +
          `ClockService.arm (${armedPerS} clocks/s), ${round(fleet.insertMs / 1000)} s ` +
          'writing their requests',
      },
      {
        name: 'warning lateness',
        value: describe(warning),
        target: 'p99 < 1 s',
        met: warning.p99 < TARGET_P99_MS,
      },
      {
        name: 'breach lateness',
        value: describe(breach),
        target: 'p99 < 1 s',
        met: breach.p99 < TARGET_P99_MS,
      },
      {
        name: 'events missed / doubled / wrong instant',
        value: `${missing.length} / ${tally.doubled} / ${tally.unexpected} of ${expected.size}`,
        target: '0 / 0 / 0',
        met: exact,
      },
      {
        name: 'clocks recorded exactly in MongoDB',
        value: `${records.complete} of ${records.clocks}`,
        target: `${count}`,
        met: records.complete === count,
      },
    ];

    return {
      suite: 'clocks',
      figures,
      notes: [
        `${count} requests written to MongoDB, each with one running clock (seven clock ` +
          `names, ${shortest}–${shortest + 6} min around the clock, warnings at 50 % and ` +
          '80 %), armed through ClockService.arm 32 at a time, 500 per batch; the real ' +
          'worker process (jobs/main.js) records them. Lateness is the `at` of the event ' +
          "the worker publishes on the desk's bus minus the threshold's true instant; " +
          `a threshold still unrecorded ${GRACE_MS / 1000} s after the last deadline ` +
          'counts as missed.',
        `${expected.size} thresholds fell due within ${spanMin} min of the start; ` +
          `FerretDB refused ${fleet.busyRetries} of the bench's batch writes with ` +
          'SQLITE_BUSY, written again.',
      ],
      details: {
        count,
        events: expected.size,
        fleet: {
          insertMs: fleet.insertMs,
          armMs: fleet.armMs,
          wallMs: fleet.wallMs,
          busyRetries: fleet.busyRetries,
        },
        warning,
        breach,
        missing: missing.slice(0, 50),
        missingCount: missing.length,
        doubled: tally.doubled,
        unexpected: tally.unexpected,
        records,
        workerRssMaxMiB,
      },
    };
  } finally {
    clearInterval(sampler);
    await worker.stop();
    await tally.close();
    await runtime.close();
    await desk.cleanUp();
  }
});
