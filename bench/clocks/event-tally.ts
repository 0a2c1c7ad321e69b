import { Redis } from 'ioredis';

import { subscribeEvents, type DeskEvent } from '../../src/queue/event-bus';
import { thresholdKey } from '../lib/clock-fleet';

/**
 * Listens to the desk's own event bus for clock warnings and breaches and
 * keeps, per threshold, how often it was announced and how late: the
 * event's `at` (when the worker recorded it) minus the threshold's true
 * instant.
 */
export class EventTally {
  readonly seen = new Map<string, number>();
  readonly warningLateMs: number[] = [];
  readonly breachLateMs: number[] = [];
  unexpected = 0;

  private constructor(
    private readonly redis: Redis,
    private readonly expected: Map<string, number>,
  ) {}

  static async start(redisUrl: string, prefix: string, expected: Map<string, number>) {
    const tally = new EventTally(new Redis(redisUrl), expected);
    await subscribeEvents(tally.redis, prefix, (event) => tally.hear(event));
    return tally;
  }

  get announced(): number {
    return this.seen.size;
  }

  get doubled(): number {
    return [...this.seen.values()].filter((count) => count > 1).length;
  }

  missing(): string[] {
    return [...this.expected.keys()].filter((key) => !this.seen.has(key));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private hear(event: DeskEvent): void {
    if (event.type !== 'clock.warning' && event.type !== 'clock.breached') return;

    const data = event.data as { clock: string; fraction: number; thresholdAt: string };
    const key = thresholdKey(event.requestId!, data.clock, data.fraction);
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    if (count > 1) return;

    const trueAtMs = this.expected.get(key);
    if (trueAtMs === undefined || trueAtMs !== Date.parse(data.thresholdAt)) this.unexpected += 1;

    const lateMs = Date.parse(event.at) - Date.parse(data.thresholdAt);
    (event.type === 'clock.breached' ? this.breachLateMs : this.warningLateMs).push(lateMs);
  }
}
