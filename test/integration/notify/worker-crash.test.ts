import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';

import type { OwnedNoticeDeps } from '../../../src/notify/deps';
import { queueNotices } from '../../../src/notify/notices';
import type { NoticeDoc } from '../../../src/store/notice-model';
import { eventually, startTestDesk, type TestDesk } from '../../support/desk';
import { FakeHttpGateway } from '../../support/fake-gateways';
import { createRequest, fastDeps } from './notice-fixtures';

/**
 * The crash drill of issue 3: a real worker process is killed with SIGKILL
 * while it delivers 50 notices, twice, and started again each time.
 *
 * What holds at the exact crash instant between the gateway's 2xx and the
 * `sent` write: the notice is still `sending` in MongoDB and its BullMQ job
 * still active under a lock nobody renews. Once the lock lapses the next
 * worker's stalled-job check puts the job back, it runs again, finds the
 * notice not sent and sends it again, with the same notice id as
 * `clientMessageId` and `Idempotency-Key`. The gateway has already accepted
 * that id and drops the repeat. So the desk sends at least once, and the
 * participant receives exactly once wherever the gateway honours the key;
 * the fake here holds each accepted request 40 ms before answering, so
 * kills land in that window on purpose.
 */
const NOTICES = 50;
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

describe('notice worker killed mid-delivery', function () {
  this.timeout(60_000);

  let gateway: FakeHttpGateway;
  let desk: TestDesk;
  let deps: OwnedNoticeDeps;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    gateway = await FakeHttpGateway.start();
    gateway.delayMs = 40;
    desk = await startTestDesk({ now: '2026-12-07T10:00:00+05:00', env: gateway.env() });
    deps = fastDeps(desk, WORKER_OPTIONS.settings);
  });

  afterEach(async () => {
    if (child) await kill(child);
    await deps.close();
    await desk.close();
    await gateway.close();
  });

  function startProcess(): ChildProcess {
    const script = path.join(__dirname, '../../fixtures/notice-worker-process.js');
    return fork(script, [JSON.stringify(WORKER_OPTIONS)], {
      env: {
        ...process.env,
        MONGODB_URI: desk.config.mongodbUri,
        REDIS_URL: desk.config.redisUrl,
        QUEUE_PREFIX: desk.config.queuePrefix,
        SMS_GATEWAY_URL: gateway.smsUrl,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
  }

  async function kill(process: ChildProcess): Promise<void> {
    if (process.exitCode !== null || process.signalCode !== null) return;

    const exited = new Promise((resolve) => process.once('exit', resolve));
    process.kill('SIGKILL');
    await exited;
  }

  async function killWhenDelivered(count: number): Promise<void> {
    await eventually(
      async () => gateway.delivered().length >= count,
      `${count} delivered`,
      20_000,
    );
    await kill(child!);
  }

  async function queueAll(): Promise<NoticeDoc[]> {
    const notices: NoticeDoc[] = [];
    for (let i = 0; i < NOTICES; i += 1) {
      const request = await createRequest(desk, {
        contact: { phone: `+7701${String(1000000 + i)}`, language: i % 2 ? 'kk' : 'ru' },
      });
      const queued = await queueNotices(deps, {
        request,
        kind: 'elimination',
        data: {},
        clock: 'fixNotice',
        clockOccurrence: 1,
        dueAt: null,
        now: desk.clock.now(),
      });
      notices.push(...queued);
    }
    return notices;
  }

  it('delivers every notice exactly once and marks them all sent', async () => {
    const notices = await queueAll();
    const ids = notices.map((notice) => String(notice._id));

    child = startProcess();
    await killWhenDelivered(10);
    child = startProcess();
    await killWhenDelivered(30);
    child = startProcess();

    const store = desk.runtime.store;
    const settled = { status: 'sent', reportedAt: { $ne: null } };
    await eventually(
      async () => (await store.notices.countDocuments(settled)) === NOTICES,
      'all notices sent and reported',
      40_000,
    );

    const perKey = new Map<string, number>();
    for (const call of gateway.delivered('sms')) {
      perKey.set(call.key!, (perKey.get(call.key!) ?? 0) + 1);
    }
    expect([...perKey.keys()].sort()).to.deep.equal([...ids].sort());
    expect([...perKey.values()].every((count) => count === 1)).to.equal(true);

    const repeats = gateway.received.filter((call) => call.outcome === 'repeat').length;
    expect(repeats).to.be.at.most(2 * WORKER_OPTIONS.concurrency);

    const heard = await store.conn.collection('notice_hook_calls').distinct('noticeId', {
      hook: 'delivered',
    });
    expect(heard.map(String).sort()).to.deep.equal([...ids].sort());
  });
});
