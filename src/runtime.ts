import fs from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';

import { calendarDays, loadReviewedCalendar } from './calendar-seed';
import { runtimeTzVersion, type Config } from './config';
import { CalendarService } from './desk/calendar-service';
import { assertTimeZoneData, type DayEntry } from './domain/calendar';
import { IntakeService } from './intake/intake-service';
import { createLogger, type Logger } from './logger';
import { producerConnection } from './queue/connection';
import { RedisEventPublisher, type EventPublisher } from './queue/event-bus';
import { ReleaseQueue } from './queue/release-queue';
import { openStore, type Store } from './store';

/**
 * The services a process is built from, made once at start and shared by
 * web and worker: the store, Redis, the calendars, the queues. Tests build
 * their own with a database and queue prefix of their own.
 */
export interface Runtime {
  config: Readonly<Config>;
  logger: Logger;
  store: Store;
  redis: Redis;
  calendars: CalendarService;
  releases: ReleaseQueue;
  events: EventPublisher;
  intake: IntakeService;
  now: () => Date;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  name: string;
  now?: () => Date;
  logger?: Logger;
}

/**
 * The web process starts even while Redis is away (intake keeps working and
 * the reconciler arms timers later), but gives it a moment to connect first.
 */
const REDIS_READY_WAIT_MS = 3000;

function untilReady(redis: Redis, waitMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();

  return new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    redis.once('ready', done);

    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
  });
}

/** Years outside the reviewed file are seeded from the holiday library. */
const SEEDED_YEARS = { from: 2020, to: 2035 };

export function loadBaseDays(rootDir: string): DayEntry[] {
  const file = path.join(rootDir, 'config', 'calendar', 'kz-2024-2027.json');
  const reviewed = loadReviewedCalendar(JSON.parse(fs.readFileSync(file, 'utf8')));
  const years = [];
  for (let year = SEEDED_YEARS.from; year <= SEEDED_YEARS.to; year += 1) years.push(year);

  return calendarDays(reviewed, years);
}

export async function openRuntime(
  config: Readonly<Config>,
  options: RuntimeOptions,
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel, options.name);
  const now = options.now ?? (() => new Date());

  // A fixed offset or old tz data would move every deadline by an hour.
  assertTimeZoneData(runtimeTzVersion(), config.zone);

  const store = await openStore(config.mongodbUri);
  const redis = producerConnection(config.redisUrl);
  redis.on('error', (err) => logger.debug({ err }, 'redis connection error'));
  await untilReady(redis, REDIS_READY_WAIT_MS);

  const releases = new ReleaseQueue(redis, config.queuePrefix);
  const events = new RedisEventPublisher(redis, config.queuePrefix, (err, event) =>
    logger.warn({ err, type: event.type, requestId: event.requestId }, 'event not published'),
  );
  const calendars = new CalendarService(store, {
    zone: config.zone,
    policy: config.slaPolicy,
    baseDays: loadBaseDays(config.rootDir),
    refreshMs: config.calendarRefreshSeconds * 1000,
    now,
  });
  const intake = new IntakeService({
    config,
    models: store,
    leases: store.leases,
    calendars,
    releases,
    events,
    logger,
    now,
  });

  return {
    config,
    logger,
    store,
    redis,
    calendars,
    releases,
    events,
    intake,
    now,
    async close() {
      await releases.close();
      redis.disconnect();
      await store.close();
    },
  };
}
