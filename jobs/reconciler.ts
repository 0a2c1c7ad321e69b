import { queuedRequests, releaseRequest } from '../src/desk/release-request';
import { requeuePendingNotices } from '../src/notify/notices';
import type { Runtime } from '../src/runtime';

/**
 * MongoDB is the record; Redis only holds timers. On start and then
 * periodically the reconciler re-arms every timer the record implies and
 * carries out any whose moment passed while no timer was there (Redis
 * flushed, worker down), so no deadline is lost.
 */
export interface ReconcileResult {
  released: number;
  armed: number;
  clocksRecorded: number;
  clocksArmed: number;
  requestsFollowed: number;
  outboxesFlushed: number;
  noticesRequeued: number;
}

export async function reconcile(runtime: Runtime): Promise<ReconcileResult> {
  const released = await reconcileReleases(runtime);
  const clocks = await runtime.clocks.reconcile();

  let requestsFollowed = 0;
  for (const incident of await runtime.incidents.decided()) {
    requestsFollowed += await runtime.incidents.followAll(incident);
  }

  const outboxesFlushed = await runtime.outbox.flushAll();
  const notices = await requeuePendingNotices(
    { notices: runtime.store.notices, queue: runtime.noticeQueue },
    runtime.now(),
  );

  return {
    ...released,
    clocksRecorded: clocks.recorded,
    clocksArmed: clocks.armed,
    requestsFollowed,
    outboxesFlushed,
    noticesRequeued: notices.requeued,
  };
}

async function reconcileReleases(runtime: Runtime) {
  const now = runtime.now();
  const { due, waiting } = await queuedRequests(runtime.store, now);
  const deps = { models: runtime.store, leases: runtime.store.leases };
  let released = 0;

  // Their clocks' timers are armed by the clock pass that follows.
  for (const request of due) {
    if (await releaseRequest(deps, request.id, now)) released += 1;
  }

  for (const request of waiting) {
    await runtime.releases.schedule(request.id, request.opensAt, now);
  }

  return { released, armed: waiting.length };
}

export function startReconciler(runtime: Runtime, everyMs: number): () => void {
  let running = false;

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await reconcile(runtime);
      const repaired = result.released + result.clocksRecorded + result.requestsFollowed;
      if (repaired > 0) runtime.logger.warn(result, 'reconciler caught up on missed work');
    } catch (err) {
      runtime.logger.error({ err }, 'reconcile failed; next pass will retry');
    } finally {
      running = false;
    }
  };

  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  return () => clearInterval(timer);
}
