import mongoose from 'mongoose';

import { requestModel } from '../../src/store/request-model';
import { benchDesk } from '../lib/bench-desk';
import { postMessage, signedMessage, type PostOutcome } from '../lib/chatbot';
import { startDesk, waitForWeb } from '../lib/desk-process';
import { offHoursPolicy } from '../lib/off-hours-policy';
import { forEachLimit } from '../lib/pool';
import { freePort } from '../lib/ports';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';
import { exactlyOnce, IntakeLoad, requestsPerMessage } from './intake-load';

/**
 * Drill: kill -9 the web process in the middle of intake load and start it
 * again. Every message answered 2xx must exist exactly once; resending a
 * message with the same messageId must create nothing new for those.
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every message without a 2xx answer, and `sample` answered ones spread over the run. */
function retrySet(outcomes: PostOutcome[], sample: number): PostOutcome[] {
  const answered = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  const unanswered = outcomes.filter((o) => o.status < 200 || o.status >= 300);
  const step = Math.max(1, answered.length / sample);
  const spread = Array.from(
    { length: Math.min(sample, answered.length) },
    (_, i) => answered[Math.floor(i * step)],
  );
  return [...unanswered, ...spread];
}

runSuite(async (options) => {
  const loadS = numberOption(options, 'loadSeconds', 40);
  const retrySample = numberOption(options, 'retrySample', 400);
  const desk = benchDesk('killweb', { policy: offHoursPolicy(new Date()) });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...desk.env, PORT: String(port) };
  let web = startDesk('web', env, 'killweb-web-1');
  const conn = await mongoose.createConnection(desk.mongodbUri).asPromise();
  const requests = requestModel(conn);

  try {
    await waitForWeb(baseUrl, web);
    const load = new IntakeLoad(baseUrl, `kill-${process.pid}`);
    load.start();

    await pause((loadS / 3) * 1000);
    log('kill-web: kill -9 of the web process under load');
    await web.kill9();
    const acceptedBeforeKill = load.accepted().length;
    web = startDesk('web', env, 'killweb-web-2');
    await waitForWeb(baseUrl, web);
    await pause(((2 * loadS) / 3) * 1000);
    await load.stop();

    const accepted = load.accepted();
    const before = await requestsPerMessage(requests);
    const { missing, doubled } = exactlyOnce(accepted, before);

    const resend = retrySet(load.outcomes, retrySample);
    log(`kill-web: resending ${resend.length} of ${load.outcomes.length} messages by messageId`);
    const retried: Record<string, number> = {};
    await forEachLimit(resend, 4, async ({ messageId }) => {
      const answer = await postMessage(baseUrl, signedMessage(messageId));
      const key = `${answer.status} ${answer.outcome ?? ''}`.trim();
      retried[key] = (retried[key] ?? 0) + 1;
    });
    const after = await requestsPerMessage(requests);
    const newFromAccepted = accepted.filter((id) => (after.get(id) ?? 0) !== 1).length;
    const unanswered = load.outcomes.filter((o) => o.status < 200 || o.status >= 300);
    const storedAnyway = unanswered.filter((o) => before.has(o.messageId)).length;
    const createdByRetry = [...after.keys()].filter((id) => !before.has(id)).length;

    const figures: Figure[] = [
      { name: 'answers during the drill', value: JSON.stringify(load.statuses()) },
      {
        name: '2xx answers / missing / stored twice',
        value:
          `${accepted.length} (${acceptedBeforeKill} before the kill) / ` +
          `${missing.length} / ${doubled.length}`,
        target: '0 missing, 0 twice',
        met: missing.length === 0 && doubled.length === 0,
      },
      { name: 'retries by messageId: answers', value: JSON.stringify(retried) },
      {
        name: 'accepted messages not exactly once after retry',
        value: String(newFromAccepted),
        target: '0',
        met: newFromAccepted === 0,
      },
      {
        name: 'unanswered but stored / created by retry',
        value: `${storedAnyway} / ${createdByRetry}`,
      },
    ];

    return {
      suite: 'kill-web',
      figures,
      notes: [
        `Four lanes of distinct signed chat-bot messages for ${loadS} s; a third of the way in ` +
          `the web process gets SIGKILL and a new one starts on the same port. Then every ` +
          `unanswered message and ${retrySample} answered ones, evenly spread, are sent again ` +
          `with their messageIds (a redelivery reads the conversation and its request, which ` +
          `FerretDB 1.x answers by reading the collection, so all ${load.outcomes.length} ` +
          `would take most of an hour).`,
      ],
      details: {
        loadS,
        statuses: load.statuses(),
        accepted: accepted.length,
        acceptedBeforeKill,
        missing,
        doubled,
        retried,
        storedAnyway,
        createdByRetry,
      },
    };
  } finally {
    await web.stop();
    await conn.close();
    await desk.cleanUp();
  }
});
