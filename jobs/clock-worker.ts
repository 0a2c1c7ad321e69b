import { Worker, type ConnectionOptions } from 'bullmq';

import { QUEUE_NAMES, type ClockPayload } from '../src/queue/names';
import type { Runtime } from '../src/runtime';

/** Records a clock's warning or deadline when its timer fires; thin, the rule is in src/desk. */
export function startClockWorker(runtime: Runtime, connection: ConnectionOptions) {
  return new Worker<ClockPayload>(
    QUEUE_NAMES.clocks,
    async (job) => ({ outcome: await runtime.clocks.onTimer(job.data) }),
    { connection, prefix: runtime.config.queuePrefix, concurrency: 8 },
  );
}
