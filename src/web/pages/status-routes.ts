import { Router, type Request, type Response } from 'express';

import type { WebDeps } from '../deps';
import { statusLookupLimiter } from '../session/sign-in-limit';
import { clientStrings } from './client-strings';
import { participantStatus, type StatusView } from './status-view';

/**
 * `/status`: a participant looks up their request by its number and the
 * short code sent with it (or follows the link in the registration notice,
 * which carries both). A wrong pair answers 404 with the same words as an
 * unknown number, and failed look-ups are rate-limited per address.
 */
export function statusRoutes(deps: WebDeps): Router {
  const router = Router();
  const limiter = statusLookupLimiter(deps);

  const lookup = (req: Request) =>
    participantStatus(deps.store, deps.statusCodes, req.query.number, req.query.code);

  function noStore(res: Response) {
    // The address carries the code: keep the page out of shared caches.
    res.set('Cache-Control', 'no-store');
  }

  router.get(
    '/status',
    async (req, res, next) => {
      if (req.query.number === undefined && req.query.code === undefined) {
        return res.render('status-form', { title: req.t('statusPage.title') });
      }
      return limiter(req, res, next);
    },
    async (req, res) => {
      noStore(res);
      const view = await lookup(req);
      const number = typeof req.query.number === 'string' ? req.query.number.slice(0, 20) : '';

      if (!view) {
        return res.status(404).render('status-form', {
          title: req.t('statusPage.title'),
          notFound: true,
          number,
        });
      }

      return res.render('status', {
        title: req.t('statusPage.heading', { number: view.number }),
        view,
        code: String(req.query.code).trim().toUpperCase(),
        strings: clientStrings(req, 'live', 'statusPage'),
        scripts: ['/socket.io/socket.io.min.js', '/static/live-common.js', '/static/status.js'],
      });
    },
  );

  router.get('/status/panel', limiter, async (req, res) => {
    noStore(res);
    const view: StatusView | null = await lookup(req);
    if (!view) return res.status(404).end();

    return res.render('fragments/status-panel', { layout: false, view });
  });

  return router;
}
