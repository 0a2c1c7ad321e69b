import crypto from 'node:crypto';
import { expect } from 'chai';

import { startNoticeWorker, type RunningNoticeWorker } from '../../../jobs/notice-worker';
import type { OwnedNoticeDeps } from '../../../src/notify/deps';
import { listNotices, queueNotices } from '../../../src/notify/notices';
import { workerConnection } from '../../../src/queue/connection';
import type { NoticeDoc } from '../../../src/store/notice-model';
import type { RequestDoc } from '../../../src/store/request-model';
import { CHATBOT_SECRET, eventually, startTestDesk, type TestDesk } from '../../support/desk';
import { FakeHttpGateway, FakeSmtpServer } from '../../support/fake-gateways';
import { createRequest, fastDeps, FAST_SETTINGS, RecordingHooks } from './notice-fixtures';

describe('notices through each channel', () => {
  let gateway: FakeHttpGateway;
  let smtp: FakeSmtpServer;
  let desk: TestDesk;
  let deps: OwnedNoticeDeps;
  let hooks: RecordingHooks;
  let worker: RunningNoticeWorker;
  let connection: ReturnType<typeof workerConnection>;

  beforeEach(async () => {
    gateway = await FakeHttpGateway.start();
    smtp = await FakeSmtpServer.start();
    desk = await startTestDesk({
      now: '2026-12-07T10:00:00+05:00',
      env: { ...gateway.env(), SMTP_URL: smtp.url },
    });
    deps = fastDeps(desk);
    hooks = new RecordingHooks();
    connection = workerConnection(desk.config.redisUrl);
    worker = startNoticeWorker(desk.runtime, connection, hooks, { settings: FAST_SETTINGS });
  });

  afterEach(async () => {
    await worker.close();
    connection.disconnect();
    await deps.close();
    await desk.close();
    await gateway.close();
    await smtp.close();
  });

  function registration(request: RequestDoc) {
    return queueNotices(deps, {
      request,
      kind: 'registration',
      data: {},
      clock: null,
      clockOccurrence: null,
      dueAt: null,
      now: desk.clock.now(),
    });
  }

  async function sent(notices: NoticeDoc[]): Promise<NoticeDoc[]> {
    const ids = notices.map((notice) => notice._id);
    return eventually(async () => {
      const docs = await desk.runtime.store.notices.find({ _id: { $in: ids } }).lean();
      return docs.every((doc) => doc.status === 'sent') && docs;
    }, 'notices sent');
  }

  it('answers a Telegram request in its chat, in Kazakh', async () => {
    const request = await createRequest(desk, {
      channel: 'telegram',
      contact: { telegramChatId: 5550001, language: 'kk' },
    });

    const notices = await registration(request);
    await sent(notices);

    expect(notices.map((n) => n.channel)).to.deep.equal(['telegram']);
    const [call] = gateway.delivered('telegram');
    expect(call.path).to.equal('/bottest-bot-token/sendMessage');
    expect(call.body.chat_id).to.equal(5550001);
    expect(call.body.text).to.equal(
      `Әлеуметтік қызметтер порталы: өтінішіңіз ${request.number} нөмірімен тіркелді.\n` +
        'Байланыс орталығы оны бір жұмыс күні ішінде қарап, нәтижесін хабарлайды.',
    );
  });

  it('answers a chat-bot session on its callback, in Russian for a language unknown', async () => {
    const request = await createRequest(desk, {
      channel: 'chatbot',
      contact: { chatbotSessionId: 'session-77', language: null },
    });

    const [notice] = await registration(request);
    await sent([notice]);

    const [call] = gateway.delivered('chatbot');
    expect(call.body).to.deep.include({ sessionId: 'session-77', noticeId: String(notice._id) });
    expect(call.body.text).to.match(/^Портал социальных услуг: ваше обращение зарегистрировано/);
    expect(call.headers['idempotency-key']).to.equal(String(notice._id));

    const raw = JSON.stringify(call.body);
    const hmac = crypto.createHmac('sha256', CHATBOT_SECRET).update(raw).digest('hex');
    expect(call.headers['x-signature']).to.equal(`sha256=${hmac}`);
  });

  it('falls back to SMS for a voice request, keyed by the notice id', async () => {
    const request = await createRequest(desk, {
      channel: 'voice',
      contact: { phone: '+77011112233', language: 'ru' },
    });

    const [notice] = await registration(request);
    await sent([notice]);

    const [call] = gateway.delivered('sms');
    expect(call.body).to.deep.equal({
      to: '+77011112233',
      text: notice.text,
      clientMessageId: String(notice._id),
    });
    expect(call.headers['idempotency-key']).to.equal(String(notice._id));
  });

  it('falls back to SMS when a Telegram request has no chat to answer', async () => {
    const request = await createRequest(desk, {
      channel: 'telegram',
      contact: { language: 'kk' },
    });

    const notices = await registration(request);

    expect(notices.map((n) => [n.channel, n.to])).to.deep.equal([['sms', '+77012345678']]);
  });

  it('also e-mails a participant who gave an address, with subject and Message-ID', async () => {
    const request = await createRequest(desk, {
      channel: 'voice',
      contact: { email: 'aigul@example.kz', language: 'kk' },
    });

    const notices = await registration(request);
    await sent(notices);

    expect(notices.map((n) => n.channel)).to.deep.equal(['sms', 'email']);
    const email = notices[1];
    await eventually(async () => smtp.messages.length === 1, 'mail received');

    const [mail] = smtp.messages;
    expect(mail.to).to.deep.equal(['aigul@example.kz']);
    expect(mail.from).to.equal(desk.config.smtpFrom);
    expect(mail.subject).to.equal(`Әлеуметтік қызметтер порталы: № ${request.number} өтініш`);
    expect(mail.text).to.equal(email.text);
    expect(mail.messageId).to.contain(`notice-${String(email._id)}@`);
  });

  it('shows the planned elimination in Astana time in the confirmation', async () => {
    const request = await createRequest(desk, { contact: { language: 'ru' } });

    const [notice] = await queueNotices(deps, {
      request,
      kind: 'confirmation',
      data: { plannedFixAt: new Date('2026-12-08T09:30:00Z') },
      clock: 'confirmationNotice',
      clockOccurrence: 1,
      dueAt: new Date('2026-12-07T05:30:00Z'),
      now: desk.clock.now(),
    });
    await sent([notice]);

    expect(notice.text).to.contain('Плановые дата и время устранения сбоя: 08.12.2026 14:30');
    expect(gateway.delivered('sms')[0].body.text).to.equal(notice.text);
    expect(hooks.delivered.map((n) => n.clock)).to.deep.equal(['confirmationNotice']);
  });

  it('lists a request’s notices with channel, status, attempts and sentAt', async () => {
    const request = await createRequest(desk, { contact: { email: 'a@example.kz' } });

    await sent(await registration(request));

    const listed = await listNotices(desk.runtime.store.notices, request._id);
    expect(listed.map((n) => [n.channel, n.status, n.attempts])).to.deep.equal([
      ['sms', 'sent', 1],
      ['email', 'sent', 1],
    ]);
    expect(listed.every((n) => n.sentAt?.getTime() === desk.clock.now().getTime())).to.equal(true);
  });
});
