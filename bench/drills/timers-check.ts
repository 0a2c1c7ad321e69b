import type { Queue } from 'bullmq';

import { clockJobId, clockPayloads } from '../../src/queue/clock-queue';
import { releaseJobId } from '../../src/queue/release-queue';
import type { Runtime } from '../../src/runtime';

/**
 * Whether every request in MongoDB has its timers in Redis: the release
 * at the opening for a queued one (its clock's timers are armed when it is
 * released), each pending warning and deadline of its registration clock
 * for any other. Job ids are deterministic, so each is looked up by id.
 */
export async function unarmedRequests(runtime: Runtime): Promise<string[]> {
  const unarmed: string[] = [];
  const docs = await runtime.store.requests.find({}, { status: 1, clocks: 1 }).lean();

  for (const doc of docs) {
    const id = String(doc._id);
    const clock = doc.clocks.registration;
    const ids: Array<[Queue, string]> = [];

    if (doc.status === 'queued') {
      ids.push([runtime.releases.queue, releaseJobId(id, clock.startedAt.getTime())]);
    } else {
      const thresholds = await runtime.clocks.pendingThresholds('registration', clock);
      for (const payload of clockPayloads(id, 'registration', clock, thresholds)) {
        ids.push([runtime.clockQueue.queue, clockJobId(payload)]);
      }
    }

    for (const [queue, jobId] of ids) {
      if (!(await queue.getJob(jobId))) {
        unarmed.push(id);
        break;
      }
    }
  }
  return unarmed;
}
