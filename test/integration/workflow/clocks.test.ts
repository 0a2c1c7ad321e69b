import { expect } from 'chai';
import { Redis } from 'ioredis';

import { reconcile } from '../../../jobs/reconciler';
import { subscribeEvents, type DeskEvent } from '../../../src/queue/event-bus';
import type { ClockPayload } from '../../../src/queue/names';
import { deleteKeys, eventually, startTestDesk, type TestDesk } from '../../support/desk';
import { staff, voiceCall } from '../../support/staff';

describe('clock timers', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    // Monday 7 December 2026, 10:00 Astana.
    desk = await startTestDesk({ now: '2026-12-07T10:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  async function registered() {
    const { id } = (await staff(desk.app, 'operator').post('/api/requests', voiceCall())).body;
    await staff(desk.app, 'operator').post(`/api/requests/${id}/register`);
    return id as string;
  }

  /** The timer of the analysis clock's 50 % warning, Monday 14:45, as armed at registration. */
  async function halfwayWarning(id: string): Promise<ClockPayload> {
    const doc = await desk.runtime.store.requests.findById(id).lean();
    return {
      requestId: id,
      clock: 'analysis',
      occurrence: 1,
      kind: 'warning',
      fraction: 0.5,
      atMs: Date.parse('2026-12-07T14:45:00+05:00'),
      dueAtMs: doc!.clocks.analysis.dueAt.getTime(),
    };
  }

  async function delayedJobIds(): Promise<string[]> {
    const jobs = await desk.runtime.clockQueue.queue.getDelayed();
    return jobs.map((j) => j.id!).sort();
  }

  it('arms warnings at 50 % and 80 % and the deadline, ids naming the occurrence', async () => {
    const id = await registered();

    const ids = await delayedJobIds();
    const analysis = ids.filter((j) => j.includes('-analysis-'));
    const due = new Date('2026-12-08T10:00:00+05:00').getTime();
    expect(analysis).to.deep.equal(
      [
        `clock-${id}-analysis-1-breach100-${due}`,
        `clock-${id}-analysis-1-warning50-${due}`,
        `clock-${id}-analysis-1-warning80-${due}`,
      ].sort(),
    );
    // The registration clock stopped: its timers were removed.
    expect(ids.filter((j) => j.includes('-registration-'))).to.deep.equal([]);
  });

  it('arms the registration clock the moment a request arrives', async () => {
    const { id } = (await staff(desk.app, 'operator').post('/api/requests', voiceCall())).body;

    const due = Date.parse('2026-12-07T13:00:00+05:00');
    expect((await delayedJobIds()).filter((j) => j.includes('-registration-'))).to.deep.equal(
      [
        `clock-${id}-registration-1-breach100-${due}`,
        `clock-${id}-registration-1-warning50-${due}`,
        `clock-${id}-registration-1-warning80-${due}`,
      ].sort(),
    );
  });

  it('re-arms only the timers Redis lost', async () => {
    const id = await registered();
    const before = await delayedJobIds();

    expect((await reconcile(desk.runtime)).clocksArmed).to.equal(0);

    const lost = `clock-${id}-analysis-1-warning80-${(await halfwayWarning(id)).dueAtMs}`;
    await desk.runtime.clockQueue.queue.remove(lost);
    expect(await delayedJobIds()).to.not.include(lost);

    expect((await reconcile(desk.runtime)).clocksArmed).to.equal(1);
    expect(await delayedJobIds()).to.deep.equal(before);
  });

  it('restores every timer after a flush; a missed deadline is recorded when due', async () => {
    const id = await registered();
    const before = await delayedJobIds();

    await deleteKeys(desk.runtime, `${desk.config.queuePrefix}:*`);
    expect(await delayedJobIds()).to.deep.equal([]);

    const restored = await reconcile(desk.runtime);
    expect(restored.clocksArmed).to.equal(3);
    expect(await delayedJobIds()).to.deep.equal(before);

    // The worker was away for a day and a half.
    await deleteKeys(desk.runtime, `${desk.config.queuePrefix}:*`);
    desk.clock.set('2026-12-09T15:00:00+05:00');
    const late = await reconcile(desk.runtime);

    expect(late.clocksRecorded).to.equal(3);
    const clock = (await staff(desk.app, 'operator').get(`/api/requests/${id}`)).body.clocks
      .analysis;
    expect(clock).to.deep.include({
      state: 'breached',
      breachedAt: '2026-12-08T10:00:00+05:00',
      // 50 % of 9 h 30 min after Monday 10:00 is 14:45; 80 % (7 h 36 min) is 17:36.
      warnedAt: ['2026-12-07T14:45:00+05:00', '2026-12-07T17:36:00+05:00'],
    });
    expect((await reconcile(desk.runtime)).clocksRecorded).to.equal(0);
  });

  it('ignores a timer for a clock that has stopped or moved', async () => {
    const id = await registered();
    const stale = {
      requestId: id,
      clock: 'analysis',
      occurrence: 1,
      kind: 'breach' as const,
      fraction: 1,
      atMs: Date.parse('2026-12-09T10:00:00+05:00'),
      dueAtMs: Date.parse('2026-12-09T10:00:00+05:00'),
    };

    expect(await desk.runtime.clocks.recordTimer(stale)).to.equal('stale');
    expect(await desk.runtime.clocks.recordTimer({ ...stale, occurrence: 2 })).to.equal('stale');
    const doc = await desk.runtime.store.requests.findById(id).lean();
    expect(doc!.clocks.analysis.state).to.equal('running');
  });

  it('never lets a timer undo an operator step taken at the same moment', async () => {
    const id = await registered();
    const warning = await halfwayWarning(id);

    await Promise.all([
      desk.runtime.clocks.recordTimer(warning),
      staff(desk.app, 'operator').post(`/api/requests/${id}/analysis`, {
        outcome: 'failure',
        findings: 'x',
      }),
      desk.runtime.clocks.recordTimer(warning),
    ]);

    const after = await desk.runtime.store.requests.findById(id).lean();
    expect(after!.status).to.equal('analysing');
    expect(after!.clocks.escalation.state).to.equal('running');
    expect(after!.history.map((h) => h.action)).to.deep.equal([
      'receive',
      'register',
      'analysis-failure',
    ]);
  });

  it('announces a threshold once, however often its timer fires; queues its record', async () => {
    const id = await registered();
    const warning = await halfwayWarning(id);
    const heard: DeskEvent[] = [];
    const listener = new Redis(desk.config.redisUrl);
    const stop = await subscribeEvents(listener, desk.config.queuePrefix, (e) => heard.push(e));

    try {
      await Promise.all([1, 2, 3].map(() => desk.runtime.clocks.onTimer(warning)));
      await desk.runtime.clocks.onTimer(warning);
      await eventually(async () => heard.length > 0, 'the announcement');
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await stop();
      listener.disconnect();
    }

    const warnings = heard.filter((e) => e.type === 'clock.warning');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.deep.include({ requestId: id });
    expect(warnings[0].data).to.include({
      clock: 'analysis',
      thresholdAt: '2026-12-07T09:45:00.000Z',
    });
    const records = await desk.runtime.clockQueue.records.getJobs(['waiting', 'delayed']);
    expect(records.map((j) => j.data)).to.deep.equal([warning]);
  });

  it('writes a fired warning into its request once, at its true instant', async () => {
    const id = await registered();
    const warning = await halfwayWarning(id);

    expect(await desk.runtime.clocks.recordTimer(warning)).to.equal('recorded');
    expect(await desk.runtime.clocks.recordTimer(warning)).to.equal('stale');

    const view = (await staff(desk.app, 'operator').get(`/api/requests/${id}`)).body;
    expect(view.clocks.analysis).to.deep.include({
      state: 'running',
      warnedAt: ['2026-12-07T14:45:00+05:00'],
    });
  });

  it('leaves a fired threshold to its queued record rather than writing it twice', async () => {
    const id = await registered();
    const warning = await halfwayWarning(id);
    await deleteKeys(desk.runtime, `${desk.config.queuePrefix}:*`);
    desk.clock.set('2026-12-07T14:46:00+05:00');
    await desk.runtime.clocks.onTimer(warning);

    const pass = await reconcile(desk.runtime);

    expect(pass.clocksRecorded).to.equal(0);
    expect(await desk.runtime.clocks.recordTimer(warning)).to.equal('recorded');
    expect((await reconcile(desk.runtime)).clocksRecorded).to.equal(0);
  });

  it('announces and records a warning when its timer fires in the worker', async () => {
    const id = await registered();
    const heard: DeskEvent[] = [];
    const listener = new Redis(desk.config.redisUrl);
    const stop = await subscribeEvents(listener, desk.config.queuePrefix, (e) => heard.push(e));

    // A second before the 50 % warning at 14:45, with the timers armed afresh.
    await deleteKeys(desk.runtime, `${desk.config.queuePrefix}:*`);
    desk.clock.set('2026-12-07T14:44:59+05:00');
    await reconcile(desk.runtime);
    desk.startWorker();

    // The record is announced after it is written: wait for that news too.
    const recorded = () => heard.some((e) => e.type === 'request.updated' && e.requestId === id);
    try {
      await eventually(async () => recorded(), 'the record written and announced');
    } finally {
      await stop();
      listener.disconnect();
    }

    const doc = await desk.runtime.store.requests.findById(id).lean();
    expect(doc!.clocks.analysis.warnedAt).to.deep.equal([new Date('2026-12-07T14:45:00+05:00')]);
    const warnings = heard.filter((e) => e.type === 'clock.warning' && e.requestId === id);
    expect(warnings).to.have.length(1);
  });

  it('moves running deadlines when a supervisor changes a calendar day', async () => {
    const id = await registered();

    await staff(desk.app, 'supervisor').put('/api/calendar/days/2026-12-08', {
      working: false,
      reason: 'Test transfer',
    });

    const view = (await staff(desk.app, 'operator').get(`/api/requests/${id}`)).body;
    expect(view.clocks.analysis.dueAt).to.equal('2026-12-09T10:00:00+05:00');
    const ids = await delayedJobIds();
    expect(ids.some((j) => j.endsWith(`-${Date.parse('2026-12-09T10:00:00+05:00')}`))).to.equal(
      true,
    );
    expect(ids.some((j) => j.endsWith(`-${Date.parse('2026-12-08T10:00:00+05:00')}`))).to.equal(
      false,
    );
  });
});
