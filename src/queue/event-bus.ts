import type { Redis } from 'ioredis';

/**
 * Every change on the desk is also an event, published on Redis so that
 * every web process (their live screens) and the worker hear it. Events
 * are news, not the record: a screen that missed one reloads from MongoDB.
 */
export const EVENT_TYPES = [
  'request.created',
  'request.updated',
  'request.message',
  'incident.updated',
  'clock.warning',
  'clock.breached',
  'notice.sent',
  'notice.failed',
  'notice.at-risk',
  'calendar.changed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface DeskEvent {
  type: EventType;
  at: string;
  requestId?: string;
  incidentId?: string;
  data?: Record<string, unknown>;
}

export interface EventPublisher {
  publish(event: DeskEvent): Promise<void>;
}

export function eventChannel(prefix: string): string {
  return `${prefix}:events`;
}

export class RedisEventPublisher implements EventPublisher {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (err: unknown, event: DeskEvent) => void,
  ) {}

  async publish(event: DeskEvent): Promise<void> {
    try {
      await this.redis.publish(eventChannel(this.prefix), JSON.stringify(event));
    } catch (err) {
      this.onError(err, event);
    }
  }
}

/** Subscribes on a connection of its own, as Redis requires of subscribers. */
export async function subscribeEvents(
  redis: Redis,
  prefix: string,
  listener: (event: DeskEvent) => void,
): Promise<() => Promise<void>> {
  const channel = eventChannel(prefix);

  redis.on('message', (from: string, raw: string) => {
    if (from !== channel) return;
    listener(JSON.parse(raw) as DeskEvent);
  });
  await redis.subscribe(channel);

  return async () => {
    await redis.unsubscribe(channel);
  };
}
