import { expect } from 'chai';
import request from 'supertest';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { chatbotRequest, createStaff, signIn, type SignedIn } from './web-support';

describe('administrator console', function () {
  this.timeout(60_000);

  let desk: TestDesk;
  let admin: SignedIn;
  let incidentId: string;
  let requestId: string;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
    await createStaff(desk, 'operator', 'op');
    await createStaff(desk, 'admin', 'adm');
    const operator = await signIn(desk.app, 'op');
    admin = await signIn(desk.app, 'adm');

    const { id } = await chatbotRequest(desk, 1);
    requestId = id;
    await operator.form(`/dashboard/requests/${id}/register`);
    await operator.form(`/dashboard/requests/${id}/analysis`, {
      outcome: 'failure',
      findings: 'seen',
    });
    await operator.form(`/dashboard/requests/${id}/escalate`);
    incidentId = String((await desk.runtime.store.incidents.findOne().lean())!._id);
    await admin.page('/admin');
  });

  afterEach(async () => {
    await desk.close();
  });

  it('lists open incidents with their linked requests and the start-of-fix deadline', async () => {
    const page = await admin.page('/admin');
    const number = (await desk.runtime.store.requests.findById(requestId).lean())!.number;

    expect(page.text).to.include('INC-2026-0001');
    expect(page.text).to.include(number);
    expect(page.text).to.include('09.12.2026 10:00');
  });

  it('confirms with a planned time in Astana time, and the linked request follows', async () => {
    const res = await admin.form(`/admin/incidents/${incidentId}/confirm`, {
      plannedFixAt: '09.12.2026 15:00',
    });
    const incident = await desk.runtime.store.incidents.findById(incidentId).lean();
    const req = await desk.runtime.store.requests.findById(requestId).lean();

    expect(res.status).to.equal(303);
    expect(incident!.status).to.equal('confirmed');
    expect(incident!.plannedFixAt!.toISOString()).to.equal('2026-12-09T10:00:00.000Z');
    expect(req!.status).to.equal('confirmed');
  });

  it('refuses a confirmation without a planned time or with one in the past', async () => {
    await admin.form(`/admin/incidents/${incidentId}/confirm`, { plannedFixAt: '' });
    const missing = await admin.page('/admin');
    await admin.form(`/admin/incidents/${incidentId}/confirm`, {
      plannedFixAt: '08.12.2026 09:00',
    });
    const past = await admin.page('/admin');
    const incident = await desk.runtime.store.incidents.findById(incidentId).lean();

    expect(incident!.status).to.equal('open');
    expect(missing.text).to.include('role="alert"');
    expect(past.text).to.include('role="alert"');
  });

  it('refuses a refutation without an explanation, then takes one', async () => {
    await admin.form(`/admin/incidents/${incidentId}/refute`, { explanation: '  ' });
    const before = await desk.runtime.store.incidents.findById(incidentId).lean();
    await admin.page('/admin');
    await admin.form(`/admin/incidents/${incidentId}/refute`, { explanation: 'Браузердің кэші' });
    const after = await desk.runtime.store.incidents.findById(incidentId).lean();

    expect(before!.status).to.equal('open');
    expect(after!.status).to.equal('refuted');
  });

  it('starts the fix and marks the failure eliminated', async () => {
    await admin.form(`/admin/incidents/${incidentId}/confirm`, {
      plannedFixAt: '09.12.2026 15:00',
    });
    await admin.page('/admin');
    await admin.form(`/admin/incidents/${incidentId}/start-fix`);
    await admin.page('/admin');
    await admin.form(`/admin/incidents/${incidentId}/eliminate`, { note: 'restarted' });
    const req = await desk.runtime.store.requests.findById(requestId).lean();

    expect(req!.status).to.equal('eliminated');
  });

  describe('portal notices (clause 14)', () => {
    it('publishes a failure notice with its planned time, on /notices and in JSON', async () => {
      await admin.form('/admin/notices', {
        kind: 'failure',
        title: 'Жеткізушіні таңдау беті істемейді',
        body: 'Жұмыс жүріп жатыр',
        plannedFixAt: '09.12.2026 15:00',
      });

      const page = await request(desk.app).get('/notices');
      const feed = await request(desk.app).get('/notices.json');

      expect(page.text).to.include('Жеткізушіні таңдау беті істемейді');
      expect(page.text).to.include('09.12.2026 15:00');
      expect(feed.body.items).to.have.length(1);
      expect(feed.body.items[0]).to.include({
        kind: 'failure',
        plannedFixAt: '2026-12-09T15:00:00+05:00',
      });
      expect(feed.body.items[0]).to.not.have.property('publishedBy');
    });

    it('publishes maintenance with its window and drops it once the window is over', async () => {
      await admin.form('/admin/notices', {
        kind: 'maintenance',
        title: 'Жоспарлы жұмыстар',
        startsAt: '09.12.2026 20:00',
        endsAt: '09.12.2026 22:00',
      });

      const during = await request(desk.app).get('/notices.json');
      desk.clock.set('2026-12-09T22:30:00+05:00');
      const after = await request(desk.app).get('/notices.json');

      expect(during.body.items[0]).to.include({
        kind: 'maintenance',
        endsAt: '2026-12-09T22:00:00+05:00',
      });
      expect(after.body.items).to.have.length(0);
    });

    it('refuses a failure notice without a planned time', async () => {
      await admin.form('/admin/notices', { kind: 'failure', title: 'x' });

      const feed = await request(desk.app).get('/notices.json');

      expect(feed.body.items).to.have.length(0);
    });

    it('withdraws a notice', async () => {
      await admin.form('/admin/notices', {
        kind: 'failure',
        title: 'x',
        plannedFixAt: '09.12.2026 15:00',
      });
      const notice = await desk.runtime.store.portalNotices.findOne().lean();
      await admin.page('/admin');

      await admin.form(`/admin/notices/${String(notice!._id)}/withdraw`);
      const feed = await request(desk.app).get('/notices.json');

      expect(feed.body.items).to.have.length(0);
    });
  });
});
