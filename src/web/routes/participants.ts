import { Router, type Request } from 'express';

import { maskIin } from '../../domain/identifiers';
import { validateParticipant, validateParticipantCorrection } from '../../domain/records';
import { parseAccessReason, parseParticipantQuery, type RecordPlan } from '../../records';
import type { ParticipantDoc } from '../../store/participant-model';
import { requireRole, type Actor } from '../auth';
import type { WebDeps } from '../deps';
import { changeSourceOf, OUTCOMES, participantIdParam, validRecord } from '../record-input';
import { accessEntryView, participantListItem, participantView } from '../record-views';

/**
 * Participants' records (issue 5). Every answer that shows a full record
 * writes an access-log entry first: opening one needs a reason from the
 * list, and a write's answer is logged as `data-correction`.
 */
export function participantRoutes(deps: WebDeps): Router {
  const router = Router();
  const { records, logger } = deps;
  const { zone } = deps.config;
  const readers = requireRole('operator', 'auditor');

  router.get('/', readers, async (req, res) => {
    const query = parseParticipantQuery(req.query.q);
    const docs = await records.participants.search(query);
    res.json({ by: query.by, items: docs.map(participantListItem) });
  });

  router.post('/', requireRole('operator', 'integration'), async (req, res) => {
    const participant = validRecord(validateParticipant(req.body));
    const actor = actorOf(req);

    const plan = await records.participants.upsert(participant, changeSourceOf(actor), actor.name);
    res.status(plan.kind === 'create' ? 201 : 200).json(await answer(plan, actor, 'written'));
  });

  router.get('/:id', readers, async (req, res) => {
    const reason = parseAccessReason(req.query.reason);
    const actor = actorOf(req);

    const id = participantIdParam(String(req.params.id));

    const doc = await records.participants.open(id, actor, reason);
    logger.info({ actor: actor.name, iin: maskIin(doc._id), reason }, 'participant record opened');
    res.json(participantView(doc, zone));
  });

  router.get('/:id/access-log', requireRole('auditor'), async (req, res) => {
    const doc = await records.participants.get(participantIdParam(String(req.params.id)));
    const entries = await records.participants.accessLog(doc._id);
    const items = entries.map((entry) => accessEntryView(entry, zone));
    res.json({ iin: maskIin(doc._id), items });
  });

  router.patch('/:id/contact', requireRole('operator'), async (req, res) => {
    const correction = validRecord(validateParticipantCorrection(req.body ?? {}));
    const doc = await records.participants.get(participantIdParam(String(req.params.id)));
    const actor = actorOf(req);

    const plan = await records.participants.correct(doc._id, correction, actor.name);
    res.json(await answer(plan, actor, 'corrected'));
  });

  async function answer(plan: RecordPlan<ParticipantDoc>, actor: Actor, what: string) {
    const iin = plan.doc._id;
    await records.participants.logAccess(iin, actor, 'data-correction');

    const outcome = OUTCOMES[plan.kind];
    logger.info({ actor: actor.name, iin: maskIin(iin), outcome }, `participant ${what}`);
    return { outcome, participant: participantView(plan.doc, zone) };
  }

  return router;
}

export function actorOf(req: Request): Actor {
  return req.actor!;
}
