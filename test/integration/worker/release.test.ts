import { expect } from 'chai';
import request from 'supertest';

import { reconcile } from '../../../jobs/reconciler';
import { chatbotMessage, signed } from '../../support/channels';
import { deleteKeys, eventually, startTestDesk, type TestDesk } from '../../support/desk';

describe('release of off-hours requests at the opening', () => {
  let desk: TestDesk;

  afterEach(async () => {
    await desk.close();
  });

  async function deliverFridayEvening(sessionId: string) {
    const body = chatbotMessage({
      sessionId,
      messageId: `${sessionId}-1`,
      sentAt: '2026-12-04T18:45:00+05:00',
      text: 'Портал не отвечает',
    });
    const { raw, signature } = signed(body);

    const res = await request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signature)
      .send(raw);
    expect(res.status).to.equal(200);
    return res.body.number as string;
  }

  async function clockTimers(): Promise<string[]> {
    const jobs = await desk.runtime.clockQueue.queue.getJobs(['delayed', 'waiting']);
    return jobs.map((j) => j.id!).sort();
  }

  async function statusOf(number: string) {
    const doc = await desk.runtime.store.requests.findOne({ number }).lean();
    return doc!.status;
  }

  it('moves a queued request to new when the BullMQ job fires at Monday 09:00', async () => {
    // Two seconds before the opening, so the real delayed job fires soon.
    desk = await startTestDesk({ now: '2026-12-07T08:59:58+05:00' });
    const number = await deliverFridayEvening('s-release');
    expect(await statusOf(number)).to.equal('queued');

    const jobs = await desk.runtime.releases.queue.getDelayed();
    expect(jobs).to.have.length(1);
    expect(await clockTimers()).to.deep.equal([]);
    desk.clock.set('2026-12-07T09:00:00+05:00');
    desk.startWorker();

    await eventually(async () => (await statusOf(number)) === 'new', 'release');
    const doc = await desk.runtime.store.requests.findOne({ number }).lean();
    expect(doc!.history.map((h) => h.action)).to.deep.equal(['receive', 'release']);

    // The registration clock runs from the opening: 3 working hours, to 12:00.
    const due = Date.parse('2026-12-07T12:00:00+05:00');
    const timers = await eventually(async () => {
      const ids = await clockTimers();
      return ids.length === 3 && ids;
    }, 'registration timers');
    expect(timers.map((id) => id.replace(/^clock-[0-9a-f]+-/, ''))).to.deep.equal([
      `registration-1-breach100-${due}`,
      `registration-1-warning50-${due}`,
      `registration-1-warning80-${due}`,
    ]);
  });

  it('releases on reconcile what a flushed Redis forgot, once', async () => {
    desk = await startTestDesk({ now: '2026-12-05T10:00:00+05:00' });
    const number = await deliverFridayEvening('s-flush');

    await deleteKeys(desk.runtime, `${desk.config.queuePrefix}:*`);
    expect(await desk.runtime.releases.queue.getDelayed()).to.have.length(0);

    // Still Saturday: the reconciler re-arms the timer rather than releasing.
    const early = await reconcile(desk.runtime);
    expect(early).to.include({ released: 0, armed: 1, clocksArmed: 0 });
    expect(await desk.runtime.releases.queue.getDelayed()).to.have.length(1);
    expect(await clockTimers()).to.deep.equal([]);

    // The worker was down over the opening: the first pass after it releases.
    desk.clock.set('2026-12-07T09:40:00+05:00');
    const late = await reconcile(desk.runtime);
    const again = await reconcile(desk.runtime);

    expect(late).to.include({ released: 1, clocksArmed: 3 });
    expect(again.released).to.equal(0);
    expect(await statusOf(number)).to.equal('new');
    expect(await clockTimers()).to.have.length(3);
  });
});
