import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response, Router } from 'express';

import type { WebDeps } from '../deps';

/**
 * The desk's BullMQ queues in bull-board, read-only: supervisors watch
 * timers and deliveries here; retrying or removing jobs is the worker's
 * reconciler's business, not a person's.
 */
export const QUEUES_PATH = '/supervisor/queues';

type BoardAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

export function queueBoard(
  deps: Pick<WebDeps, 'releases' | 'clockQueue' | 'noticeQueue'>,
): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUES_PATH);

  const { releases, clockQueue, noticeQueue } = deps;
  const queues = [releases.queue, clockQueue.queue, clockQueue.records, noticeQueue.queue];

  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    // @bull-board/express 9.10.1 pins its own copy of the api package; the
    // adapter's shape is the same, only the declarations are distinct.
    serverAdapter: serverAdapter as unknown as BoardAdapter,
    options: { uiConfig: { boardTitle: 'Incident desk queues' } },
  });

  return serverAdapter.getRouter() as Router;
}

/** bull-board's page sets inline styles; its scripts still come from this site only. */
export function boardPolicy(_req: Request, res: Response, next: NextFunction) {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
      "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'",
  );
  next();
}
