import { Queue, type ConnectionOptions } from 'bullmq';

import { leaveToConnection } from '../queue/connection';
import { QUEUE_NAMES } from '../queue/names';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings } from './notice-settings';

/**
 * Delivery jobs on the `notices` queue, one per notice. The job id names
 * the notice, so queueing a notice twice queues it once; the record of what
 * must be sent is the outbox in MongoDB, not this queue.
 */
export interface NoticePayload {
  noticeId: string;
}

export function noticeJobId(noticeId: string): string {
  return `notice-${noticeId}`;
}

export class EnqueueTimeoutError extends Error {
  readonly code = 'ENQUEUE_TIMEOUT';

  constructor(timeoutMs: number) {
    super(`Redis did not take the job within ${timeoutMs} ms`);
    this.name = 'EnqueueTimeoutError';
  }
}

type QueueSettings = Pick<NoticeSettings, 'attempts' | 'backoffMs' | 'enqueueTimeoutMs'>;

export class NoticeQueue {
  readonly queue: Queue<NoticePayload>;

  /**
   * `onError` hears the queue's connection errors; by default they are
   * left to the connection's own listener (the runtime logs Redis errors).
   */
  constructor(
    connection: ConnectionOptions,
    prefix: string,
    private readonly settings: QueueSettings = DEFAULT_NOTICE_SETTINGS,
    onError: (err: Error) => void = leaveToConnection,
  ) {
    this.queue = new Queue<NoticePayload>(QUEUE_NAMES.notices, { connection, prefix });
    this.queue.on('error', onError);
  }

  /** Adds the notice's job unless it is already there. */
  async enqueue(noticeId: string): Promise<void> {
    await this.withinTimeout(
      this.queue.add(
        'deliver',
        { noticeId },
        {
          jobId: noticeJobId(noticeId),
          attempts: this.settings.attempts,
          backoff: { type: 'exponential', delay: this.settings.backoffMs },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      ),
    );
  }

  /**
   * Enqueues again a notice whose job is gone or finished. A finished job
   * keeps its id, and BullMQ ignores an add under a taken id, so a job that
   * gave up (retries spent on a busy lease, stalled too often) is removed
   * first. One still waiting or running is left alone. True when re-added.
   */
  async requeue(noticeId: string): Promise<boolean> {
    const job = await this.withinTimeout(this.queue.getJob(noticeJobId(noticeId)));

    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'failed') return false;
      await job.remove();
    }

    await this.enqueue(noticeId);
    return true;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }

  /**
   * While Redis is away BullMQ waits for it rather than failing, so a caller
   * would hang. Past the limit we give up: the notice stays pending in
   * MongoDB for the reconciler. The abandoned call may still land later,
   * which is harmless under the same job id, or fail, which is already
   * accounted for; either way its outcome is dropped here.
   */
  private async withinTimeout<T>(work: Promise<T>): Promise<T> {
    const timeoutMs = this.settings.enqueueTimeoutMs;
    let timer: NodeJS.Timeout | undefined;

    work.catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EnqueueTimeoutError(timeoutMs)), timeoutMs);
    });

    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
