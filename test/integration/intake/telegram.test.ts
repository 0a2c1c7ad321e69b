import { expect } from 'chai';
import request from 'supertest';

import { TELEGRAM_SECRET, startTestDesk, type TestDesk } from '../../support/desk';
import { telegramUpdate } from '../../support/channels';

describe('Telegram webhook', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-04T19:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  function deliver(body: unknown, secret: string | null = TELEGRAM_SECRET) {
    const call = request(desk.app)
      .post('/webhooks/telegram')
      .set('content-type', 'application/json');
    if (secret !== null) call.set('x-telegram-bot-api-secret-token', secret);
    return call.send(JSON.stringify(body));
  }

  async function onlyRequest() {
    const all = await desk.runtime.store.requests.find().lean();
    expect(all).to.have.length(1);
    return all[0];
  }

  it('queues a Friday 18:45 message until Monday 09:00, registration due at 12:00', async () => {
    const res = await deliver(
      telegramUpdate({
        updateId: 1,
        chatId: 501,
        at: '2026-12-04T18:45:00+05:00',
        text: 'Сайт ашылмайды',
      }),
    );
    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('created');

    const api = await request(desk.app)
      .get(`/api/requests/${res.body.number}`)
      .set('authorization', 'Bearer op-secret-0123456789abcdef');

    expect(api.status).to.equal(200);
    expect(api.body.status).to.equal('queued');
    expect(api.body.channel).to.equal('telegram');
    expect(api.body.receivedAt).to.equal('2026-12-04T18:45:00+05:00');
    expect(api.body.clocks.registration.startedAt).to.equal('2026-12-07T09:00:00+05:00');
    expect(api.body.clocks.registration.dueAt).to.equal('2026-12-07T12:00:00+05:00');
    expect(api.body.contact.language).to.equal('kk');
  });

  it('treats 03:00 Astana on 1 May, still 30 April in UTC, as the holiday', async () => {
    desk.clock.set('2026-05-01T03:05:00+05:00');

    await deliver(
      telegramUpdate({ updateId: 2, chatId: 502, at: '2026-05-01T03:00:00+05:00', text: 'Көмек' }),
    );
    const doc = await onlyRequest();

    expect(doc.status).to.equal('queued');
    // 1 May 2026 is a Friday holiday; the weekend follows; Monday 4 May opens.
    expect(doc.clocks.registration.startedAt.toISOString()).to.equal('2026-05-04T04:00:00.000Z');
  });

  it('keeps one request when Telegram redelivers the same update', async () => {
    const update = telegramUpdate({
      updateId: 7,
      chatId: 503,
      at: '2026-12-04T18:50:00+05:00',
      text: 'Қате',
    });

    const first = await deliver(update);
    const second = await deliver(update);

    expect(first.body.outcome).to.equal('created');
    expect(second.status).to.equal(200);
    expect(second.body.outcome).to.equal('duplicate');
    expect((await onlyRequest()).messages).to.have.length(1);
  });

  it('adds a second message from the same chat to its open request', async () => {
    await deliver(
      telegramUpdate({
        updateId: 10,
        chatId: 504,
        at: '2026-12-04T18:50:00+05:00',
        text: 'Бірінші',
      }),
    );
    const res = await deliver(
      telegramUpdate({
        updateId: 11,
        chatId: 504,
        at: '2026-12-04T18:55:00+05:00',
        text: 'Екінші',
      }),
    );

    expect(res.body.outcome).to.equal('appended');
    const doc = await onlyRequest();
    expect(doc.messages.map((m) => m.text)).to.deep.equal(['Бірінші', 'Екінші']);
  });

  it('opens one request when two first messages of a chat arrive at once', async () => {
    const updates = [20, 21, 22, 23].map((updateId) =>
      telegramUpdate({
        updateId,
        chatId: 505,
        at: '2026-12-04T18:50:00+05:00',
        text: `m${updateId}`,
      }),
    );

    const answers = await Promise.all(updates.map((u) => deliver(u)));

    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200]);
    expect((await onlyRequest()).messages).to.have.length(4);
  });

  it('keeps shared contacts, photos and documents as file ids', async () => {
    await deliver(
      telegramUpdate({
        updateId: 30,
        chatId: 506,
        at: '2026-12-04T18:50:00+05:00',
        extra: {
          caption: 'Скриншот',
          photo: [
            { file_id: 'small-id', width: 90, height: 60 },
            { file_id: 'large-id', width: 1280, height: 800 },
          ],
        },
      }),
    );
    await deliver(
      telegramUpdate({
        updateId: 31,
        chatId: 506,
        at: '2026-12-04T18:51:00+05:00',
        extra: {
          document: { file_id: 'doc-id', file_name: 'error.pdf', mime_type: 'application/pdf' },
        },
      }),
    );
    await deliver(
      telegramUpdate({
        updateId: 32,
        chatId: 506,
        at: '2026-12-04T18:52:00+05:00',
        extra: { contact: { phone_number: '+77011234567', first_name: 'Айгүл' } },
      }),
    );

    const doc = await onlyRequest();
    expect(doc.messages[0].text).to.equal('Скриншот');
    expect(doc.messages[0].attachments).to.deep.equal([{ kind: 'photo', fileId: 'large-id' }]);
    expect(doc.messages[1].attachments[0]).to.include({
      kind: 'document',
      fileId: 'doc-id',
      fileName: 'error.pdf',
    });
    expect(doc.messages[2].attachments[0]).to.include({ kind: 'contact', phone: '+77011234567' });
  });

  it('answers 401 and stores nothing when the secret is wrong or missing', async () => {
    const update = telegramUpdate({
      updateId: 40,
      chatId: 507,
      at: '2026-12-04T18:50:00+05:00',
      text: 'x',
    });

    const wrong = await deliver(update, 'not-the-secret');
    const missing = await deliver(update, null);

    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.code).to.equal('WEBHOOK_SECRET_INVALID');
    expect(missing.status).to.equal(401);
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(0);
  });

  it('answers 200 without a request for updates that are not new messages', async () => {
    const res = await deliver({ update_id: 50, edited_message: { message_id: 1 } });

    expect(res.status).to.equal(200);
    expect(res.body.outcome).to.equal('ignored');
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(0);
  });

  it('refuses a malformed update with the offending field', async () => {
    const res = await deliver({ update_id: 'abc', message: {} });

    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('FIELD_WRONG_TYPE');
    expect(res.body.error.field).to.equal('update_id');
    expect(await desk.runtime.store.requests.countDocuments()).to.equal(0);
  });

  it('never dates a message in the future', async () => {
    await deliver(
      telegramUpdate({ updateId: 60, chatId: 508, at: '2026-12-05T10:00:00+05:00', text: 'x' }),
    );

    const doc = await onlyRequest();
    expect(doc.receivedAt.toISOString()).to.equal('2026-12-04T14:00:00.000Z');
  });
});
