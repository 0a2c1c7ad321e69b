import { Router } from 'express';

import { astanaText } from '../../i18n/astana-time';
import { instantView } from '../request-view';
import type { WebDeps } from '../deps';
import { PortalNotices } from './portal-notices';

/**
 * The public side of clause 14: `/notices` for people and `/notices.json`
 * for the portal and anyone else to embed. Both list only current notices
 * and never who published them.
 */
export function noticeRoutes(deps: WebDeps): Router {
  const router = Router();
  const notices = new PortalNotices(deps.store, deps.now);
  const { zone } = deps.config;

  router.get('/notices.json', async (_req, res) => {
    const current = await notices.current();

    res.set('Cache-Control', 'public, max-age=60');
    res.json({
      generatedAt: instantView(deps.now(), zone),
      items: current.map((n) => ({
        id: String(n._id),
        kind: n.kind,
        title: n.title,
        body: n.body,
        publishedAt: instantView(n.publishedAt, zone),
        plannedFixAt: instantView(n.plannedFixAt, zone),
        startsAt: instantView(n.startsAt, zone),
        endsAt: instantView(n.endsAt, zone),
        // The same instants as people read them on the page.
        display: {
          publishedAt: astanaText(n.publishedAt, zone),
          plannedFixAt: astanaText(n.plannedFixAt, zone) || null,
          startsAt: astanaText(n.startsAt, zone) || null,
          endsAt: astanaText(n.endsAt, zone) || null,
        },
      })),
    });
  });

  router.get('/notices', async (req, res) => {
    res.render('notices', { title: req.t('notices.title'), notices: await notices.current() });
  });

  return router;
}
