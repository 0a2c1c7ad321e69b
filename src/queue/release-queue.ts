import { Queue, type ConnectionOptions } from 'bullmq';

import { leaveToConnection } from './connection';
import { QUEUE_NAMES, type ReleasePayload } from './names';

/**
 * Holds off-hours requests until the next opening (clause 16). The job id
 * names the request and the instant, so scheduling twice schedules once,
 * and a release re-armed for another instant is a different job.
 */
export function releaseJobId(requestId: string, releaseAtMs: number): string {
  return `release-${requestId}-${releaseAtMs}`;
}

export class ReleaseQueue {
  readonly queue: Queue<ReleasePayload>;

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue<ReleasePayload>(QUEUE_NAMES.release, { connection, prefix });
    this.queue.on('error', leaveToConnection);
  }

  async schedule(requestId: string, releaseAt: Date, now: Date): Promise<void> {
    const releaseAtMs = releaseAt.getTime();

    await this.queue.add(
      'release',
      { requestId, releaseAtMs },
      {
        jobId: releaseJobId(requestId, releaseAtMs),
        delay: Math.max(0, releaseAtMs - now.getTime()),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
