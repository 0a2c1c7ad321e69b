import http from 'node:http';
import express from 'express';
import { Types } from 'mongoose';

import { producerConnection } from '../../src/queue/connection';
import { ReleaseQueue } from '../../src/queue/release-queue';
import { openStore } from '../../src/store';

/**
 * The intake baseline: a bare express handler that does only what intake
 * must do at the least, the same MongoDB insert (a request document of the
 * same shape through the same model) and the same BullMQ add (the release
 * at the opening). No signature, no validation, no lease, no sequence.
 * Environment: MONGODB_URI, REDIS_URL, QUEUE_PREFIX, PORT.
 */
const HOUR_MS = 3_600_000;

function requestDoc(seq: number, body: { messageId: string; sessionId: string; text: string }) {
  const now = new Date();
  const opensAt = new Date(now.getTime() + 2 * HOUR_MS);
  return {
    _id: new Types.ObjectId(),
    number: `B-${process.pid}-${seq}`,
    year: now.getUTCFullYear(),
    seq,
    channel: 'chatbot',
    originKey: `chatbot:message:${body.messageId}`,
    threadKey: `chatbot:session:${body.sessionId}`,
    receivedAt: now,
    createdAt: now,
    contact: { chatbotSessionId: body.sessionId },
    description: body.text,
    externalId: body.messageId,
    messages: [
      {
        key: `chatbot:message:${body.messageId}`,
        at: now,
        from: 'participant',
        text: body.text,
        attachments: [],
      },
    ],
    status: 'queued',
    version: 0,
    clocks: {
      registration: {
        occurrence: 1,
        startedAt: opensAt,
        dueAt: new Date(opensAt.getTime() + 3 * HOUR_MS),
        stoppedAt: null,
        state: 'running',
        warnedAt: [],
        breachedAt: null,
      },
    },
    history: [
      {
        at: now,
        actor: 'channel:chatbot',
        action: 'receive',
        fromStatus: null,
        toStatus: 'queued',
      },
    ],
    outbox: [],
    outboxPending: false,
  };
}

async function main(): Promise<void> {
  const store = await openStore(process.env.MONGODB_URI!);
  const redis = producerConnection(process.env.REDIS_URL!);
  const releases = new ReleaseQueue(redis, process.env.QUEUE_PREFIX!);
  let seq = 0;

  const app = express();
  app.post('/webhooks/chatbot', express.json(), async (req, res) => {
    seq += 1;
    const doc = requestDoc(seq, req.body);
    await store.requests.create(doc);
    await releases.schedule(String(doc._id), doc.clocks.registration.startedAt, new Date());
    res.json({ ok: true, outcome: 'created', number: doc.number });
  });

  const port = Number(process.env.PORT);
  http.createServer(app).listen(port, '127.0.0.1', () => process.send?.('ready'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
