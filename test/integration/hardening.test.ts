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
    const b = await chatbot(
      chatbotMessage({ ...base, sessionId: 'B', messageId: '1', text: 'from B' }),
    );

    expect(b.body.outcome).to.equal('created');
    expect(await count()).to.equal(2);
  });

  it('knows a message redelivered after its conversation moved to a new request', async () => {
    const base = { sessionId: 'S', sentAt: '2026-12-08T09:30:00+05:00' };
    const first = await chatbot(chatbotMessage({ ...base, messageId: 'm1', text: 'first' }));
    await operator().post(`/api/requests/${first.body.number}/register`);
    await operator().post(`/api/requests/${first.body.number}/analysis`, {
      outcome: 'no-failure',
      findings: 'Works as intended',
    });
    const second = await chatbot(chatbotMessage({ ...base, messageId: 'm2', text: 'again' }));

    const late = await chatbot(chatbotMessage({ ...base, messageId: 'm1', text: 'first' }));

    expect(second.body).to.include({ outcome: 'created' });
    expect(late.body).to.include({ outcome: 'duplicate', number: first.body.number });
    const newer = await desk.runtime.store.requests.findOne({ number: second.body.number }).lean();
    expect(newer!.messages.map((m) => m.text)).to.deep.equal(['again']);
  });

  it('keeps a session whose id holds the separator apart from its look-alike', async () => {
    const base = { sentAt: '2026-12-08T09:00:00+05:00' };

    await chatbot(chatbotMessage({ ...base, sessionId: 'V:x', messageId: 'y', text: 'one' }));
    const other = await chatbot(
      chatbotMessage({ ...base, sessionId: 'V', messageId: 'x:y', text: 'another' }),
    );

    expect(other.body.outcome).to.equal('created');
    expect(await count()).to.equal(2);
  });

  it('refuses session and message ids that storing or trimming would change', async () => {
    const base = { sentAt: '2026-12-08T09:00:00+05:00', text: 'x' };

    const lone = await chatbot(chatbotMessage({ ...base, sessionId: 's\ud800', messageId: '1' }));
    const padded = await chatbot(
      chatbotMessage({ ...base, sessionId: ' s\u00a0', messageId: '1' }),
    );
    const hidden = await chatbot(
      chatbotMessage({ ...base, sessionId: 's', messageId: '1\u200b' }),
    );

    for (const res of [lone, padded, hidden]) {
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('IDENTIFIER_INVALID');
    }
    expect(await count()).to.equal(0);
  });

  it('refuses a chat-bot message with no text', async () => {
    const base = { sessionId: 'E', messageId: '1', sentAt: '2026-12-08T09:00:00+05:00' };

    const empty = await chatbot(chatbotMessage({ ...base, text: '' }));
    const blank = await chatbot(chatbotMessage({ ...base, text: '  \u200b ' }));

    expect([empty.status, blank.status]).to.deep.equal([422, 422]);
    expect(empty.body.error).to.include({ code: 'FIELD_EMPTY', field: 'text' });
    expect(await count()).to.equal(0);
  });

  it('takes arrival as receipt for a chat-bot date years back; staff get a refusal', async () => {
    const old = '2000-01-04T10:00:00+06:00';

    const bot = await chatbot(
      chatbotMessage({ sessionId: 'O', messageId: '1', sentAt: old, text: 'x' }),
    );
    const call = await operator().post('/api/requests', voiceCall({ receivedAt: old }));

    expect(bot.body.number).to.match(/^2026-/);
    const doc = await desk.runtime.store.requests.findOne({ number: bot.body.number }).lean();
    expect(doc!.receivedAt.toISOString()).to.equal('2026-12-08T05:00:00.000Z');
    expect(call.status).to.equal(422);
    expect(call.body.error).to.include({ code: 'RECEIVED_AT_TOO_EARLY', field: 'receivedAt' });
  });

  it('opens one incident when an escalation is clicked ten times at once', async () => {
    const number = await analysedRequest('e1');
    await operator().post(`/api/requests/${number}/analysis`, {
      outcome: 'failure',
      findings: 'x',
    });

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
        operator().post(`/api/requests/${number}/analysis`, {
          outcome: 'failure',
          findings: `${i}`,
        }),
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

  it('refuses a request list filter it does not know instead of listing everything', async () => {
    const res = await operator().get('/api/requests?status[]=new');

    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'FIELD_UNKNOWN', field: 'status[]' });
  });

  it('refuses a Telegram date no clock can show, naming message.date', async () => {
    const update = telegramUpdate({
      updateId: 1,
      chatId: 5,
      at: '2026-12-08T09:00:00+05:00',
      text: 'x',
    });
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
    const res = await operator().post(
      '/api/requests',
      voiceCall({ description: '\u200b\u200b ' }),
    );

    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'FIELD_EMPTY', field: 'description' });
  });

  it('answers 409 when an externalId comes back with other data', async () => {
    await operator().post('/api/requests', voiceCall({ externalId: 'x1' }));
    const res = await operator().post(
      '/api/requests',
      voiceCall({ externalId: 'x1', description: 'other' }),
    );

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
    const week = await operator().get(
      '/api/calendar/due?from=2026-12-03T10:00:00%2B05:00&duration=P1W',
    );

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
