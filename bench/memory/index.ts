import path from 'node:path';

import { createLogger } from '../../src/logger';
import { openRuntime } from '../../src/runtime';
import { loadPaced } from '../intake/paced';
import { benchDesk } from '../lib/bench-desk';
import { armFleet } from '../lib/clock-fleet';
import { startDesk, waitForWeb, waitForWorker } from '../lib/desk-process';
import { outDir } from '../lib/out-dir';
import { freePort } from '../lib/ports';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';
import { RssSampler } from './rss-sampler';

/**
 * Issue 6, figure 5: resident memory of the web and worker processes over
 * a soak of intake at 100 requests/s and with 100,000 clocks armed.
 * Target: flat — the floor of a phase's second half (its lowest sample,
 * right after a collection) no more than 10 % above its first half's.
 * A warm-up at the soak's rate comes first and is shown, not judged: a
 * process just started has a heap V8 shrank while it sat idle, and its
 * growth to working size is not a leak.
 */
const SOAK_RATE = 100;
const FLAT_SLACK = 1.1;
const SAMPLE_MS = 5000;

runSuite(async (options) => {
  const clocks = numberOption(options, 'memoryClocks', 100_000);
  const warmS = numberOption(options, 'warmSeconds', 60);
  const soakS = numberOption(options, 'soakSeconds', 300);
  const holdS = numberOption(options, 'holdSeconds', 150);
  const desk = benchDesk('memory');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const web = startDesk('web', { ...desk.env, PORT: String(port) }, 'memory-web');
  const worker = startDesk('worker', desk.env, 'memory-worker');
  const logger = createLogger('warn', 'bench');
  const runtime = await openRuntime(desk.config(), { name: 'bench', logger });
  const rss = new RssSampler(web, worker, path.join(outDir(), 'memory-samples.json'));

  try {
    await waitForWeb(baseUrl, web);
    await waitForWorker('memory-worker', worker);
    const atStart = rss.sample('start');

    // The soak comes first: on FerretDB every intake scans the stored requests
    // (see RESULTS.md), and with 100,000 stored a soak only piles up scans.
    const load = (tag: string, durationS: number) =>
      loadPaced({
        baseUrl,
        tag: `${tag}-${process.pid}`,
        ratePerS: SOAK_RATE,
        durationS,
        sockets: 64,
      });

    log(`memory: warm-up at ${SOAK_RATE}/s for ${warmS} s`);
    rss.every(SAMPLE_MS, 'warm-up');
    await load('warm', warmS);
    const afterWarmUp = rss.sample('warmed up');

    log(`memory: soak at ${SOAK_RATE}/s for ${soakS} s`);
    rss.every(SAMPLE_MS, 'soak');
    const soak = await load('soak', soakS);
    const afterSoak = rss.sample('after soak');

    log(`memory: arming ${clocks} clocks (production policy, none falls due here)`);
    rss.every(SAMPLE_MS, 'arming');
    await armFleet(runtime, { count: clocks });
    const afterArming = rss.sample('armed');

    log(`memory: holding ${holdS} s with the clocks armed (reconciler passes)`);
    rss.every(SAMPLE_MS, 'hold');
    await new Promise((resolve) => setTimeout(resolve, holdS * 1000));
    rss.stop();
    const atEnd = rss.sample('end');

    const flat = (phase: string, key: 'webMiB' | 'workerMiB') => {
      const first = rss.floor(phase, key, 'first');
      const second = rss.floor(phase, key, 'second');
      const means = [rss.mean(phase, key, 'first'), rss.mean(phase, key, 'second')];
      return { first, second, means, flat: second <= first * FLAT_SLACK };
    };
    const checks = {
      webSoak: flat('soak', 'webMiB'),
      workerSoak: flat('soak', 'workerMiB'),
      webHold: flat('hold', 'webMiB'),
      workerHold: flat('hold', 'workerMiB'),
    };
    const mib = (v: number) => `${v} MiB`;
    const trend = (name: string, check: ReturnType<typeof flat>) => ({
      name,
      value:
        `floor ${check.first} → ${check.second} MiB ` +
        `(mean ${check.means[0]} → ${check.means[1]} MiB)`,
      target: 'floor flat (≤ +10 %)',
      met: check.flat,
    });
    const phases = (key: 'webMiB' | 'workerMiB') =>
      [atStart, afterWarmUp, afterSoak, afterArming, atEnd]
        .map((sample) => mib(sample[key]))
        .join(' / ');

    const figures: Figure[] = [
      { name: 'web RSS: start / warmed up / after soak / armed / end', value: phases('webMiB') },
      {
        name: 'worker RSS: start / warmed up / after soak / armed / end',
        value: phases('workerMiB'),
      },
      trend('web RSS over the soak, 1st → 2nd half', checks.webSoak),
      trend('worker RSS over the soak, 1st → 2nd half', checks.workerSoak),
      trend(`web RSS holding ${clocks} clocks, 1st → 2nd half`, checks.webHold),
      trend(`worker RSS holding ${clocks} clocks, 1st → 2nd half`, checks.workerHold),
      {
        name: `soak at ${SOAK_RATE}/s`,
        value:
          `${soak.okPerS} ok/s, p50 ${soak.p50Ms} ms, p99 ${soak.p99Ms} ms, ` +
          `${soak.failed + soak.errors + soak.timeouts} failed`,
      },
    ];

    return {
      suite: 'memory',
      figures,
      notes: [
        `Real web and worker processes. ${warmS} s of warm-up, then ${soakS} s of ` +
          `distinct signed chat-bot messages at ${SOAK_RATE}/s (open-loop, evenly paced; ` +
          `the warm-up at the same rate, not judged), then ${clocks} clocks armed in ` +
          `the desk's database (production SLA policy), then ${holdS} s holding them while ` +
          `the worker's reconciler passes over them. RSS from /proc every ` +
          `${SAMPLE_MS / 1000} s; "flat" compares the floor (lowest sample) of a phase's ` +
          'second half with its first: under load RSS is a sawtooth of collections, and ' +
          'a leak raises its floor. The means of the halves are shown beside.',
      ],
      details: { clocks, warmS, soakS, holdS, soak, samples: rss.samples, checks },
    };
  } finally {
    rss.stop();
    await web.stop();
    await worker.stop();
    await runtime.close();
    await desk.cleanUp();
  }
});
