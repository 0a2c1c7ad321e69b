import { Queue, type ConnectionOptions } from 'bullmq';

import type { ClockRecord, Threshold } from '../domain/workflow/clocks';
import { QUEUE_NAMES, type ClockPayload } from './names';

/**
 * Timers for the clocks' warnings and deadlines. A job id names the
 * request, the clock, its occurrence, the threshold and the deadline it was
 * computed for: arming twice arms once, and a clock re-armed after a restart
 * or a calendar change gets new jobs that no old one can swallow.
 */
export function clockJobId(payload: ClockPayload): string {
  const threshold = `${payload.kind}${Math.round(payload.fraction * 100)}`;
  return [
    'clock',
    payload.requestId,
    payload.clock,
    payload.occurrence,
    threshold,
    payload.dueAtMs,
  ].join('-');
}

export function clockPayloads(
  requestId: string,
  clockName: string,
  clock: ClockRecord,
  thresholds: Threshold[],
): ClockPayload[] {
  return thresholds.map((threshold) => ({
    requestId,
    clock: clockName,
    occurrence: clock.occurrence,
    kind: threshold.kind,
    fraction: threshold.fraction,
    atMs: threshold.at.getTime(),
    dueAtMs: clock.dueAt.getTime(),
  }));
}

export class ClockQueue {
  readonly queue: Queue<ClockPayload>;

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue<ClockPayload>(QUEUE_NAMES.clocks, { connection, prefix });
  }

  async arm(payloads: ClockPayload[], now: Date): Promise<void> {
    await this.queue.addBulk(
      payloads.map((data) => ({
        name: data.kind,
        data,
        opts: {
          jobId: clockJobId(data),
          delay: Math.max(0, data.atMs - now.getTime()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /** Removes pending timers; one already running finds the clock stopped and does nothing. */
  async disarm(payloads: ClockPayload[]): Promise<void> {
    await Promise.all(payloads.map((data) => this.queue.remove(clockJobId(data))));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
