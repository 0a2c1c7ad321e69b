import { expect } from 'chai';
import request from 'supertest';

import { chatbotMessage, signed, telegramUpdate } from '../../support/channels';
import { startTestDesk, TELEGRAM_SECRET, type TestDesk } from '../../support/desk';
import { staff, voiceCall } from '../../support/staff';

describe('one incident, many requests', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  const operator = () => staff(desk.app, 'operator');

  async function fromTelegram() {
    const res = await request(desk.app)
      .post('/webhooks/telegram')
      .set('content-type', 'application/json')
      .set('x-telegram-bot-api-secret-token', TELEGRAM_SECRET)
      .send(
        JSON.stringify(
          telegramUpdate({
            updateId: 1,
            chatId: 900,
            at: '2026-12-08T09:50:00+05:00',
            text: 'Портал жұмыс істемейді',
          }),
        ),
      );
    return res.body.number as string;
  }

  async function fromChatbot() {
    const { raw, signature } = signed(
      chatbotMessage({
        sessionId: 'sess-9',
        messageId: 'msg-9',
        sentAt: '2026-12-08T09:55:00+05:00',
        text: 'Портал не открывается',
        participant: { phone: '+77019998877' },
      }),
    );
    const res = await request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signature)
      .send(raw);
    return res.body.number as string;
  }

  async function analysed(number: string) {
    await operator().post(`/api/requests/${number}/register`);
    await operator().post(`/api/requests/${number}/analysis`, {
      outcome: 'failure',
      findings: 'same outage',
    });
  }

  it('confirms once for requests from three channels: three notices, three clocks', async () => {
    const numbers = [
      await fromTelegram(),
      await fromChatbot(),
      (await operator().post('/api/requests', voiceCall())).body.number as string,
    ];
    for (const number of numbers) await analysed(number);

    const first = (await operator().post(`/api/requests/${numbers[0]}/escalate`)).body;
    for (const number of numbers.slice(1)) {
      const linked = await operator().post(`/api/requests/${number}/escalate`, {
        incidentId: first.incidentId,
      });
      expect(linked.body.incidentId).to.equal(first.incidentId);
    }

    desk.clock.set('2026-12-08T11:00:00+05:00');
    const decided = await staff(desk.app, 'admin').post(
      `/api/incidents/${first.incidentId}/confirm`,
      {
        plannedFixAt: '2026-12-09T15:00:00+05:00',
      },
    );

    expect(decided.body.status).to.equal('confirmed');
    expect(decided.body.requests.map((r: { status: string }) => r.status)).to.deep.equal([
      'confirmed',
      'confirmed',
      'confirmed',
    ]);

    const confirmations = await desk.runtime.store.notices.find({ kind: 'confirmation' }).lean();
    expect(confirmations.map((n) => n.channel).sort()).to.deep.equal([
      'chatbot',
      'sms',
      'telegram',
    ]);
    expect(confirmations.every((n) => n.text.includes('09.12.2026 15:00'))).to.equal(true);

    for (const number of numbers) {
      const view = (await operator().get(`/api/requests/${number}`)).body;
      expect(view.clocks.confirmationNotice).to.include({
        startedAt: '2026-12-08T11:00:00+05:00',
        dueAt: '2026-12-08T11:30:00+05:00',
        state: 'running',
      });
    }
  });

  it('brings a request linked to an already confirmed incident up to it at once', async () => {
    const a = (await operator().post('/api/requests', voiceCall())).body.number as string;
    const b = (await operator().post('/api/requests', voiceCall({ externalId: 'b' }))).body
      .number as string;
    await analysed(a);
    await analysed(b);
    const { incidentId } = (await operator().post(`/api/requests/${a}/escalate`)).body;
    await staff(desk.app, 'admin').post(`/api/incidents/${incidentId}/confirm`, {
      plannedFixAt: '2026-12-09T15:00:00+05:00',
    });

    desk.clock.set('2026-12-08T12:00:00+05:00');
    const late = (await operator().post(`/api/requests/${b}/escalate`, { incidentId })).body;

    expect(late.status).to.equal('confirmed');
    expect(late.clocks.confirmationNotice.startedAt).to.equal('2026-12-08T12:00:00+05:00');
  });

  it('refuses to link a request to a refuted incident', async () => {
    const a = (await operator().post('/api/requests', voiceCall())).body.number as string;
    const b = (await operator().post('/api/requests', voiceCall({ externalId: 'b' }))).body
      .number as string;
    await analysed(a);
    await analysed(b);
    const { incidentId } = (await operator().post(`/api/requests/${a}/escalate`)).body;
    await staff(desk.app, 'admin').post(`/api/incidents/${incidentId}/refute`, {
      explanation: 'user error',
    });

    const res = await operator().post(`/api/requests/${b}/escalate`, { incidentId });

    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('INCIDENT_CLOSED');
  });
});
