import { expect } from 'chai';
import { Types } from 'mongoose';
import request from 'supertest';

import { chatbotMessage, signed } from '../../support/channels';
import { startTestDesk, TOKENS, type TestDesk } from '../../support/desk';

describe('chat-bot webhook', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2025-01-04T12:30:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  function deliver(body: unknown, signature?: string) {
    const { raw, signature: good } = signed(body);
    return request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signature ?? good)
      .send(raw);
  }

  const saturdayNoon = chatbotMessage({
    sessionId: 's-1',
    messageId: 'm-1',
    sentAt: '2025-01-04T12:00:00+05:00',
    text: 'Не могу выбрать поставщика, страница не открывается',
    participant: { iin: '900315400235', phone: '8 (701) 234-56-78', name: 'Иванова Анна' },
  });

  it('waits from Saturday 4 Jan 2025 to Sunday 5 Jan 09:00, a transferred workday', async () => {
    const res = await deliver(saturdayNoon);
    expect(res.status).to.equal(200);

    const api = await request(desk.app)
      .get(`/api/requests/${res.body.number}`)
      .set('authorization', `Bearer ${TOKENS.operator}`);

    expect(api.body.status).to.equal('queued');
    expect(api.body.receivedAt).to.equal('2025-01-04T12:00:00+05:00');
    expect(api.body.clocks.registration.startedAt).to.equal('2025-01-05T09:00:00+05:00');
    expect(api.body.clocks.registration.dueAt).to.equal('2025-01-05T12:00:00+05:00');
    expect(api.body.contact).to.include({ phone: '+77012345678', iin: '900315400235' });
  });

  it('numbers requests one after another within the year', async () => {
    const first = await deliver(saturdayNoon);
    const second = await deliver({ ...saturdayNoon, sessionId: 's-2', messageId: 'm-2' });

    expect(first.body.number).to.equal('2025-000001');
    expect(second.body.number).to.equal('2025-000002');
  });

  it('keeps one request for a redelivered message and threads a session', async () => {
    await deliver(saturdayNoon);
    const again = await deliver(saturdayNoon);
    const next = await deliver({ ...saturdayNoon, messageId: 'm-3', text: 'Ещё скриншот' });

    expect(again.body.outcome).to.equal('duplicate');
    expect(next.body.outcome).to.equal('appended');
    const docs = await desk.runtime.store.requests.find().lean();
    expect(docs).to.have.length(1);
    expect(docs[0].messages).to.have.length(2);
  });

  it('opens a new request when a conversation is claimed by a request never written', async () => {
    const { threads } = desk.runtime.store;
    const lost = new Types.ObjectId();
    await threads.create({
      _id: 'chatbot:session:s-1',
      requestId: lost,
      claimedAt: new Date('2025-01-04T12:00:00+05:00'),
    });

    const res = await deliver(saturdayNoon);

    expect(res.body.outcome).to.equal('created');
    const thread = await threads.findById('chatbot:session:s-1').lean();
    const stored = await desk.runtime.store.requests.findById(thread!.requestId).lean();
    expect(stored!.number).to.equal(res.body.number);
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(1);
  });

  it('answers 401 and stores nothing for a wrong or missing signature', async () => {
    const { signature } = signed(saturdayNoon, 'another-secret');

    const wrong = await deliver(saturdayNoon, signature);
    const garbage = await deliver(saturdayNoon, 'sha256=zz');
    const missing = await request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .send(JSON.stringify(saturdayNoon));

    expect([wrong.status, garbage.status, missing.status]).to.deep.equal([401, 401, 401]);
    expect(wrong.body.error.code).to.equal('WEBHOOK_SIGNATURE_INVALID');
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(0);
  });

  it('refuses an IIN with a bad check digit, naming the field', async () => {
    const res = await deliver({ ...saturdayNoon, participant: { iin: '900315400236' } });

    expect(res.status).to.equal(422);
    expect(res.body.error).to.include({ code: 'IIN_CHECKSUM', field: 'participant.iin' });
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(0);
  });

  it('refuses a sentAt without an offset and an object where text belongs', async () => {
    const local = await deliver({ ...saturdayNoon, sentAt: '2025-01-04T12:00:00' });
    const operator = await deliver({ ...saturdayNoon, sessionId: { $gt: '' } });

    expect(local.status).to.equal(422);
    expect(local.body.error.field).to.equal('sentAt');
    expect(operator.status).to.equal(422);
    expect(operator.body.error).to.include({ code: 'FIELD_WRONG_TYPE', field: 'sessionId' });
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(0);
  });

  it('refuses invalid JSON that is correctly signed', async () => {
    const raw = '{"sessionId": "s-1",';
    const { signChatbotBody } = await import('../../../src/intake/chatbot');

    const res = await request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signChatbotBody(raw, 'chatbot-secret-for-tests'))
      .send(raw);

    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('INVALID_JSON');
  });
});
