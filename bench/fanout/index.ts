import { Types } from 'mongoose';

import { createLogger } from '../../src/logger';
import { openRuntime } from '../../src/runtime';
import { StaffAccounts } from '../../src/web/session/staff-accounts';
import { benchDesk } from '../lib/bench-desk';
import { startDesk, waitForWeb } from '../lib/desk-process';
import { forEachLimit } from '../lib/pool';
import { freePort } from '../lib/ports';
import { round, summarize } from '../lib/stats';
import { log, numberOption, runSuite, type Figure } from '../lib/suite';
import { Screens } from './screens';
import { signIn } from './sign-in';

/**
 * Issue 6, figure 3: 500 operators' live dashboards (socket.io, signed-in
 * sessions) and the delay from a status change's event on the desk's bus
 * to its arrival at every one of them. Target: p99 under 250 ms.
 */
const TARGET_P99_MS = 250;
const ACCOUNTS = 10;
const PASSWORD = 'bench-password-0123456789';
const ROUND_TIMEOUT_MS = 5000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

runSuite(async (options) => {
  const clients = numberOption(options, 'clients', 500);
  const rounds = numberOption(options, 'rounds', 50);
  const desk = benchDesk('fanout');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const web = startDesk('web', { ...desk.env, PORT: String(port) }, 'fanout-web');
  const logger = createLogger('warn', 'bench');
  const runtime = await openRuntime(desk.config(), { name: 'bench', logger });
  const screens = new Screens();

  try {
    await waitForWeb(baseUrl, web);
    const accounts = new StaffAccounts(runtime.store, runtime.now);
    const names = Array.from({ length: ACCOUNTS }, (_, i) => `bench-operator-${i}`);
    for (const username of names) {
      await accounts.create({ username, role: 'operator', password: PASSWORD }, 'bench');
    }

    log(`fanout: signing in ${clients} operators' screens`);
    const cookies: string[] = new Array(clients);
    await forEachLimit(cookies, 8, async (_, i) => {
      cookies[i] = await signIn(baseUrl, names[i % ACCOUNTS], PASSWORD);
    });
    await screens.open(baseUrl, cookies);

    const perScreen: number[] = [];
    const allArrived: number[] = [];
    let missed = 0;
    for (let turn = 0; turn < rounds; turn += 1) {
      const requestId = new Types.ObjectId().toHexString();
      const sentAt = performance.now();
      await runtime.events.publish({
        type: 'request.updated',
        at: new Date().toISOString(),
        requestId,
        data: { status: 'registered' },
      });

      const giveUpAt = Date.now() + ROUND_TIMEOUT_MS;
      while ((screens.arrivals.get(requestId)?.length ?? 0) < clients && Date.now() < giveUpAt) {
        await pause(5);
      }
      const heard = screens.arrivals.get(requestId) ?? [];
      missed += clients - heard.length;
      for (const at of heard) perScreen.push(at - sentAt);
      if (heard.length === clients) allArrived.push(Math.max(...heard) - sentAt);
      await pause(200);
    }

    const screen = summarize(perScreen);
    const all = summarize(allArrived);
    const ms = (v: number) => `${round(v)} ms`;
    const figures: Figure[] = [
      {
        name: `delay to each of ${clients} screens`,
        value: `p50 ${ms(screen.p50)}, p99 ${ms(screen.p99)}, max ${ms(screen.max)}`,
      },
      {
        name: `delay until all ${clients} heard`,
        value: `p50 ${ms(all.p50)}, p99 ${ms(all.p99)}`,
        target: 'p99 < 250 ms',
        met: all.p99 < TARGET_P99_MS && missed === 0,
      },
      {
        name: 'deliveries missed',
        value: `${missed} of ${clients * rounds}`,
        target: '0',
        met: missed === 0,
      },
    ];

    return {
      suite: 'fanout',
      figures,
      notes: [
        `${clients} socket.io clients (websocket) on /staff, signed in through /login as ` +
          `${ACCOUNTS} operator accounts, each watching the queue; ${rounds} rounds, each a ` +
          `request.updated event published on the desk's Redis event bus (what every status ` +
          `change publishes after its write), timed until every screen heard it. The clients ` +
          `run in the bench process, so their own event loop is part of the delay.`,
      ],
      details: { clients, rounds, screen, all, missed },
    };
  } finally {
    screens.close();
    await web.stop();
    await runtime.close();
    await desk.cleanUp();
  }
});
