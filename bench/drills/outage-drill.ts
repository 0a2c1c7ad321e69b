import { createLogger } from '../../src/logger';
import { openRuntime } from '../../src/runtime';
import type { BenchDesk } from '../lib/bench-desk';
import { startDesk, waitForWeb, waitForWorker, type DeskProcess } from '../lib/desk-process';
import { freePort } from '../lib/ports';
import { log, type Figure } from '../lib/suite';
import { HealthWatch } from './health-watch';
import { exactlyOnce, IntakeLoad, requestsPerMessage } from './intake-load';
import type { OwnService } from './own-services';
import { unarmedRequests } from './timers-check';

/**
 * Intake under load while one backing service is away for a while, then
 * back: every 2xx'd message stored exactly once, every refusal a 503 with
 * Retry-After, /healthz saying which service is down, and once the
 * service is back every stored request's timers armed in Redis.
 */
export interface OutageDrill {
  tag: string;
  desk: BenchDesk;
  service: OwnService;
  outageS: number;
  beforeS: number;
  afterS: number;
}

/** The worker's reconciler runs every 60 s; allow two passes. */
const ARM_WAIT_MS = 150_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOutageDrill(drill: OutageDrill) {
  const { desk, service } = drill;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const web = startDesk('web', { ...desk.env, PORT: String(port) }, `${drill.tag}-web`);
  const worker = startDesk('worker', desk.env, `${drill.tag}-worker`);
  const health = new HealthWatch(baseUrl);
  const logger = createLogger('silent', 'bench');
  const runtime = await openRuntime(desk.config(), { name: 'bench', logger });
  const processes: DeskProcess[] = [web, worker];

  try {
    await waitForWeb(baseUrl, web);
    await waitForWorker(`${drill.tag}-worker`, worker);
    const load = new IntakeLoad(baseUrl, `${drill.tag}-${process.pid}`);
    health.start();
    load.start();

    await pause(drill.beforeS * 1000);
    log(`${drill.tag}: ${service.name} stopped for ${drill.outageS} s`);
    await service.stop();
    await pause(drill.outageS * 1000);
    await service.start();
    log(`${drill.tag}: ${service.name} back`);
    await pause(drill.afterS * 1000);
    await load.stop();

    const counts = await requestsPerMessage(runtime.store.requests);
    const accepted = load.accepted();
    const { missing, doubled } = exactlyOnce(accepted, counts);
    const answered = load.outcomes.filter((o) => o.status !== 0);
    const refused = answered.filter((o) => o.status < 200 || o.status >= 300);
    const not503 = refused.filter((o) => o.status !== 503).length;

    let unarmed = await unarmedRequests(runtime);
    const giveUpAt = Date.now() + ARM_WAIT_MS;
    while (unarmed.length > 0 && Date.now() < giveUpAt) {
      await pause(5000);
      unarmed = await unarmedRequests(runtime);
    }
    health.stop();

    const statuses = load.statuses();
    const figures: Figure[] = [
      { name: 'answers during the drill', value: JSON.stringify(statuses) },
      {
        name: '2xx answers / missing / stored twice',
        value: `${accepted.length} / ${missing.length} / ${doubled.length}`,
        target: '0 missing, 0 twice',
        met: missing.length === 0 && doubled.length === 0,
      },
      {
        name: 'refusals that were not 503 / 503 without Retry-After',
        value: `${not503} / ${load.unhinted503()}`,
        target: '0 / 0',
        met: not503 === 0 && load.unhinted503() === 0,
      },
      { name: '/healthz, once a second', value: health.story() },
      {
        name: 'stored requests without their timers, after the reconciler',
        value: `${unarmed.length} of ${counts.size}`,
        target: '0',
        met: unarmed.length === 0,
      },
    ];
    return {
      figures,
      details: {
        statuses,
        accepted: accepted.length,
        missing,
        doubled,
        unarmed: unarmed.slice(0, 20),
        health: health.samples,
      },
    };
  } finally {
    health.stop();
    for (const p of processes) await p.stop();
    await runtime.close();
  }
}
