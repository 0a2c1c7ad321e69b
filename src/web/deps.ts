import type { Redis } from 'ioredis';

import type { Config } from '../config';
import type { CalendarService } from '../desk/calendar-service';
import type { IncidentService } from '../desk/incident-service';
import type { OperatorActions } from '../desk/operator-actions';
import type { IntakeService } from '../intake/intake-service';
import type { Logger } from '../logger';
import type { NoticeQueue } from '../notify/wiring';
import type { ClockQueue } from '../queue/clock-queue';
import type { EventPublisher } from '../queue/event-bus';
import type { ReleaseQueue } from '../queue/release-queue';
import type { Records } from '../records';
import type { Store } from '../store';
import type { StatusCodes } from '../store/site-secrets';

/** What the web process is built from, once, at start. */
export interface WebDeps {
  config: Readonly<Config>;
  store: Store;
  redis: Redis;
  calendars: CalendarService;
  intake: IntakeService;
  operators: OperatorActions;
  incidents: IncidentService;
  records: Records;
  events: EventPublisher;
  releases: ReleaseQueue;
  clockQueue: ClockQueue;
  noticeQueue: NoticeQueue;
  sessionKey: string;
  statusCodes: StatusCodes;
  logger: Logger;
  now: () => Date;
}
