import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { chatbotRequest, createStaff, signIn, type SignedIn } from './web-support';

describe('operator dashboard', function () {
  this.timeout(60_000);

  let desk: TestDesk;
  let operator: SignedIn;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
    await createStaff(desk, 'operator', 'aigerim');
    operator = await signIn(desk.app, 'aigerim');
  });

  afterEach(async () => {
    await desk.close();
  });

  it('lists open requests with status, channel, participant and a running countdown', async () => {
    const { number } = await chatbotRequest(desk, 1);

    const page = await operator.page('/dashboard');

    expect(page.status).to.equal(200);
    expect(page.text).to.include(number);
    expect(page.text).to.include('Айгүл 1');
    expect(page.text).to.match(
      /class="countdown" data-start="\d+" data-due="\d+" data-level="ok"/,
    );
  });

  it('sorts a breached request to the top and marks it', async () => {
    const first = await chatbotRequest(desk, 1);
    const second = await chatbotRequest(desk, 2);
    const clocks = (await desk.runtime.store.requests.findById(second.id).lean())!.clocks;
    await desk.runtime.store.requests.updateOne(
      { _id: second.id },
      {
        $set: {
          'clocks.registration': {
            ...clocks.registration,
            state: 'breached',
            breachedAt: new Date(),
          },
        },
      },
    );

    const page = await operator.page('/dashboard');

    expect(page.text.indexOf(second.number)).to.be.lessThan(page.text.indexOf(first.number));
    expect(page.text).to.include('data-alert="breached"');
  });

  it('marks a warning and a breach from their instants, before the worker has', async () => {
    const { number } = await chatbotRequest(desk, 1);
    const row = () => operator.page('/dashboard').then((page) => rowOf(page.text, number));

    // No worker runs here, so the record holds no threshold at any of these instants.
    expect(await row()).to.include('data-alert=""');

    desk.clock.set('2026-12-08T11:35:00+05:00');
    expect(await row()).to.include('data-alert="warning"');

    desk.clock.set('2026-12-08T13:05:00+05:00');
    expect(await row()).to.include('data-alert="breached"');
  });

  it('filters by status, channel and assignee', async () => {
    const { number } = await chatbotRequest(desk, 1);

    const byChannel = await operator.page('/dashboard?channel=voice');
    const byStatus = await operator.page('/dashboard?status=new');
    const mine = await operator.page('/dashboard?assignee=me');

    expect(byChannel.text).to.not.include(number);
    expect(byStatus.text).to.include(number);
    expect(mine.text).to.not.include(number);
  });

  it("shows a participant's markup as text, never as markup", async () => {
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { id } = await chatbotRequest(desk, 1, payload);

    const page = await operator.page(`/dashboard/requests/${id}`);

    expect(page.text).to.not.include('<script>alert');
    expect(page.text).to.not.include('<img src=x');
    expect(page.text).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('takes, registers, analyses and escalates a request through its page', async () => {
    const { id } = await chatbotRequest(desk, 1);
    await operator.page(`/dashboard/requests/${id}`);

    const taken = await operator.form(`/dashboard/requests/${id}/take`);
    await operator.form(`/dashboard/requests/${id}/register`);
    await operator.form(`/dashboard/requests/${id}/analysis`, {
      outcome: 'failure',
      findings: 'reproduced',
    });
    await operator.form(`/dashboard/requests/${id}/escalate`, { incidentId: '' });
    const doc = await desk.runtime.store.requests.findById(id).lean();

    expect(taken.status).to.equal(303);
    expect(taken.headers.location).to.equal(`/dashboard/requests/${id}`);
    expect(doc!.assignee).to.equal('aigerim');
    expect(doc!.status).to.equal('escalated');
    expect(doc!.history.map((h) => h.action)).to.deep.equal([
      'receive',
      'assign',
      'register',
      'analysis-failure',
      'escalate',
    ]);
    expect(doc!.history.find((h) => h.action === 'register')!.actor).to.equal('aigerim');
  });

  it('links a request to an existing open incident', async () => {
    const a = await chatbotRequest(desk, 1);
    const b = await chatbotRequest(desk, 2);
    for (const { id } of [a, b]) {
      await operator.form(`/dashboard/requests/${id}/register`);
      await operator.form(`/dashboard/requests/${id}/analysis`, {
        outcome: 'failure',
        findings: 'same',
      });
    }
    await operator.form(`/dashboard/requests/${a.id}/escalate`);
    const incident = await desk.runtime.store.incidents.findOne().lean();

    const page = await operator.page(`/dashboard/requests/${b.id}`);
    await operator.form(`/dashboard/requests/${b.id}/escalate`, {
      incidentId: String(incident!._id),
    });

    expect(page.text).to.include(`<option value="${String(incident!._id)}">`);
    const linked = await desk.runtime.store.requests.find({ incidentId: incident!._id }).lean();
    expect(linked).to.have.length(2);
  });

  it('comes back with a message when the step is no longer allowed', async () => {
    const { id } = await chatbotRequest(desk, 1);
    await operator.form(`/dashboard/requests/${id}/register`);

    const again = await operator.form(`/dashboard/requests/${id}/register`);
    const page = await operator.page(`/dashboard/requests/${id}`);

    expect(again.status).to.equal(303);
    expect(page.text).to.include('role="alert"');
  });

  it('rejects a form posted without its CSRF token', async () => {
    const { id } = await chatbotRequest(desk, 1);

    const res = await operator.agent
      .post(`/dashboard/requests/${id}/register`)
      .type('form')
      .send({});
    const doc = await desk.runtime.store.requests.findById(id).lean();

    expect(res.status).to.equal(403);
    expect(doc!.status).to.equal('new');
  });

  it('answers a row fragment for a request in the queue, and 204 once it left', async () => {
    const { id } = await chatbotRequest(desk, 1);

    const row = await operator.agent.get(`/dashboard/queue/${id}`);
    const filtered = await operator.agent.get(`/dashboard/queue/${id}?channel=voice`);

    expect(row.status).to.equal(200);
    expect(row.text).to.match(/^<tr id="row-/);
    expect(filtered.status).to.equal(204);
  });

  it('takes a request under its lease, so it waits for a step in progress', async () => {
    const { id } = await chatbotRequest(desk, 1);
    const leases = desk.runtime.store.leases;

    let release!: () => void;
    const held = leases.withLock(
      `request:${id}`,
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    await new Promise((r) => setTimeout(r, 50));
    const take = operator.form(`/dashboard/requests/${id}/take`).then((res) => res);
    await new Promise((r) => setTimeout(r, 200));
    const whileHeld = await desk.runtime.store.requests.findById(id).lean();
    release();
    await held;
    await take;
    const after = await desk.runtime.store.requests.findById(id).lean();

    expect(whileHeld!.assignee).to.equal(null);
    expect(after!.assignee).to.equal('aigerim');
  });
});

/** The queue row of one request number, as served. */
function rowOf(html: string, number: string): string {
  const row = html.split('<tr ').find((part) => part.includes(number));
  expect(row, `no row for ${number}`).to.be.a('string');
  return row!;
}
