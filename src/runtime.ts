import fs from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';

import { calendarDays, loadReviewedCalendar } from './calendar-seed';
import { runtimeTzVersion, type Config } from './config';
import { CalendarService } from './desk/calendar-service';
import { ClockService } from './desk/clock-service';
import { IncidentService } from './desk/incident-service';
import { NoticeOutbox } from './desk/notice-outbox';
import { OperatorActions } from './desk/operator-actions';
import { RequestSteps } from './desk/workflow-service';
import { createNoticeQueuer, NoticeQueue } from './notify/wiring';
import { assertTimeZoneData, type DayEntry } from './domain/calendar';
import { IntakeService } from './intake/intake-service';
import { createLogger, type Logger } from './logger';
import { producerConnection } from './queue/connection';
import { RedisEventPublisher, type EventPublisher } from './queue/event-bus';
import { ClockQueue } from './queue/clock-queue';
import { ReleaseQueue } from './queue/release-queue';
import { createRecords, type Records } from './records';
import { openStore, type Store } from './store';
import { siteSecret, StatusCodes } from './store/site-secrets';

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
  clockQueue: ClockQueue;
  noticeQueue: NoticeQueue;
  events: EventPublisher;
  intake: IntakeService;
  clocks: ClockService;
  outbox: NoticeOutbox;
  steps: RequestSteps;
  incidents: IncidentService;
  operators: OperatorActions;
  records: Records;
  /** Shared by every web process: the session signing key and participants' status codes. */
  sessionKey: string;
  statusCodes: StatusCodes;
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
  const sessionKey = await siteSecret(store.siteSecrets, 'session');
  const statusCodes = new StatusCodes(await siteSecret(store.siteSecrets, 'status-code'));
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
  const clockQueue = new ClockQueue(redis, config.queuePrefix);
  const clocks = new ClockService({ config, store, calendars, clockQueue, events, logger, now });
  const intake = new IntakeService({
    config,
    models: store,
    leases: store.leases,
    requestNumbers: store.requestNumbers,
    calendars,
    clocks,
    releases,
    events,
    logger,
    now,
  });
  calendars.onChange(() => clocks.recomputeDeadlines());

  const noticeQueue = new NoticeQueue(redis, config.queuePrefix);
  const queueNotices = createNoticeQueuer({ config, store, noticeQueue, logger });
  const outbox = new NoticeOutbox(store, queueNotices, logger, now);

  const workflow = { store, clocks, outbox, events, logger, zone: config.zone, now };
  const steps = new RequestSteps(workflow);
  const incidents = new IncidentService({ ...workflow, steps });
  // The registration notice's link opens the participant's status page directly.
  const operators = new OperatorActions(store, store.leases, steps, incidents, now, (request) => {
    const url = new URL('/status', config.publicUrl);
    url.searchParams.set('number', request.number);
    url.searchParams.set('code', statusCodes.codeFor(String(request._id)));
    return url.toString();
  });

  const records = createRecords({ store, now, rootDir: config.rootDir });

  return {
    config,
    logger,
    store,
    redis,
    calendars,
    releases,
    clockQueue,
    noticeQueue,
    events,
    intake,
    clocks,
    outbox,
    steps,
    incidents,
    operators,
    records,
    sessionKey,
    statusCodes,
    now,
    async close() {
      await releases.close();
      await clockQueue.close();
      await noticeQueue.close();
      redis.disconnect();
      await store.close();
    },
  };
}
