import { Router, type Request } from 'express';

import { clockReader } from '../../desk/clock-reader';
import { ValidationError } from '../../errors';
import { requireArea, mayAccess } from '../session/access';
import type { WebDeps } from '../deps';
import { clientStrings } from './client-strings';
import { countdownView } from './countdown';
import { field, formAction } from './form-action';
import { filterOptions, loadQueue, loadRow, readFilters, type QueueRow } from './queue-view';
import { requestPage, findRequestDoc } from './request-page';
import { takeRequest } from './take-request';

/**
 * The operator dashboard: the live queue and the request page with its
 * steps. Pages and fragments are read by operators, supervisors and
 * auditors; the forms are for operators and supervisors.
 */
export function dashboardRoutes(deps: WebDeps): Router {
  const router = Router();
  const read = requireArea('dashboard', 'read');
  const act = requireArea('dashboard', 'act');

  const viewer = (req: Request) => req.session.user!.username;
  const clocksNow = () => clockReader(deps, deps.now());

  function rowView(req: Request, row: QueueRow) {
    return {
      ...row,
      countdown: row.clock && countdownView(row.clock, deps.now(), req.t),
      mine: row.assignee === viewer(req),
    };
  }

  router.get('/dashboard', read, async (req, res) => {
    const filters = readFilters(req.query);
    const rows = await loadQueue(deps.store, filters, viewer(req), await clocksNow());

    res.render('dashboard', {
      title: req.t('dashboard.title'),
      rows: rows.map((row) => rowView(req, row)),
      filters,
      options: filterOptions(),
      serverNowMs: deps.now().getTime(),
      strings: clientStrings(req, 'countdown', 'live'),
      scripts: ['/socket.io/socket.io.min.js', '/static/live-common.js', '/static/dashboard.js'],
    });
  });

  router.get('/dashboard/queue', read, async (req, res) => {
    const filters = readFilters(req.query);
    const rows = await loadQueue(deps.store, filters, viewer(req), await clocksNow());

    res.set('x-server-now', String(deps.now().getTime()));
    res.render('fragments/queue-rows', {
      layout: false,
      rows: rows.map((row) => rowView(req, row)),
    });
  });

  router.get('/dashboard/queue/:id', read, async (req, res) => {
    const id = String(req.params.id);
    if (!/^[0-9a-f]{24}$/i.test(id)) {
      throw new ValidationError('INVALID_ID', 'not a request id', 'id');
    }

    const filters = readFilters(req.query);
    const row = await loadRow(deps.store, id, filters, viewer(req), await clocksNow());
    if (!row) return res.status(204).end();

    res.set('x-server-now', String(deps.now().getTime()));
    return res.render('fragments/queue-row', { layout: false, ...rowView(req, row) });
  });

  async function pageModel(req: Request) {
    const id = String(req.params.id);
    const model = await requestPage(deps.store, id, viewer(req), await clocksNow());
    return { ...model, canAct: mayAccess(req.session.user, 'dashboard', 'act') };
  }

  router.get('/dashboard/requests/:id', read, async (req, res) => {
    const request = await pageModel(req);

    res.render('request', {
      title: req.t('request.title', { number: request.number }),
      request,
      serverNowMs: deps.now().getTime(),
      strings: clientStrings(req, 'countdown', 'live'),
      scripts: ['/socket.io/socket.io.min.js', '/static/live-common.js', '/static/request.js'],
    });
  });

  router.get('/dashboard/requests/:id/panel', read, async (req, res) => {
    res.render('fragments/request-panel', { layout: false, request: await pageModel(req) });
  });

  const back = (req: Request) => `/dashboard/requests/${String(req.params.id)}`;
  const idOf = async (req: Request) =>
    String((await findRequestDoc(deps.store, String(req.params.id)))._id);

  router.post(
    '/dashboard/requests/:id/take',
    act,
    formAction(back, async (req) => {
      await takeRequest(deps, await idOf(req), viewer(req));
      return { kind: 'ok', key: 'flash.taken' };
    }),
  );

  router.post(
    '/dashboard/requests/:id/register',
    act,
    formAction(back, async (req) => {
      await deps.operators.register(await idOf(req), viewer(req));
      return { kind: 'ok', key: 'flash.register' };
    }),
  );

  router.post(
    '/dashboard/requests/:id/analysis',
    act,
    formAction(back, async (req) => {
      const outcome = field(req, 'outcome');
      const findings = field(req, 'findings').trim();
      if (outcome !== 'failure' && outcome !== 'no-failure') {
        throw new ValidationError(
          'OUTCOME_REQUIRED',
          'outcome is failure or no-failure',
          'outcome',
        );
      }
      if (!findings) {
        throw new ValidationError('FINDINGS_REQUIRED', 'findings are required', 'findings');
      }

      await deps.operators.recordAnalysis(await idOf(req), viewer(req), {
        outcome,
        findings: findings.slice(0, 4000),
      });
      return { kind: 'ok', key: 'flash.analysis' };
    }),
  );

  router.post(
    '/dashboard/requests/:id/escalate',
    act,
    formAction(back, async (req) => {
      const incidentId = field(req, 'incidentId');
      await deps.operators.escalate(await idOf(req), viewer(req), incidentId || undefined);
      return { kind: 'ok', key: 'flash.escalate' };
    }),
  );

  return router;
}
