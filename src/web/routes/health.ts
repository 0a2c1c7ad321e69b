import { Router } from 'express';

import type { WebDeps } from '../deps';

const PROBE_TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
  });

  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** 200 when MongoDB and Redis both answer, 503 when either does not. */
export function healthRoutes(deps: WebDeps): Router {
  const router = Router();

  router.get('/healthz', async (_req, res) => {
    const [mongodb, redis] = await Promise.all([
      probe(() => deps.store.ping()),
      probe(() => deps.redis.ping()),
    ]);
    const ok = mongodb === 'up' && redis === 'up';

    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', mongodb, redis });
  });

  return router;
}
