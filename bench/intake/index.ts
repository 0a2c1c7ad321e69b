import { fork } from 'node:child_process';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';

import { benchDesk } from '../lib/bench-desk';
import { startDesk, waitForWeb } from '../lib/desk-process';
import { offHoursPolicy } from '../lib/off-hours-policy';
import { freePort } from '../lib/ports';
import { round } from '../lib/stats';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';
import { loadChatbot, type LoadResult } from './load';
import { loadPaced, type PacedResult } from './paced';
import { probeStore } from './store-probe';

/**
 * Issue 6, figure 1: the desk's chat-bot intake against a bare express
 * baseline doing the same insert and BullMQ add, loaded in turn (desk,
 * baseline, desk, baseline) so drift on this shared machine hits both.
 * Targets: at least half the baseline's throughput; p99 < 50 ms at 200/s.
 */
const TARGET_SHARE = 0.5;
const TARGET_P99_MS = 50;
const FIXED_RATE = 200;
/** Enough that a request never waits for a socket unless the server lags far behind. */
const PACED_SOCKETS = 64;
/**
 * Idle time before each fixed-rate run, so that neither side's run starts
 * while FerretDB is still busy with the full-speed run before it.
 */
const SETTLE_MS = 10_000;

function startBaseline(env: Record<string, string>) {
  const child = fork(path.join(__dirname, 'baseline-server.js'), [], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  return { child, ready };
}

function merge(a: LoadResult, b: LoadResult): LoadResult {
  const ok = a.ok + b.ok;
  const durationS = a.durationS + b.durationS;
  return {
    ...a,
    ok,
    failed: a.failed + b.failed,
    errors: a.errors + b.errors,
    timeouts: a.timeouts + b.timeouts,
    durationS,
    okPerS: Math.round(ok / durationS),
    p50Ms: Math.max(a.p50Ms, b.p50Ms),
    p99Ms: Math.max(a.p99Ms, b.p99Ms),
    maxMs: Math.max(a.maxMs, b.maxMs),
  };
}

function line(r: LoadResult): string {
  const failed = r.failed + r.errors + r.timeouts;
  const tail = failed ? `, ${failed} failed` : '';
  return `${r.okPerS} ok/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${tail}`;
}

/** A side's fixed-rate figure, naming each run's p99 so a single bad run shows as one. */
function pacedLine(merged: LoadResult, runs: PacedResult[]): string {
  return `${line(merged)} (runs: ${runs.map((r) => `${r.p99Ms} ms`).join(', ')})`;
}

function meetsRate(r: LoadResult): boolean {
  return r.p99Ms < TARGET_P99_MS && r.okPerS >= FIXED_RATE * 0.95;
}

runSuite(async (options) => {
  const durationS = numberOption(options, 'intakeSeconds', 20);
  const connections = numberOption(options, 'connections', 16);
  const policy = offHoursPolicy(new Date());
  const desk = benchDesk('intake', { policy });
  const base = benchDesk('intakebase');
  const [deskPort, basePort] = [await freePort(), await freePort()];
  const web = startDesk('web', { ...desk.env, PORT: String(deskPort) }, 'intake-web');
  const baseline = startBaseline({ ...base.env, PORT: String(basePort) });
  const deskUrl = `http://127.0.0.1:${deskPort}`;
  const baseUrl = `http://127.0.0.1:${basePort}`;

  try {
    await waitForWeb(deskUrl, web);
    await baseline.ready;
    const run = (url: string, tag: string, ratePerS?: number) =>
      loadChatbot({
        baseUrl: url,
        tag: `${tag}-${process.pid}`,
        connections,
        durationS,
        ratePerS,
      });

    // Warm both (JIT, connection pools, FerretDB's tables) before measuring.
    await run(deskUrl, 'warm-desk', 50);
    await run(baseUrl, 'warm-base', 50);

    log(`intake: max throughput, ${connections} connections, 2 × ${durationS} s each`);
    const deskRuns: LoadResult[] = [];
    const baseRuns: LoadResult[] = [];
    for (const turn of [1, 2]) {
      deskRuns.push(await run(deskUrl, `desk-${turn}`));
      baseRuns.push(await run(baseUrl, `base-${turn}`));
    }
    const deskMax = merge(deskRuns[0], deskRuns[1]);
    const baseMax = merge(baseRuns[0], baseRuns[1]);

    log(`intake: fixed ${FIXED_RATE}/s, evenly paced, 2 × ${durationS} s each`);
    const paced = async (url: string, tag: string) => {
      await pause(SETTLE_MS);
      return loadPaced({
        baseUrl: url,
        tag: `${tag}-${process.pid}`,
        ratePerS: FIXED_RATE,
        durationS,
        sockets: PACED_SOCKETS,
      });
    };
    const deskFixedRuns: PacedResult[] = [];
    const baseFixedRuns: PacedResult[] = [];
    for (const turn of [1, 2]) {
      deskFixedRuns.push(await paced(deskUrl, `desk-fixed-${turn}`));
      baseFixedRuns.push(await paced(baseUrl, `base-fixed-${turn}`));
    }
    const deskFixed = merge(deskFixedRuns[0], deskFixedRuns[1]);
    const baseFixed = merge(baseFixedRuns[0], baseFixedRuns[1]);

    const probe = await probeStore(desk.mongodbUri);
    const share = round(deskMax.okPerS / baseMax.okPerS, 2);
    const figures: Figure[] = [
      { name: 'max: desk', value: line(deskMax) },
      { name: 'max: baseline', value: line(baseMax) },
      {
        name: 'desk / baseline throughput',
        value: `${share}`,
        target: `≥ ${TARGET_SHARE}`,
        met: share >= TARGET_SHARE,
      },
      {
        name: `${FIXED_RATE}/s: desk`,
        value: pacedLine(deskFixed, deskFixedRuns),
        target: `p99 < ${TARGET_P99_MS} ms`,
        met: meetsRate(deskFixed),
      },
      // The same target for the bare handler tells what this machine allows at all.
      {
        name: `${FIXED_RATE}/s: baseline (for reference)`,
        value: pacedLine(baseFixed, baseFixedRuns),
        target: `p99 < ${TARGET_P99_MS} ms`,
        met: meetsRate(baseFixed),
      },
      {
        name: `one look-up with ${probe.requests} requests stored`,
        value:
          `by originKey ${probe.findByOriginKeyMs} ms; by _id: first request ` +
          `${probe.findByIdMs} ms, newest ${probe.findNewestByIdMs} ms`,
      },
    ];

    return {
      suite: 'intake',
      figures,
      notes: [
        `Each request a distinct signed chat-bot message (new session, new request). ` +
          `Max throughput: autocannon, ${connections} connections, desk, baseline, desk, ` +
          `baseline, ${durationS} s each. Fixed rate: desk, baseline, desk, baseline, ` +
          `${durationS} s each after ${SETTLE_MS / 1000} s idle, of an open-loop load ` +
          `sending one request every ${1000 / FIXED_RATE} ms over up to ${PACED_SOCKETS} ` +
          `keep-alive sockets, latency counted from each request's planned instant ` +
          `(autocannon's fixed rate sends each second's quota in a burst); p99 is the ` +
          `worse of a side's two runs. Load generator, ` +
          `web process, FerretDB and Redis share the machine's cores.`,
        `For each fixed-rate run the JSON has how late the generator itself sent ` +
          `(sendLagP99Ms, sendLagMaxMs) and how many answers took over 50 ms in each ` +
          `second of the run (slowBySecond).`,
        `The bench policy puts the contact center's hours ` +
          `(${policy.contactCenter.openAt}–${policy.contactCenter.closeAt}) away from the run, ` +
          `so every message is stored as queued and its release added to BullMQ, the same ` +
          `insert and add the baseline does.`,
      ],
      details: {
        connections,
        durationS,
        deskMax,
        baseMax,
        deskFixed,
        baseFixed,
        deskFixedRuns,
        baseFixedRuns,
        share,
        probe,
      },
    };
  } finally {
    await web.stop();
    baseline.child.kill('SIGTERM');
    await desk.cleanUp();
    await base.cleanUp();
  }
});
