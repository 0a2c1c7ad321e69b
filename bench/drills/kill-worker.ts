import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { queueNotices } from '../../src/notify/notices';
import type { NoticeDoc } from '../../src/store/notice-model';
import { createRequest, fastDeps } from '../../test/integration/notify/notice-fixtures';
import { eventually, startTestDesk } from '../../test/support/desk';
import { FakeHttpGateway } from '../../test/support/fake-gateways';
import { benchMongoUri, benchPrefix } from '../lib/bench-env';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';

/**
 * Drill: kill -9 the worker while it delivers 1,000 notices, twice, and
 * start it again each time; count at the fake SMS gateway. The approach
 * and fixtures are those of test/integration/notify/worker-crash.test.ts
 * (a worker process running only the notice worker, a gateway that holds
 * each accepted request 40 ms and honours the idempotency key), at scale.
 */
const WORKER_OPTIONS = {
  concurrency: 5,
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
  maxStalledCount: 10,
  settings: {
    attempts: 10,
    backoffMs: 50,
    requestTimeoutMs: 1000,
    leaseMs: 2000,
    leaseWaitMs: 2500,
  },
};

function startProcess(env: Record<string, string>): ChildProcess {
  const script = path.join(__dirname, '../../test/fixtures/notice-worker-process.js');
  return fork(script, [JSON.stringify(WORKER_OPTIONS)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

runSuite(async (options) => {
  const total = numberOption(options, 'notices', 1000);
  const gateway = await FakeHttpGateway.start();
  gateway.delayMs = 40;
  const desk = await startTestDesk({
    now: '2026-12-07T10:00:00+05:00',
    env: {
      ...gateway.env(),
      MONGODB_URI: benchMongoUri('notices'),
      QUEUE_PREFIX: benchPrefix('notices'),
    },
  });
  const deps = fastDeps(desk, WORKER_OPTIONS.settings);
  const env = {
    MONGODB_URI: desk.config.mongodbUri,
    REDIS_URL: desk.config.redisUrl,
    QUEUE_PREFIX: desk.config.queuePrefix,
    SMS_GATEWAY_URL: gateway.smsUrl,
  };
  let child: ChildProcess | null = null;

  try {
    log(`kill-worker: queueing ${total} notices`);
    const notices: NoticeDoc[] = [];
    for (let i = 0; i < total; i += 1) {
      const request = await createRequest(desk, {
        contact: { phone: `+7701${String(1_000_000 + i)}`, language: i % 2 ? 'kk' : 'ru' },
      });
      const now = desk.clock.now();
      const queued = await queueNotices(deps, {
        request,
        kind: 'elimination',
        data: {},
        clock: 'fixNotice',
        clockOccurrence: 1,
        dueAt: null,
        now,
      });
      notices.push(...queued);
    }
    const ids = notices.map((n) => String(n._id));

    const kills = [Math.round(total * 0.2), Math.round(total * 0.6)];
    for (const at of kills) {
      child = startProcess(env);
      await eventually(async () => gateway.delivered().length >= at, `${at} delivered`, 600_000);
      log(`kill-worker: SIGKILL at ${gateway.delivered().length} delivered`);
      await kill(child);
    }
    child = startProcess(env);
    const settled = { status: 'sent', reportedAt: { $ne: null } };
    const sent = async () => (await desk.runtime.store.notices.countDocuments(settled)) === total;
    await eventually(sent, 'all sent', 900_000);

    const perKey = new Map<string, number>();
    for (const call of gateway.delivered('sms')) {
      perKey.set(call.key!, (perKey.get(call.key!) ?? 0) + 1);
    }
    const missing = ids.filter((id) => !perKey.has(id)).length;
    const twice = [...perKey.values()].filter((count) => count > 1).length;
    const repeats = gateway.duplicatesDropped;

    const figures: Figure[] = [
      {
        name: 'notices delivered at the gateway / missing / twice',
        value: `${perKey.size} of ${total} / ${missing} / ${twice}`,
        target: `${total} / 0 / 0`,
        met: perKey.size === total && missing === 0 && twice === 0,
      },
      { name: 'repeats the worker sent, dropped by the key', value: String(repeats) },
      { name: 'notices marked sent in MongoDB', value: `${total} of ${total}` },
    ];
    return {
      suite: 'kill-worker',
      figures,
      notes: [
        `${total} SMS notices queued; a notice-worker process ` +
          `(test/fixtures/notice-worker-process, concurrency 5, BullMQ lock 1 s) gets SIGKILL ` +
          `at ${kills.join(' and ')} deliveries and is started again each time. The fake ` +
          `gateway holds each accepted request 40 ms before answering, so kills land between ` +
          `its 2xx and the desk's "sent" write.`,
      ],
      details: { total, kills, missing, twice, repeats },
    };
  } finally {
    if (child) await kill(child);
    await deps.close();
    await desk.close();
    await gateway.close();
  }
});
