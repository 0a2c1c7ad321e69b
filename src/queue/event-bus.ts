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

/** Publishes an event at most once per key, however often it is asked to. */
export interface OnceEventPublisher {
  publishOnce(key: string, ttlSeconds: number, event: DeskEvent): Promise<boolean>;
}

// Marking and publishing in one script: no crash between the two can lose
// the event or let a retry publish it again.
const PUBLISH_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('PUBLISH', ARGV[2], ARGV[3])
  return 1
end
return 0
`;

export function eventChannel(prefix: string): string {
  return `${prefix}:events`;
}

export class RedisEventPublisher implements EventPublisher, OnceEventPublisher {
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

  /** False when the key was already used; throws when Redis is away, so the caller retries. */
  async publishOnce(key: string, ttlSeconds: number, event: DeskEvent): Promise<boolean> {
    const done = await this.redis.eval(
      PUBLISH_ONCE,
      1,
      `${this.prefix}:once:${key}`,
      ttlSeconds,
      eventChannel(this.prefix),
      JSON.stringify(event),
    );
    return done === 1;
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
