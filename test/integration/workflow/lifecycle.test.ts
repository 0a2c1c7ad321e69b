import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { staff, voiceCall } from '../../support/staff';

/**
 * Clause 15 end to end, each clock's deadline from fixed instants. The
 * desk's clock is moved by the test; timers far ahead never fire here.
 */
describe('workflow from registration to closing', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    // Friday 11 December 2026, 17:00 Astana.
    desk = await startTestDesk({ now: '2026-12-11T17:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  const operator = () => staff(desk.app, 'operator');
  const admin = () => staff(desk.app, 'admin');

  async function newRequest() {
    const res = await operator().post('/api/requests', voiceCall());
    expect(res.status).to.equal(201);
    return res.body.id as string;
  }

  it('carries a confirmed failure through every clock, over a weekend and a holiday', async () => {
    const id = await newRequest();
    let view = (await operator().get(`/api/requests/${id}`)).body;
    // 1 h 30 min on Friday, the rest on Monday morning.
    expect(view.clocks.registration.dueAt).to.equal('2026-12-14T10:30:00+05:00');
    expect(view.allowedActions).to.deep.equal(['register']);

    desk.clock.set('2026-12-11T17:30:00+05:00');
    view = (await operator().post(`/api/requests/${id}/register`)).body;
    expect(view.status).to.equal('registered');
    expect(view.clocks.registration).to.include({
      state: 'met',
      stoppedAt: '2026-12-11T17:30:00+05:00',
    });
    expect(view.clocks.analysis).to.include({
      startedAt: '2026-12-11T17:30:00+05:00',
      dueAt: '2026-12-14T17:30:00+05:00',
      state: 'running',
    });
    expect(view.notices.map((n: { kind: string }) => n.kind)).to.include('registration');

    // Tuesday morning: the analysis came late.
    desk.clock.set('2026-12-15T10:00:00+05:00');
    view = (
      await operator().post(`/api/requests/${id}/analysis`, {
        outcome: 'failure',
        findings: 'Reproduced: the supplier list returns 500',
      })
    ).body;
    expect(view.status).to.equal('analysing');
    expect(view.clocks.analysis).to.include({
      state: 'breached',
      breachedAt: '2026-12-14T17:30:00+05:00',
    });
    expect(view.clocks.escalation.dueAt).to.equal('2026-12-15T13:00:00+05:00');

    desk.clock.set('2026-12-15T12:00:00+05:00');
    view = (await operator().post(`/api/requests/${id}/escalate`)).body;
    expect(view.status).to.equal('escalated');
    expect(view.incidentId).to.be.a('string');
    expect(view.clocks.escalation.state).to.equal('met');
    // 6 h 30 min on Tuesday; 16 December is a holiday; 3 h on Thursday.
    expect(view.clocks.fixStart.dueAt).to.equal('2026-12-17T12:00:00+05:00');

    desk.clock.set('2026-12-17T09:10:00+05:00');
    const confirmed = await admin().post(`/api/incidents/${view.incidentId}/confirm`, {
      plannedFixAt: '2026-12-18T12:00:00+05:00',
    });
    expect(confirmed.status).to.equal(200);
    view = (await operator().get(`/api/requests/${id}`)).body;
    expect(view.status).to.equal('confirmed');
    expect(view.clocks.confirmationNotice.dueAt).to.equal('2026-12-17T09:40:00+05:00');

    desk.clock.set('2026-12-17T10:00:00+05:00');
    await admin().post(`/api/incidents/${view.incidentId}/start-fix`);
    view = (await operator().get(`/api/requests/${id}`)).body;
    expect(view.status).to.equal('fixing');
    expect(view.clocks.fixStart).to.include({
      state: 'met',
      stoppedAt: '2026-12-17T10:00:00+05:00',
    });

    desk.clock.set('2026-12-17T17:00:00+05:00');
    await admin().post(`/api/incidents/${view.incidentId}/eliminate`, { note: 'Index rebuilt' });
    view = (await operator().get(`/api/requests/${id}`)).body;
    expect(view.status).to.equal('eliminated');
    // 1 h 30 min on Thursday, 1 h 30 min on Friday.
    expect(view.clocks.fixNotice.dueAt).to.equal('2026-12-18T10:30:00+05:00');

    const kinds = view.notices.map((n: { kind: string }) => n.kind);
    expect(kinds).to.deep.equal(['registration', 'confirmation', 'elimination']);
    expect(view.history.map((h: { toStatus: string }) => h.toStatus)).to.deep.equal([
      'new',
      'registered',
      'analysing',
      'escalated',
      'confirmed',
      'fixing',
      'eliminated',
    ]);
  });

  it('closes with a notice when the analysis finds no failure', async () => {
    const id = await newRequest();
    await operator().post(`/api/requests/${id}/register`);

    desk.clock.set('2026-12-11T18:10:00+05:00');
    const view = (
      await operator().post(`/api/requests/${id}/analysis`, {
        outcome: 'no-failure',
        findings: 'The participant used an expired EDS certificate',
      })
    ).body;

    expect(view.status).to.equal('closed');
    expect(view.clocks.analysis).to.include({
      state: 'met',
      stoppedAt: '2026-12-11T18:10:00+05:00',
    });
    expect(view.notices.map((n: { kind: string }) => n.kind)).to.deep.equal([
      'registration',
      'no-failure',
    ]);
  });

  it('refutes, notifies with the explanation, closes once the notice is delivered', async () => {
    const id = await newRequest();
    await operator().post(`/api/requests/${id}/register`);
    await operator().post(`/api/requests/${id}/analysis`, { outcome: 'failure', findings: 'x' });
    const escalated = (await operator().post(`/api/requests/${id}/escalate`)).body;

    desk.clock.set('2026-12-11T18:20:00+05:00');
    await admin().post(`/api/incidents/${escalated.incidentId}/refute`, {
      explanation: 'Scheduled maintenance announced on the portal, 18:00–19:00',
    });
    let view = (await operator().get(`/api/requests/${id}`)).body;
    expect(view.status).to.equal('refuted');
    // 10 minutes on Friday, 20 on Monday (clause 16: working time by default).
    expect(view.clocks.refutationNotice.dueAt).to.equal('2026-12-14T09:20:00+05:00');
    expect(view.clocks.fixStart.state).to.equal('met');

    const notice = await desk.runtime.store.notices.findOne({ kind: 'refutation' }).lean();
    expect(notice!.text).to.contain('Scheduled maintenance announced on the portal');

    await desk.runtime.operators.noticeDelivered({
      requestId: id,
      kind: 'refutation',
      clock: 'refutationNotice',
      clockOccurrence: 1,
      sentAt: new Date('2026-12-11T13:25:00Z'),
    });
    view = (await operator().get(`/api/requests/${id}`)).body;
    expect(view.status).to.equal('closed');
    expect(view.clocks.refutationNotice).to.include({
      state: 'met',
      stoppedAt: '2026-12-11T18:25:00+05:00',
    });
  });

  it('answers 409 naming the allowed actions, and 403 for the wrong role', async () => {
    const id = await newRequest();

    const early = await operator().post(`/api/requests/${id}/escalate`);
    const asAdmin = await admin().post(`/api/requests/${id}/register`);
    const asAuditor = await staff(desk.app, 'auditor').post(`/api/requests/${id}/register`);

    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('ACTION_NOT_ALLOWED');
    expect(early.body.error.details.allowedActions).to.deep.equal(['register']);
    expect(asAdmin.status).to.equal(403);
    expect(asAuditor.status).to.equal(403);
  });

  it('lets one of two operators registering at once win; the other gets 409', async () => {
    const id = await newRequest();

    const answers = await Promise.all([
      operator().post(`/api/requests/${id}/register`),
      staff(desk.app, 'supervisor').post(`/api/requests/${id}/register`),
    ]);

    expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 409]);
    const doc = await desk.runtime.store.requests.findById(id).lean();
    expect(doc!.history.filter((h) => h.action === 'register')).to.have.length(1);
    expect(doc!.clocks.analysis.occurrence).to.equal(1);
  });

  it('refuses a planned fix in the past and a refutation without explanation', async () => {
    const id = await newRequest();
    await operator().post(`/api/requests/${id}/register`);
    await operator().post(`/api/requests/${id}/analysis`, { outcome: 'failure', findings: 'x' });
    const { incidentId } = (await operator().post(`/api/requests/${id}/escalate`)).body;

    const past = await admin().post(`/api/incidents/${incidentId}/confirm`, {
      plannedFixAt: '2026-12-11T16:00:00+05:00',
    });
    const bare = await admin().post(`/api/incidents/${incidentId}/refute`, {});
    const unknown = await admin().post('/api/incidents/INC-2026-9999/refute', {
      explanation: 'x',
    });

    expect(past.status).to.equal(422);
    expect(past.body.error.field).to.equal('plannedFixAt');
    expect(bare.status).to.equal(422);
    expect(bare.body.error.field).to.equal('explanation');
    expect(unknown.status).to.equal(404);
  });
});
