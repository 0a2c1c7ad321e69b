import { Router } from 'express';
import { z } from 'zod';

import type { IncidentDoc } from '../../store/incident-model';
import { incidentAllowedActions } from '../../domain/workflow/transitions';
import { ValidationError } from '../../errors';
import { instantField, parseBody, requiredText, text } from '../../intake/fields';
import { requireRole } from '../auth';
import { clockReader } from '../../desk/clock-reader';
import type { WebDeps } from '../deps';
import { instantView, requestView } from '../request-view';

const confirmSchema = z
  .object({ plannedFixAt: instantField, note: text(2000).optional() })
  .strict();
const refuteSchema = z.object({ explanation: requiredText(4000) }).strict();
const eliminateSchema = z.object({ note: text(2000).optional() }).strict();
const emptySchema = z.object({}).strict();

/** The portal administrator's decisions on a failure (clause 15.4–15.5). */
export function incidentRoutes(deps: WebDeps): Router {
  const router = Router();
  const { zone } = deps.config;
  const admin = requireRole('admin');

  async function view(incident: IncidentDoc) {
    const requests = await deps.store.requests.find({ incidentId: incident._id }).lean();
    const read = await clockReader(deps, deps.now());
    return {
      id: String(incident._id),
      number: incident.number,
      title: incident.title,
      status: incident.status,
      allowedActions: incidentAllowedActions(incident.status),
      createdAt: instantView(incident.createdAt, zone),
      plannedFixAt: instantView(incident.plannedFixAt, zone),
      explanation: incident.explanation,
      note: incident.note,
      confirmedAt: instantView(incident.confirmedAt, zone),
      refutedAt: instantView(incident.refutedAt, zone),
      fixStartedAt: instantView(incident.fixStartedAt, zone),
      eliminatedAt: instantView(incident.eliminatedAt, zone),
      history: incident.history.map((h) => ({ ...h, at: instantView(h.at, zone) })),
      requests: requests.map((r) => requestView(r, zone, read)),
    };
  }

  router.get('/', async (_req, res) => {
    const open = await deps.store.incidents.find().sort({ createdAt: -1 }).limit(200).lean();
    res.json({ items: await Promise.all(open.map(view)) });
  });

  router.get('/:id', async (req, res) => {
    res.json(await view(await deps.incidents.find(req.params.id)));
  });

  router.post('/:id/confirm', admin, async (req, res) => {
    const input = parseBody(confirmSchema, req.body ?? {});
    if (input.plannedFixAt.getTime() <= deps.now().getTime()) {
      throw new ValidationError(
        'PLANNED_FIX_IN_PAST',
        'plannedFixAt must be in the future',
        'plannedFixAt',
      );
    }

    const incident = await deps.incidents.decide(
      String(req.params.id),
      'confirm',
      req.actor!.name,
      input,
    );
    res.json(await view(incident));
  });

  router.post('/:id/refute', admin, async (req, res) => {
    const input = parseBody(refuteSchema, req.body ?? {});
    const incident = await deps.incidents.decide(
      String(req.params.id),
      'refute',
      req.actor!.name,
      input,
    );
    res.json(await view(incident));
  });

  router.post('/:id/start-fix', admin, async (req, res) => {
    parseBody(emptySchema, req.body ?? {});
    const incident = await deps.incidents.decide(
      String(req.params.id),
      'start-fix',
      req.actor!.name,
      {},
    );
    res.json(await view(incident));
  });

  router.post('/:id/eliminate', admin, async (req, res) => {
    const input = parseBody(eliminateSchema, req.body ?? {});
    const incident = await deps.incidents.decide(
      String(req.params.id),
      'eliminate',
      req.actor!.name,
      input,
    );
    res.json(await view(incident));
  });

  return router;
}
