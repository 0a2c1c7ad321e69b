import { Worker, type ConnectionOptions } from 'bullmq';

import { QUEUE_NAMES, type ClockPayload } from '../src/queue/names';
import type { Runtime } from '../src/runtime';

/**
 * Announces a clock's warning or deadline when its timer fires, and writes
 * it into the request from a queue of its own; thin, the rule is in src/desk.
 * Announcing is a Redis script, so many run at once; records take leases on
 * the store and go a few at a time.
 */
export function startClockWorkers(runtime: Runtime, connection: ConnectionOptions): Worker[] {
  const options = { connection, prefix: runtime.config.queuePrefix };

  return [
    new Worker<ClockPayload>(
      QUEUE_NAMES.clocks,
      async (job) => {
        await runtime.clocks.onTimer(job.data);
        return { outcome: 'announced' };
      },
      { ...options, concurrency: 64 },
    ),
    new Worker<ClockPayload>(
      QUEUE_NAMES.clockRecords,
      async (job) => ({ outcome: await runtime.clocks.recordTimer(job.data) }),
      { ...options, concurrency: 4 },
    ),
  ];
}
