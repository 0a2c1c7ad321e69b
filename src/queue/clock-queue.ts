import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

import type { ClockRecord, Threshold } from '../domain/workflow/clocks';
import { leaveToConnection } from './connection';
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

/**
 * Two queues: the timers themselves, and the thresholds that fired and wait
 * to be written into their requests. A timer only announces; writing the
 * record takes the request's lease and may be slow, and a slow record must
 * not make the next timer late.
 */
export class ClockQueue {
  readonly queue: Queue<ClockPayload>;
  readonly records: Queue<ClockPayload>;

  constructor(
    private readonly connection: Redis,
    prefix: string,
  ) {
    this.queue = new Queue<ClockPayload>(QUEUE_NAMES.clocks, { connection, prefix });
    this.records = new Queue<ClockPayload>(QUEUE_NAMES.clockRecords, { connection, prefix });
    this.queue.on('error', leaveToConnection);
    this.records.on('error', leaveToConnection);
  }

  /** Queues a fired threshold for its record; once per threshold, however often asked. */
  async recordLater(payload: ClockPayload): Promise<void> {
    await this.records.add(payload.kind, payload, {
      jobId: `record-${clockJobId(payload)}`,
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
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

  /**
   * Arms only the timers Redis does not hold, and says how many. BullMQ
   * would skip a known job id too, but only after building the job and
   * running its script; the reconciler asks this of every open request on
   * each pass, and a pass that finds everything in place should cost a
   * count of its keys, not a job's worth of garbage per timer.
   */
  async armMissing(payloads: ClockPayload[], now: Date): Promise<number> {
    if (payloads.length === 0) return 0;

    // One count for the whole batch settles the usual case, all in place;
    // only a batch with a gap is asked key by key.
    const keys = payloads.map((payload) => this.queue.toKey(clockJobId(payload)));
    if ((await this.connection.exists(...keys)) === keys.length) return 0;

    const check = this.connection.pipeline();
    for (const key of keys) check.exists(key);
    const answers = (await check.exec()) ?? [];

    const missing = payloads.filter((_, i) => {
      const [err, found] = answers[i] ?? [new Error('no answer'), 0];
      if (err) throw err;
      return found === 0;
    });
    if (missing.length > 0) await this.arm(missing, now);
    return missing.length;
  }

  /**
   * True while a threshold's timer or its record is still on its way: the
   * reconciler leaves it to them rather than writing it a second time.
   */
  async inFlight(payload: ClockPayload): Promise<boolean> {
    const jobs = await Promise.all([
      this.queue.getJob(clockJobId(payload)),
      this.records.getJob(`record-${clockJobId(payload)}`),
    ]);

    // A job not finished is waiting, running or retrying; a finished one
    // (done, or failed for good) leaves the threshold to the reconciler.
    return jobs.some((job) => job !== undefined && !job.finishedOn);
  }

  /** Removes pending timers; one already running finds the clock stopped and does nothing. */
  async disarm(payloads: ClockPayload[]): Promise<void> {
    await Promise.all(payloads.map((data) => this.queue.remove(clockJobId(data))));
  }

  async close(): Promise<void> {
    await Promise.all([this.queue.close(), this.records.close()]);
  }
}
