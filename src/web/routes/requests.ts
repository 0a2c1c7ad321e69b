import { Router } from 'express';
import { Types } from 'mongoose';

import { z } from 'zod';

import { isStatus, STATUSES } from '../../domain/workflow/statuses';
import { allowedActions } from '../../domain/workflow/transitions';
import { MAX_BACKDATE_DAYS, MAX_BACKDATE_MS, parseBody, requiredText } from '../../intake/fields';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { parseStaffRequest } from '../../intake/staff';
import type { RequestDoc } from '../../store/request-model';
import { requireRole } from '../auth';
import { clockReader } from '../../desk/clock-reader';
import type { WebDeps } from '../deps';
import { requestParticipantView } from '../record-views';
import { instantView, requestView } from '../request-view';

const NUMBER = /^\d{4}-\d{6}$/;

const emptySchema = z.object({}).strict();
const analysisSchema = z
  .object({ outcome: z.enum(['failure', 'no-failure']), findings: requiredText(4000) })
  .strict();
const escalateSchema = z.object({ incidentId: requiredText(40).optional() }).strict();
const LIST_LIMIT = 200;

/** `:id` is the request's database id or its human number (`2026-000123`). */
export async function findRequest(deps: WebDeps, id: string): Promise<RequestDoc> {
  const { requests } = deps.store;
  let doc: RequestDoc | null = null;

  if (Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id)) {
    doc = await requests.findById(id).lean();
  } else if (NUMBER.test(id)) {
    doc = await requests.findOne({ number: id }).lean();
  }

  if (!doc) throw new NotFoundError('Request', id);
  return doc;
}

export function requestRoutes(deps: WebDeps): Router {
  const router = Router();
  const { config } = deps;
  const clocksNow = () => clockReader(deps, deps.now());

  router.post('/', requireRole('operator', 'integration'), async (req, res) => {
    const { inbound, receivedAt } = parseStaffRequest(req.body, req.actor!.name);

    const latest = deps.now().getTime() + config.maxClockSkewSeconds * 1000;
    if (receivedAt && receivedAt.getTime() > latest) {
      throw new ValidationError(
        'RECEIVED_AT_IN_FUTURE',
        'receivedAt is in the future',
        'receivedAt',
      );
    }
    if (receivedAt && receivedAt.getTime() < deps.now().getTime() - MAX_BACKDATE_MS) {
      throw new ValidationError(
        'RECEIVED_AT_TOO_EARLY',
        `receivedAt is more than ${MAX_BACKDATE_DAYS} days ago; register it as received now`,
        'receivedAt',
      );
    }

    const result = await deps.intake.receive(inbound);
    const stored = result.request;
    const differs =
      stored.description !== inbound.description || stored.contact.phone !== inbound.contact.phone;
    if (result.outcome === 'duplicate' && differs) {
      throw new ConflictError(
        'EXTERNAL_ID_CONFLICT',
        `externalId ${inbound.externalId} belongs to request ${stored.number} with other data`,
        { number: stored.number },
      );
    }

    const status = result.outcome === 'created' ? 201 : 200;

    res.status(status).json(requestView(result.request, config.zone, await clocksNow()));
  });

  router.get('/', async (req, res) => {
    // A misspelt filter would otherwise list everything as if it matched.
    const unknown = Object.keys(req.query).find((key) => key !== 'status');
    if (unknown !== undefined) {
      throw new ValidationError(
        'FIELD_UNKNOWN',
        `${unknown} is not a filter; use status`,
        unknown,
      );
    }

    const status = req.query.status;
    if (status !== undefined && !isStatus(status)) {
      throw new ValidationError(
        'FIELD_NOT_ALLOWED',
        `status must be one of ${STATUSES.join(', ')}`,
        'status',
      );
    }

    const filter = status ? { status } : {};
    const docs = await deps.store.requests
      .find(filter)
      .sort({ receivedAt: -1 })
      .limit(LIST_LIMIT)
      .lean();

    const read = await clocksNow();
    res.json({ items: docs.map((doc) => requestView(doc, config.zone, read)) });
  });

  router.get('/:id', async (req, res) => {
    const doc = await findRequest(deps, String(req.params.id));
    res.json(await fullView(doc));
  });

  async function fullView(doc: RequestDoc) {
    const notices = await deps.store.notices
      .find({ requestId: doc._id })
      .sort({ createdAt: 1 })
      .lean();

    const participant = doc.participantIin
      ? await deps.records.participants.find(doc.participantIin)
      : null;

    return {
      ...requestView(doc, config.zone, await clocksNow()),
      participant: requestParticipantView(participant),
      allowedActions: allowedActions(doc.status),
      findings: doc.findings,
      notices: notices.map((n) => ({
        id: String(n._id),
        kind: n.kind,
        channel: n.channel,
        status: n.status,
        attempts: n.attempts,
        sentAt: instantView(n.sentAt, config.zone),
        dueAt: instantView(n.dueAt, config.zone),
        lastError: n.lastError ?? null,
      })),
    };
  }

  const operator = requireRole('operator');

  router.post('/:id/register', operator, async (req, res) => {
    parseBody(emptySchema, req.body ?? {});
    const doc = await findRequest(deps, String(req.params.id));
    res.json(await fullView(await deps.operators.register(String(doc._id), req.actor!.name)));
  });

  router.post('/:id/analysis', operator, async (req, res) => {
    const input = parseBody(analysisSchema, req.body ?? {});
    const doc = await findRequest(deps, String(req.params.id));
    const done = await deps.operators.recordAnalysis(String(doc._id), req.actor!.name, input);
    res.json(await fullView(done));
  });

  router.post('/:id/escalate', operator, async (req, res) => {
    const input = parseBody(escalateSchema, req.body ?? {});
    const doc = await findRequest(deps, String(req.params.id));
    const done = await deps.operators.escalate(String(doc._id), req.actor!.name, input.incidentId);
    res.json(await fullView(done));
  });

  return router;
}
