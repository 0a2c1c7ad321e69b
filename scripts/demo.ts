import { DateTime } from 'luxon';

import { configFromProcess } from '../src/config';
import { signChatbotBody } from '../src/intake/chatbot';

/**
 * Feeds a handful of realistic messages through the desk's real webhooks
 * and staff API, so a fresh desk has something to show. Message ids are
 * fixed per day: running it twice on one day adds nothing.
 */
const config = configFromProcess();
const base = `http://127.0.0.1:${config.port}`;
const now = DateTime.now().setZone(config.zone);
const day = now.toFormat('yyyyMMdd');

async function post(path: string, body: unknown, headers: Record<string, string>) {
  const raw = JSON.stringify(body);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  const answer = (await res.json()) as Record<string, unknown>;
  const outcome = answer.outcome ?? answer.status ?? '';
  console.log(`demo: ${path} → ${res.status} ${outcome} ${answer.number ?? ''}`);
  return answer;
}

function telegram(n: number, chatId: number, minutesAgo: number, text: string, extra = {}) {
  return post(
    '/webhooks/telegram',
    {
      update_id: Number(day) * 100 + n,
      message: {
        message_id: n,
        date: Math.floor(now.minus({ minutes: minutesAgo }).toSeconds()),
        chat: { id: chatId, type: 'private' },
        from: { id: chatId, is_bot: false, first_name: 'Гүлнар', language_code: 'kk' },
        text,
        ...extra,
      },
    },
    { 'x-telegram-bot-api-secret-token': config.telegramWebhookSecret ?? '' },
  );
}

function chatbot(n: number, session: string, minutesAgo: number, text: string, participant = {}) {
  const body = {
    sessionId: `${session}-${day}`,
    messageId: `demo-${day}-${n}`,
    sentAt: now.minus({ minutes: minutesAgo }).toISO(),
    text,
    participant,
  };
  return post('/webhooks/chatbot', body, {
    'x-signature': signChatbotBody(JSON.stringify(body), config.chatbotWebhookSecret ?? ''),
  });
}

async function main(): Promise<void> {
  await telegram(
    1,
    710001,
    42,
    'Сәлеметсіз бе! Порталда жеткізушіні таңдау батырмасы басылмайды.',
  );
  await telegram(2, 710001, 40, 'Скриншот жіберемін', {
    text: undefined,
    caption: 'Қате беті',
    photo: [{ file_id: `demo-photo-${day}`, width: 1280, height: 720 }],
  });
  await telegram(3, 710002, 25, 'Здравствуйте, не могу войти по ЭЦП, пишет «сервис недоступен».');
  await chatbot(1, 'bot-session-a', 18, 'Страница заявки на возмещение не загружается уже час', {
    name: 'Петрова Валентина',
    phone: '+7 701 555 12 34',
  });
  await chatbot(2, 'bot-session-b', 9, 'Жеке бағдарлама бойынша ТКҚ тізімі бос көрінеді', {
    phone: '87471234567',
  });

  const operator = config.apiTokens.find((t) => t.role === 'operator') ?? config.apiTokens[0];
  if (!operator) return;

  const auth = { authorization: `Bearer ${operator.secret}` };
  await post(
    '/api/requests',
    {
      channel: 'voice',
      externalId: `demo-call-${day}`,
      ...(await lastWorkingMoment(auth)),
      contact: { name: 'Ахметов Нұрлан', phone: '+7 705 111 22 33', language: 'kk' },
      description: 'Қоңырау: санаторий жолдамасын таңдағанда портал қате береді',
    },
    auth,
  );
}

/**
 * Off hours every new request waits for the opening, so the demo's call is
 * dated 18:00 of the last working day: there is always one request that can
 * be carried through the workflow at once.
 */
async function lastWorkingMoment(auth: Record<string, string>) {
  const from = now.minus({ days: 14 }).toISODate();
  const res = await fetch(`${base}/api/calendar/days?from=${from}&to=${now.toISODate()}`, {
    headers: auth,
  });
  const days = (await res.json()) as Array<{ date: string; working: boolean }>;
  const today = days.at(-1);
  const minutes = now.hour * 60 + now.minute;

  if (today?.working && minutes >= 9 * 60 && minutes < 18 * 60 + 30) return {};

  const last = days
    .filter((d) => d.working)
    .map((d) => DateTime.fromISO(`${d.date}T18:00`, { zone: config.zone }))
    .filter((at) => at < now)
    .at(-1);
  return last ? { receivedAt: last.toISO({ suppressMilliseconds: true }) } : {};
}

main().catch((err) => {
  console.error('demo failed:', err);
  process.exit(1);
});
