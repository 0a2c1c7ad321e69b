import type { Redis } from 'ioredis';

import type { Config } from '../config';
import type { CalendarService } from '../desk/calendar-service';
import type { IncidentService } from '../desk/incident-service';
import type { OperatorActions } from '../desk/operator-actions';
import type { IntakeService } from '../intake/intake-service';
import type { Logger } from '../logger';
import type { Store } from '../store';

/** What the web process is built from, once, at start. */
export interface WebDeps {
  config: Readonly<Config>;
  store: Store;
  redis: Redis;
  calendars: CalendarService;
  intake: IntakeService;
  operators: OperatorActions;
  incidents: IncidentService;
  logger: Logger;
  now: () => Date;
}
