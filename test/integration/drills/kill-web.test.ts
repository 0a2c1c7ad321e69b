import { expect } from 'chai';

import { exactlyOnce, IntakeLoad, requestsPerMessage } from '../../../bench/drills/intake-load';
import { benchDesk, type BenchDesk } from '../../../bench/lib/bench-desk';
import { postMessage, signedMessage } from '../../../bench/lib/chatbot';
import { startDesk, waitForWeb, type DeskProcess } from '../../../bench/lib/desk-process';
import { freePort } from '../../../bench/lib/ports';
import { openStore, type Store } from '../../../src/store';
import { testMongoUri, testRedisUrl } from '../../support/services';

/**
 * The kill -9 drill of issue 6, short: the real web process is killed under
 * chat-bot load and started again. The full drill with figures is
 * `npm run bench -- kill-web`.
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('web process killed with SIGKILL during intake', function () {
  this.timeout(90_000);

  let desk: BenchDesk;
  let store: Store;
  let web: DeskProcess | null = null;

  beforeEach(async () => {
    desk = benchDesk('testkill', { mongoBase: testMongoUri(), redisUrl: testRedisUrl() });
    store = await openStore(desk.mongodbUri);
  });

  afterEach(async () => {
    await web?.stop();
    await store.close();
    await desk.cleanUp();
  });

  it('keeps every answered message exactly once, and a retry creates nothing new', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = { ...desk.env, PORT: String(port), LOG_LEVEL: 'warn' };
    web = startDesk('web', env, `test-kill-web-${process.pid}-1`);
    await waitForWeb(baseUrl, web);

    const load = new IntakeLoad(baseUrl, `test-kill-${process.pid}`, 2);
    load.start();
    await pause(3000);
    await web.kill9();
    web = startDesk('web', env, `test-kill-web-${process.pid}-2`);
    await waitForWeb(baseUrl, web);
    await pause(3000);
    await load.stop();

    const accepted = load.accepted();
    const before = await requestsPerMessage(store.requests);
    expect(accepted.length).to.be.greaterThan(0);
    expect(exactlyOnce(accepted, before)).to.deep.equal({ missing: [], doubled: [] });

    for (const id of accepted) {
      const answer = await postMessage(baseUrl, signedMessage(id));
      expect([answer.status, answer.outcome]).to.deep.equal([200, 'duplicate']);
    }
    const after = await requestsPerMessage(store.requests);
    expect([...after.entries()].sort()).to.deep.equal([...before.entries()].sort());
  });
});
