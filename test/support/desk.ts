import type { Express } from 'express';

import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openRuntime, type Runtime } from '../../src/runtime';
import { createApp } from '../../src/web/app';
import { startWorker, type RunningWorker } from '../../jobs/worker';
import { testMongoUri, testRedisUrl, uniquePrefix } from './services';

/**
 * A whole desk on the real services, in a database and queue prefix of its
 * own, with a clock the test moves. `close()` drops what it created and
 * nothing else.
 */
export const TOKENS = {
  operator: 'op-secret-0123456789abcdef',
  admin: 'admin-secret-0123456789abcdef',
  supervisor: 'sup-secret-0123456789abcdef',
  auditor: 'aud-secret-0123456789abcdef',
  integration: 'int-secret-0123456789abcdef',
};

export const TELEGRAM_SECRET = 'tg-secret-for-tests';
export const CHATBOT_SECRET = 'chatbot-secret-for-tests';

export class TestClock {
  constructor(public at: Date) {}

  readonly now = () => new Date(this.at);

  set(iso: string): void {
    this.at = new Date(iso);
  }
}

export interface TestDesk {
  config: Readonly<Config>;
  runtime: Runtime;
  app: Express;
  clock: TestClock;
  startWorker(): RunningWorker;
  close(): Promise<void>;
}

export interface TestDeskOptions {
  now: string;
  env?: Record<string, string>;
}

export function testConfig(env: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    MONGODB_URI: testMongoUri(),
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniquePrefix(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    API_TOKENS: Object.entries(TOKENS)
      .map(([role, secret]) => `${role}-1:${role}:${secret}`)
      .join(','),
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    CHATBOT_WEBHOOK_SECRET: CHATBOT_SECRET,
    ...env,
  });
}

export async function startTestDesk(options: TestDeskOptions): Promise<TestDesk> {
  const config = testConfig(options.env);
  const clock = new TestClock(new Date(options.now));
  const logger = createLogger(config.logLevel, 'test');
  const runtime = await openRuntime(config, { name: 'test', now: clock.now, logger });
  const workers: RunningWorker[] = [];

  return {
    config,
    runtime,
    app: createApp(runtime),
    clock,
    startWorker() {
      const worker = startWorker(runtime);
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      // A block of request numbers reserved in the background would write
      // its counter again after the drop and leave the database behind.
      await runtime.store.requestNumbers.settled();
      await runtime.store.conn.dropDatabase();
      await deleteKeys(runtime, `${config.queuePrefix}:*`);
      await runtime.close();
    },
  };
}

/** Removes this desk's Redis keys, the way a flush would, and only those. */
export async function deleteKeys(runtime: Runtime, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;

  do {
    const [next, keys] = await runtime.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await runtime.redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');

  return deleted;
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
