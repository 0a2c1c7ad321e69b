import { Router } from 'express';
import { DateTime } from 'luxon';

import { formatAstana } from '../../domain/calendar';
import type { WebDeps } from '../deps';
import { requireArea } from '../session/access';

/** Instants on pages read as people write them in Kazakhstan: `04.12.2026 18:45`. */
export function displayTime(at: Date | null | undefined, zone: string): string {
  if (!at) return '';
  return DateTime.fromJSDate(new Date(at), { zone }).toFormat('dd.MM.yyyy HH:mm');
}

/**
 * The desk's front page: today's requests, so staff can see it working.
 * It names participants, so it is for signed-in staff only.
 */
export function pageRoutes(deps: WebDeps): Router {
  const router = Router();
  const { zone } = deps.config;

  router.get('/', requireArea('dashboard'), async (_req, res) => {
    const now = deps.now();
    const startOfDay = DateTime.fromJSDate(now, { zone }).startOf('day').toJSDate();

    // Today's arrivals, plus anything still waiting for an opening.
    const docs = await deps.store.requests
      .find({ $or: [{ receivedAt: { $gte: startOfDay } }, { status: 'queued' }] })
      .sort({ receivedAt: -1 })
      .limit(500)
      .lean();

    res.render('index', {
      title: 'Incident desk',
      today: DateTime.fromJSDate(now, { zone }).toFormat('dd.MM.yyyy'),
      now: formatAstana(now, zone),
      requests: docs.map((doc) => ({
        number: doc.number,
        channel: doc.channel,
        status: doc.status,
        name: doc.contact.name ?? '—',
        receivedAt: displayTime(doc.receivedAt, zone),
        registrationDueAt: displayTime(doc.clocks.registration?.dueAt, zone),
        registrationStartsAt: displayTime(doc.clocks.registration?.startedAt, zone),
        summary: doc.description.slice(0, 140),
      })),
    });
  });

  return router;
}
