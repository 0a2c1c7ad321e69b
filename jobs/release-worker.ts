import { Worker, type ConnectionOptions } from 'bullmq';

import { QUEUE_NAMES, type ReleasePayload } from '../src/queue/names';
import { releaseRequest } from '../src/desk/release-request';
import type { Runtime } from '../src/runtime';

/** Releases off-hours requests at the opening; thin, the rule lives in src/desk. */
export function startReleaseWorker(runtime: Runtime, connection: ConnectionOptions) {
  return new Worker<ReleasePayload>(
    QUEUE_NAMES.release,
    async (job) => {
      const { requestId } = job.data;
      const deps = { models: runtime.store, leases: runtime.store.leases };
      const clock = await releaseRequest(deps, requestId, runtime.now());
      if (!clock) return { released: false };

      runtime.logger.info({ requestId }, 'request released at opening');
      await runtime.clocks.arm(requestId, 'registration', clock);
      await runtime.events.publish({
        type: 'request.updated',
        at: runtime.now().toISOString(),
        requestId,
        data: { status: 'new' },
      });
      return { released: true };
    },
    { connection, prefix: runtime.config.queuePrefix, concurrency: 4 },
  );
}
