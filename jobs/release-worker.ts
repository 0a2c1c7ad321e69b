import { Worker, type ConnectionOptions } from 'bullmq';

import { QUEUE_NAMES, type ReleasePayload } from '../src/queue/names';
import { releaseRequest } from '../src/desk/release-request';
import type { Runtime } from '../src/runtime';

/** Releases off-hours requests at the opening; thin, the rule lives in src/desk. */
export function startReleaseWorker(runtime: Runtime, connection: ConnectionOptions) {
  return new Worker<ReleasePayload>(
    QUEUE_NAMES.release,
    async (job) => {
      const released = await releaseRequest(runtime.store, job.data.requestId, runtime.now());
      if (!released) return { released: false };

      runtime.logger.info({ requestId: job.data.requestId }, 'request released at opening');
      await runtime.events.publish({
        type: 'request.updated',
        at: runtime.now().toISOString(),
        requestId: job.data.requestId,
        data: { status: 'new' },
      });
      return { released: true };
    },
    { connection, prefix: runtime.config.queuePrefix, concurrency: 4 },
  );
}
