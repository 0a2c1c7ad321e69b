import { expect } from 'chai';
import request from 'supertest';

import { chatbotMessage, signed, telegramUpdate } from './../support/channels';
import { startTestDesk, TELEGRAM_SECRET, type TestDesk } from '../support/desk';
import { staff, voiceCall } from '../support/staff';

/** Bad input found by probing the running desk; each once answered wrongly. */
describe('hardening against bad input', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  const operator = () => staff(desk.app, 'operator');
  const count = () => desk.runtime.store.requests.countDocuments();

  function chatbot(body: unknown) {
    const { raw, signature } = signed(body);
    return request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signature)
      .send(raw);
  }

  async function analysedRequest(externalId: string) {
    const { number } = (await operator().post('/api/requests', voiceCall({ externalId }))).body;
    await operator().post(`/api/requests/${number}/register`);
    return number as string;
  }

  it('refuses a calendar day outside 2000–2099 and keeps intake working', async () => {
    const res = await staff(desk.app, 'supervisor').put('/api/calendar/days/0050-01-01', {
      working: true,
      reason: 'probe',
    });

    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'INVALID_DATE', field: 'date' });
    expect(await desk.runtime.store.calendarDays.countDocuments()).to.equal(0);
    expect((await operator().post('/api/requests', voiceCall())).status).to.equal(201);
  });

  it('keeps chat-bot sessions apart when they reuse a message id', async () => {
    const base = { sentAt: '2026-12-08T09:00:00+05:00', text: 'x' };

    await chatbot(chatbotMessage({ ...base, sessionId: 'A', messageId: '1', text: 'from A' }));
    const b = await chatbot(chatbotMessage({ ...base, sessionId: 'B', messageId: '1', text: 'from B' }));

    expect(b.body.outcome).to.equal('created');
    expect(await count()).to.equal(2);
  });

  it('opens one incident when an escalation is clicked ten times at once', async () => {
    const number = await analysedRequest('e1');
    await operator().post(`/api/requests/${number}/analysis`, { outcome: 'failure', findings: 'x' });

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => operator().post(`/api/requests/${number}/escalate`)),
    );

    expect(answers.filter((a) => a.status === 200)).to.have.length(1);
    expect(answers.filter((a) => a.status === 409)).to.have.length(9);
    expect(await desk.runtime.store.incidents.countDocuments()).to.equal(1);
  });

  it('records one analysis when it is sent ten times at once', async () => {
    const number = await analysedRequest('a1');

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        operator().post(`/api/requests/${number}/analysis`, { outcome: 'failure', findings: `${i}` }),
      ),
    );

    expect(answers.filter((a) => a.status === 200)).to.have.length(1);
    const doc = await desk.runtime.store.requests.findOne({ number }).lean();
    expect(doc!.clocks.escalation.occurrence).to.equal(1);
  });

  const badInstants = [
    '+275760-09-13T00:00:00Z',
    '2026-02-30T10:00:00+05:00',
    '1970-01-01T00:00:00Z',
    'Thu, 03 Dec 2026 10:00:00 +0500',
    '2026-12-03T10:00:00+99:00',
  ];

  for (const receivedAt of badInstants) {
    it(`refuses receivedAt ${receivedAt} and stores nothing`, async () => {
      const res = await operator().post('/api/requests', voiceCall({ receivedAt }));

      expect(res.status).to.equal(422);
      expect(res.body.error).to.include({ code: 'INVALID_INSTANT', field: 'receivedAt' });
      expect(await count()).to.equal(0);
    });
  }

  it('answers 503 with a retry hint, not 409, when a request stays busy', async () => {
    const { id, number } = (await operator().post('/api/requests', voiceCall())).body;
    // A writer that holds the request's lease for the whole wait.
    await desk.runtime.store.locks.create({
      _id: `request:${id}`,
      token: 'someone-else',
      expiresAt: new Date(Date.now() + 60_000),
    });

    const res = await operator().post(`/api/requests/${number}/register`);

    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('5');
    expect(res.body.error.code).to.equal('BUSY');
    const doc = await desk.runtime.store.requests.findById(id).lean();
    expect(doc!.status).to.equal('new');
  });

  it('refuses a Telegram date no clock can show, naming message.date', async () => {
    const update = telegramUpdate({ updateId: 1, chatId: 5, at: '2026-12-08T09:00:00+05:00', text: 'x' });
    (update.message as { date: number }).date = 99_999_999_999_999;

    const res = await request(desk.app)
      .post('/webhooks/telegram')
      .set('content-type', 'application/json')
      .set('x-telegram-bot-api-secret-token', TELEGRAM_SECRET)
      .send(JSON.stringify(update));

    expect(res.status).to.equal(422);
    expect(res.body.error.field).to.equal('message.date');
    expect(await desk.runtime.store.counters.countDocuments()).to.equal(0);
  });

  it('refuses text made only of invisible characters', async () => {
    const res = await operator().post('/api/requests', voiceCall({ description: '\u200b\u200b ' }));

    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'FIELD_EMPTY', field: 'description' });
  });

  it('answers 409 when an externalId comes back with other data', async () => {
    await operator().post('/api/requests', voiceCall({ externalId: 'x1' }));
    const res = await operator().post('/api/requests', voiceCall({ externalId: 'x1', description: 'other' }));

    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('EXTERNAL_ID_CONFLICT');
    expect(await count()).to.equal(1);
  });

  it('answers 400, not 500, for a path that is not valid percent-encoding', async () => {
    const res = await operator().get('/api/requests/%ZZ');

    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('BAD_REQUEST');
  });

  it('refuses an enormous duration quickly, naming the field', async () => {
    const res = await operator().get(
      '/api/calendar/due?from=2026-12-03T10:00:00%2B05:00&duration=P9200D',
    );
    const week = await operator().get('/api/calendar/due?from=2026-12-03T10:00:00%2B05:00&duration=P1W');

    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'DURATION_TOO_LONG', field: 'duration' });
    expect(week.body.error.field).to.equal('duration');
  });

  it('takes a step posted as JSON with no body at all', async () => {
    const { number } = (await operator().post('/api/requests', voiceCall())).body;

    const res = await request(desk.app)
      .post(`/api/requests/${number}/register`)
      .set('authorization', 'Bearer op-secret-0123456789abcdef')
      .set('content-type', 'application/json');

    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('registered');
  });
});
