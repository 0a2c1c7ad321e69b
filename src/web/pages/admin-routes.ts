import { Router, type Request } from 'express';

import { clockReader } from '../../desk/clock-reader';
import type { Decision } from '../../desk/incident-service';
import type { IncidentAction } from '../../domain/workflow/transitions';
import { astanaText, parseAstanaInput } from '../../i18n/astana-time';
import { ValidationError } from '../../errors';
import type { WebDeps } from '../deps';
import { mayAccess, requireArea } from '../session/access';
import { openIncidents } from './admin-console';
import { clientStrings } from './client-strings';
import { field, formAction } from './form-action';
import { PortalNotices } from './portal-notices';

/**
 * The portal administrator's console: decisions on open incidents through
 * the incident service (clause 15.4–15.5), and the portal notices of
 * clause 14. Administrators and supervisors act; auditors read.
 */
export function adminRoutes(deps: WebDeps): Router {
  const router = Router();
  const read = requireArea('admin', 'read');
  const act = requireArea('admin', 'act');
  const notices = new PortalNotices(deps.store, deps.now);
  const { zone } = deps.config;

  const actor = (req: Request) => req.session.user!.username;

  async function model(req: Request) {
    const read = await clockReader(deps, deps.now());
    const [incidents, current] = await Promise.all([
      openIncidents(deps.store, read),
      notices.current(),
    ]);
    return {
      incidents,
      notices: current,
      canAct: mayAccess(req.session.user, 'admin', 'act'),
      // A sample of the format the time fields take: tomorrow at this hour.
      example: astanaText(new Date(deps.now().getTime() + 24 * 3600 * 1000), zone),
    };
  }

  router.get('/admin', read, async (req, res) => {
    res.render('admin', {
      title: req.t('admin.title'),
      admin: await model(req),
      serverNowMs: deps.now().getTime(),
      strings: clientStrings(req, 'countdown', 'live'),
      scripts: ['/socket.io/socket.io.min.js', '/static/live-common.js', '/static/admin.js'],
    });
  });

  router.get('/admin/panel', read, async (req, res) => {
    res.set('x-server-now', String(deps.now().getTime()));
    res.render('fragments/admin-panel', { layout: false, admin: await model(req) });
  });

  const back = () => '/admin';

  function decide(action: IncidentAction, input: (req: Request) => Decision) {
    return formAction(back, async (req) => {
      await deps.incidents.decide(String(req.params.id), action, actor(req), input(req));
      return { kind: 'ok', key: `flash.${action}` };
    });
  }

  router.post(
    '/admin/incidents/:id/confirm',
    act,
    decide('confirm', (req) => {
      const plannedFixAt = parseAstanaInput(field(req, 'plannedFixAt'), zone);
      if (!plannedFixAt) {
        throw new ValidationError(
          'PLANNED_FIX_REQUIRED',
          'plannedFixAt is required',
          'plannedFixAt',
        );
      }
      if (plannedFixAt.getTime() <= deps.now().getTime()) {
        throw new ValidationError(
          'PLANNED_FIX_IN_PAST',
          'plannedFixAt must be in the future',
          'plannedFixAt',
        );
      }
      return { plannedFixAt, note: field(req, 'note').trim().slice(0, 2000) || null };
    }),
  );

  router.post(
    '/admin/incidents/:id/refute',
    act,
    decide('refute', (req) => {
      const explanation = field(req, 'explanation').trim();
      if (!explanation) {
        throw new ValidationError(
          'EXPLANATION_REQUIRED',
          'explanation is required',
          'explanation',
        );
      }
      return { explanation: explanation.slice(0, 4000) };
    }),
  );

  router.post(
    '/admin/incidents/:id/start-fix',
    act,
    decide('start-fix', () => ({})),
  );

  router.post(
    '/admin/incidents/:id/eliminate',
    act,
    decide('eliminate', (req) => ({
      note: field(req, 'note').trim().slice(0, 2000) || null,
    })),
  );

  router.post(
    '/admin/notices',
    act,
    formAction(back, async (req) => {
      await notices.publish(
        {
          kind: field(req, 'kind'),
          title: field(req, 'title'),
          body: field(req, 'body'),
          plannedFixAt: parseAstanaInput(field(req, 'plannedFixAt'), zone),
          startsAt: parseAstanaInput(field(req, 'startsAt'), zone),
          endsAt: parseAstanaInput(field(req, 'endsAt'), zone),
        },
        actor(req),
      );
      return { kind: 'ok', key: 'flash.noticePublished' };
    }),
  );

  router.post(
    '/admin/notices/:id/withdraw',
    act,
    formAction(back, async (req) => {
      await notices.withdraw(String(req.params.id), actor(req));
      return { kind: 'ok', key: 'flash.noticeWithdrawn' };
    }),
  );

  return router;
}
