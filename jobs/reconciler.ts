import { queuedRequests, releaseRequest } from '../src/desk/release-request';
import type { Runtime } from '../src/runtime';

/**
 * MongoDB is the record; Redis only holds timers. On start and then
 * periodically the reconciler re-arms every timer the record implies and
 * carries out any whose moment passed while no timer was there (Redis
 * flushed, worker down), so no deadline is lost.
 */
export async function reconcile(runtime: Runtime): Promise<{ released: number; armed: number }> {
  const now = runtime.now();
  const { due, waiting } = await queuedRequests(runtime.store, now);
  let released = 0;

  for (const request of due) {
    if (await releaseRequest(runtime.store, request.id, now)) released += 1;
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
      if (result.released > 0) runtime.logger.warn(result, 'reconciler released overdue requests');
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
