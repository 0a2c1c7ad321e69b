import { expect } from 'chai';

import { startNoticeWorker, type RunningNoticeWorker } from '../../../jobs/notice-worker';
import { createNoticeDeps, type OwnedNoticeDeps } from '../../../src/notify/deps';
import { deliverNotice } from '../../../src/notify/deliver';
import { NoticeAttemptError } from '../../../src/notify/delivery-error';
import { NoticeQueue, noticeJobId } from '../../../src/notify/notice-queue';
import { queueNotices, requeuePendingNotices } from '../../../src/notify/notices';
import { producerConnection, workerConnection } from '../../../src/queue/connection';
import type { NoticeDoc } from '../../../src/store/notice-model';
import type { RequestDoc } from '../../../src/store/request-model';
import { eventually, startTestDesk, type TestDesk } from '../../support/desk';
import { FakeHttpGateway, FakeSmtpServer } from '../../support/fake-gateways';
import { createRequest, fastDeps, FAST_SETTINGS, RecordingHooks } from './notice-fixtures';

describe('notice delivery', () => {
  let gateway: FakeHttpGateway;
  let smtp: FakeSmtpServer;
  let desk: TestDesk;
  let deps: OwnedNoticeDeps;
  let hooks: RecordingHooks;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeEach(async () => {
    gateway = await FakeHttpGateway.start();
    smtp = await FakeSmtpServer.start();
    desk = await startTestDesk({
      now: '2026-12-07T10:00:00+05:00',
      env: { ...gateway.env(), SMTP_URL: smtp.url },
    });
    deps = fastDeps(desk);
    hooks = new RecordingHooks();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await deps.close();
    await desk.close();
    await gateway.close();
    await smtp.close();
  });

  function startWorker(): RunningNoticeWorker {
    const connection = workerConnection(desk.config.redisUrl);
    const worker = startNoticeWorker(desk.runtime, connection, hooks, { settings: FAST_SETTINGS });
    cleanups.push(
      () => connection.disconnect(),
      () => worker.close(),
    );
    return worker;
  }

  function queue(request: RequestDoc, dueInMinutes: number | null = 30) {
    const now = desk.clock.now();
    return queueNotices(deps, {
      request,
      kind: 'refutation',
      data: { explanation: 'Портал работал штатно; ошибка в браузере & кеше.' },
      clock: 'refutationNotice',
      clockOccurrence: 1,
      dueAt: dueInMinutes === null ? null : new Date(now.getTime() + dueInMinutes * 60_000),
      now,
    });
  }

  function reload(notice: NoticeDoc): Promise<NoticeDoc | null> {
    return desk.runtime.store.notices.findById(notice._id).lean();
  }

  function settled(notice: NoticeDoc, status: 'sent' | 'failed'): Promise<NoticeDoc> {
    return eventually(async () => {
      const doc = await reload(notice);
      return doc?.status === status && doc.reportedAt !== null && doc;
    }, `notice ${status}`);
  }

  describe('when its job runs twice', () => {
    it('sends once, whether the runs overlap or follow each other', async () => {
      const [notice] = await queue(await createRequest(desk));
      const id = String(notice._id);

      const overlapping = await Promise.all([
        deliverNotice(deps, id, hooks),
        deliverNotice(deps, id, hooks),
      ]);
      const after = await deliverNotice(deps, id, hooks);

      expect(overlapping.map((r) => r.outcome).sort()).to.deep.equal(['already-sent', 'sent']);
      expect(after.outcome).to.equal('already-sent');
      expect(gateway.received).to.have.length(1);
      expect(hooks.delivered).to.have.length(1);
      expect(await reload(notice)).to.include({ status: 'sent', attempts: 1 });
    });
  });

  describe('when it is queued twice (a double click)', () => {
    it('stores one notice and delivers it once', async () => {
      const request = await createRequest(desk, { contact: { email: 'a@example.kz' } });

      const clicks = await Promise.all([1, 2, 3, 4, 5].map(() => queue(request)));
      const first = clicks[0];
      for (const click of clicks) {
        expect(click.map((n) => String(n._id))).to.deep.equal(first.map((n) => String(n._id)));
      }
      expect(await desk.runtime.store.notices.countDocuments()).to.equal(2);
      expect(await deps.queue.queue.getJobCounts('wait')).to.deep.equal({ wait: 2 });

      startWorker();
      await Promise.all(first.map((notice) => settled(notice, 'sent')));
      const again = await queue(request);
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(again.map((n) => n.status)).to.deep.equal(['sent', 'sent']);
      expect(gateway.received).to.have.length(1);
      expect(smtp.messages).to.have.length(1);
      expect(hooks.delivered).to.have.length(2);
    });
  });

  describe('when the gateway fails for a while', () => {
    it('retries with exponential backoff, then delivers', async () => {
      gateway.failNext(2, 503, 'sms');
      const [notice] = await queue(await createRequest(desk));

      startWorker();
      const sent = await settled(notice, 'sent');

      const times = gateway.received.map((call) => call.at);
      expect(times).to.have.length(3);
      expect(times[1] - times[0]).to.be.at.least(45);
      expect(times[2] - times[1]).to.be.at.least(95);
      expect(sent).to.include({ attempts: 3, lastError: null });
      expect(hooks.failed).to.have.length(0);
    });

    it('retries a 429 like a 5xx', async () => {
      gateway.failNext(1, 429, 'sms');
      const [notice] = await queue(await createRequest(desk));

      startWorker();

      expect(await settled(notice, 'sent')).to.include({ attempts: 2 });
    });

    it('fails the notice once its attempts are spent, and reports it once', async () => {
      gateway.failNext(10, 500, 'sms');
      const [notice] = await queue(await createRequest(desk));

      startWorker();
      const failed = await settled(notice, 'failed');

      expect(failed.attempts).to.equal(FAST_SETTINGS.attempts);
      expect(failed.lastError).to.contain('SMS gateway answered 500');
      expect(gateway.received).to.have.length(FAST_SETTINGS.attempts!);
      expect(hooks.failed.map((n) => String(n._id))).to.deep.equal([String(notice._id)]);
      const job = await deps.queue.queue.getJob(noticeJobId(String(notice._id)));
      expect(await job!.getState()).to.equal('failed');
    });
  });

  describe('when the gateway refuses', () => {
    it('fails at once on a 400, without retrying the job', async () => {
      gateway.failNext(1, 400, 'sms');
      const [notice] = await queue(await createRequest(desk));

      startWorker();
      const failed = await settled(notice, 'failed');

      expect(failed).to.include({ attempts: 1 });
      expect(failed.lastError).to.contain('400');
      const job = await deps.queue.queue.getJob(noticeJobId(String(notice._id)));
      expect(job!.attemptsMade).to.equal(1);
      expect(await job!.getState()).to.equal('failed');
      expect(hooks.failed).to.have.length(1);
    });

    it('fails an e-mail at once on SMTP 550 and retries on 451', async () => {
      const request = await createRequest(desk, {
        channel: 'voice',
        contact: { phone: null, email: 'a@example.kz' },
      });
      smtp.rejectNext(1, 550);
      const [refused] = await queue(request);

      startWorker();
      expect(await settled(refused, 'failed')).to.include({ attempts: 1 });

      smtp.rejectNext(1, 451);
      const [retried] = await queue(await createRequest(desk, { contact: request.contact }));
      expect(await settled(retried, 'sent')).to.include({ attempts: 2 });
    });
  });

  describe('when a transport is not configured', () => {
    it('fails the attempt with a clear error and counts it', async () => {
      const unconfigured = createNoticeDeps(
        { ...desk.runtime, config: { ...desk.config, smsGatewayUrl: null } },
        FAST_SETTINGS,
      );
      cleanups.push(() => unconfigured.close());
      const [notice] = await queue(await createRequest(desk));

      const error = await deliverNotice(unconfigured, String(notice._id), hooks).catch((e) => e);

      expect(error).to.be.instanceOf(NoticeAttemptError);
      expect(error).to.include({ code: 'TRANSPORT_NOT_CONFIGURED', retryable: true });
      const doc = await reload(notice);
      expect(doc).to.include({ status: 'pending', attempts: 1 });
      expect(doc!.lastError).to.contain('SMS_GATEWAY_URL');
    });
  });

  describe('when delivery keeps failing near the deadline', () => {
    it('raises at-risk once, with under ten minutes left', async () => {
      gateway.failNext(3, 503, 'sms');
      const [notice] = await queue(await createRequest(desk), 5);

      startWorker();
      const sent = await settled(notice, 'sent');

      expect(hooks.atRisk.map((n) => String(n._id))).to.deep.equal([String(notice._id)]);
      expect(sent.atRiskAt).to.be.instanceOf(Date);
    });

    it('stays quiet while the deadline is far', async () => {
      gateway.failNext(2, 503, 'sms');
      const [notice] = await queue(await createRequest(desk), 180);

      startWorker();
      await settled(notice, 'sent');

      expect(hooks.atRisk).to.have.length(0);
    });
  });

  describe('when Redis is away at queue time', () => {
    it('keeps the notice pending, and the reconciler delivers it', async () => {
      const deadRedis = producerConnection('redis://127.0.0.1:1');
      deadRedis.on('error', () => undefined);
      const deadQueue = new NoticeQueue(deadRedis, desk.config.queuePrefix, {
        ...deps.settings,
        enqueueTimeoutMs: 300,
      });
      cleanups.push(() => deadRedis.disconnect());

      const startedAt = Date.now();
      const [notice] = await queueNotices(
        { ...deps, queue: deadQueue },
        {
          request: await createRequest(desk),
          kind: 'elimination',
          data: {},
          clock: 'fixNotice',
          clockOccurrence: 1,
          dueAt: null,
          now: desk.clock.now(),
        },
      );

      expect(Date.now() - startedAt).to.be.below(1500);
      expect(await reload(notice)).to.include({ status: 'pending', attempts: 0 });
      expect(await deps.queue.queue.getJob(noticeJobId(String(notice._id)))).to.equal(undefined);

      startWorker();
      const first = await requeuePendingNotices(deps, desk.clock.now());
      await settled(notice, 'sent');
      const second = await requeuePendingNotices(deps, desk.clock.now());

      expect(first).to.deep.equal({ unsettled: 1, requeued: 1 });
      expect(second).to.deep.equal({ unsettled: 0, requeued: 0 });
      expect(gateway.received).to.have.length(1);
    });
  });

  describe('when a notice outlived its job', () => {
    it('is queued again by the reconciler though its finished job keeps the id', async () => {
      gateway.failNext(1, 400, 'sms');
      const [notice] = await queue(await createRequest(desk));
      startWorker();
      await settled(notice, 'failed');

      // As if the job had given up before the notice's outcome was written.
      await desk.runtime.store.notices.updateOne(
        { _id: notice._id },
        { $set: { status: 'pending', reportedAt: null } },
      );
      const result = await requeuePendingNotices(deps, desk.clock.now());

      expect(result).to.deep.equal({ unsettled: 1, requeued: 1 });
      await settled(notice, 'sent');
      expect(gateway.delivered('sms')).to.have.length(1);
    });
  });
});
