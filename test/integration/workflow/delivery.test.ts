import { expect } from 'chai';
import request from 'supertest';

import { chatbotMessage, signed } from '../../support/channels';
import { eventually, startTestDesk, type TestDesk } from '../../support/desk';
import { FakeHttpGateway } from '../../support/fake-gateways';
import { staff } from '../../support/staff';

describe('workflow with a real worker delivering notices', () => {
  let gateway: FakeHttpGateway;
  let desk: TestDesk;

  beforeEach(async () => {
    gateway = await FakeHttpGateway.start();
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00', env: gateway.env() });
    desk.startWorker();
  });

  afterEach(async () => {
    await desk.close();
    await gateway.close();
  });

  it('tells a chat-bot participant each outcome in Russian, closing on refutation', async () => {
    const { raw, signature } = signed(
      chatbotMessage({
        sessionId: 'sess-e2e',
        messageId: 'msg-e2e',
        sentAt: '2026-12-08T09:58:00+05:00',
        text: 'Не открывается список поставщиков',
      }),
    );
    const intake = await request(desk.app)
      .post('/webhooks/chatbot')
      .set('content-type', 'application/json')
      .set('x-signature', signature)
      .send(raw);
    const number = intake.body.number as string;
    const operator = staff(desk.app, 'operator');

    await operator.post(`/api/requests/${number}/register`);
    const registered = await eventually(
      async () => gateway.received.find((c) => c.route === 'chatbot' && c.outcome === 'accepted'),
      'registration notice at the chat-bot',
    );
    expect(registered.body.sessionId).to.equal('sess-e2e');
    expect(String(registered.body.text)).to.contain(number);

    await operator.post(`/api/requests/${number}/analysis`, { outcome: 'failure', findings: 'x' });
    const { incidentId } = (await operator.post(`/api/requests/${number}/escalate`)).body;

    desk.clock.set('2026-12-08T10:20:00+05:00');
    await staff(desk.app, 'admin').post(`/api/incidents/${incidentId}/refute`, {
      explanation: 'Поставщики этого региона ещё не загружены в каталог',
    });

    const view = await eventually(async () => {
      const res = await operator.get(`/api/requests/${number}`);
      return res.body.status === 'closed' ? res.body : null;
    }, 'request closed after the refutation notice');

    expect(view.clocks.refutationNotice).to.include({
      state: 'met',
      stoppedAt: '2026-12-08T10:20:00+05:00',
    });
    const refutation = view.notices.find((n: { kind: string }) => n.kind === 'refutation');
    expect(refutation).to.include({ channel: 'chatbot', status: 'sent', attempts: 1 });
    const texts = gateway.received
      .filter((c) => c.outcome === 'accepted')
      .map((c) => String(c.body.text));
    expect(texts).to.have.length(2);
    expect(texts[1]).to.contain('Поставщики этого региона ещё не загружены в каталог');
  });
});
