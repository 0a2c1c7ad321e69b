import { expect } from 'chai';
import request from 'supertest';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { chatbotRequest, createStaff, signIn } from './web-support';

describe('participant status page', function () {
  this.timeout(60_000);

  let desk: TestDesk;
  const codeOf = (id: string) => desk.runtime.statusCodes.codeFor(id);

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  it('shows the status and public steps for the right number and code', async () => {
    const { number, id } = await chatbotRequest(desk, 1);

    const page = await request(desk.app).get(
      `/status?number=${number}&code=${codeOf(id)}&lang=en`,
    );

    expect(page.status).to.equal(200);
    expect(page.text).to.include(`Request ${number}`);
    expect(page.text).to.include('Request received');
    expect(page.headers['cache-control']).to.equal('no-store');
  });

  it('accepts the code in lower case with spaces', async () => {
    const { number, id } = await chatbotRequest(desk, 1);
    const code = codeOf(id)
      .toLowerCase()
      .replace(/(.{4})/, '$1 ');

    const page = await request(desk.app).get(
      `/status?number=${number}&code=${encodeURIComponent(code)}`,
    );

    expect(page.status).to.equal(200);
  });

  it('opens only the request the code belongs to', async () => {
    const mine = await chatbotRequest(desk, 1);
    const other = await chatbotRequest(desk, 2);

    const wrongPair = await request(desk.app).get(
      `/status?number=${other.number}&code=${codeOf(mine.id)}`,
    );
    const panel = await request(desk.app).get(
      `/status/panel?number=${other.number}&code=${codeOf(mine.id)}`,
    );

    expect(wrongPair.status).to.equal(404);
    expect(wrongPair.text).to.not.include('Айгүл');
    expect(panel.status).to.equal(404);
  });

  it('answers an unknown number exactly like a wrong code', async () => {
    const { number } = await chatbotRequest(desk, 1);

    const wrong = await request(desk.app).get(`/status?number=${number}&code=AAAAAAAA&lang=en`);
    const unknown = await request(desk.app).get(
      '/status?number=2026-999999&code=AAAAAAAA&lang=en',
    );

    expect(wrong.status).to.equal(404);
    expect(unknown.status).to.equal(404);
    expect(wrong.text.replace(/2026-\d{6}/g, '')).to.equal(
      unknown.text.replace(/2026-\d{6}/g, ''),
    );
  });

  it('reveals no staff names, comments or findings', async () => {
    await createStaff(desk, 'operator', 'secret.operator');
    const operator = await signIn(desk.app, 'secret.operator');
    const { number, id } = await chatbotRequest(desk, 1);
    await operator.form(`/dashboard/requests/${id}/take`);
    await operator.form(`/dashboard/requests/${id}/register`);
    await operator.form(`/dashboard/requests/${id}/analysis`, {
      outcome: 'failure',
      findings: 'internal findings',
    });

    const page = await request(desk.app).get(`/status?number=${number}&code=${codeOf(id)}`);

    expect(page.text).to.not.include('secret.operator');
    expect(page.text).to.not.include('internal findings');
    expect(page.text).to.not.include('+7701999887');
  });

  it('shows the planned elimination time once the failure is confirmed', async () => {
    await createStaff(desk, 'supervisor', 'boss');
    const boss = await signIn(desk.app, 'boss');
    const { number, id } = await chatbotRequest(desk, 1);
    await boss.form(`/dashboard/requests/${id}/register`);
    await boss.form(`/dashboard/requests/${id}/analysis`, { outcome: 'failure', findings: 'x' });
    await boss.form(`/dashboard/requests/${id}/escalate`);
    const incident = await desk.runtime.store.incidents.findOne().lean();
    await boss.page('/admin');
    await boss.form(`/admin/incidents/${String(incident!._id)}/confirm`, {
      plannedFixAt: '10.12.2026 12:30',
    });

    const page = await request(desk.app).get(`/status?number=${number}&code=${codeOf(id)}`);

    expect(page.text).to.include('10.12.2026 12:30');
  });

  it("sends the code in the registration notice's link", async () => {
    await createStaff(desk, 'operator', 'op');
    const operator = await signIn(desk.app, 'op');
    const { number, id } = await chatbotRequest(desk, 1);

    await operator.form(`/dashboard/requests/${id}/register`);
    const doc = await desk.runtime.store.requests.findById(id).lean();
    const link = new URL(doc!.outbox.find((n) => n.kind === 'registration')!.data.statusUrl);
    const page = await request(desk.app).get(`${link.pathname}${link.search}`);

    expect(link.searchParams.get('number')).to.equal(number);
    expect(link.searchParams.get('code')).to.equal(codeOf(id));
    expect(page.status).to.equal(200);
  });

  it('limits failed look-ups from one address', async () => {
    const { number } = await chatbotRequest(desk, 1);
    const attempt = () => request(desk.app).get(`/status?number=${number}&code=WRONG000`);

    for (let i = 0; i < 30; i += 1) await attempt();
    const limited = await attempt();

    expect(limited.status).to.equal(429);
  });

  it('labels every field of the look-up form', async () => {
    const page = await request(desk.app).get('/status');

    expect(page.text).to.include('<label for="number">');
    expect(page.text).to.include('<label for="code">');
    expect(page.text).to.include('<html lang="kk">');
  });
});
