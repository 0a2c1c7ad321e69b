import { Router } from 'express';
import { z } from 'zod';

import { maskIin } from '../../domain/identifiers';
import { iinField, parseBody } from '../../intake/fields';
import { linkRequestParticipant } from '../../records';
import { requireRole } from '../auth';
import { clockReader } from '../../desk/clock-reader';
import type { WebDeps } from '../deps';
import { requestParticipantView } from '../record-views';
import { requestView } from '../request-view';
import { actorOf } from './participants';
import { findRequest } from './requests';

const linkSchema = z.object({ iin: iinField.nullable() }).strict();

/**
 * An operator links a request to a participant, or unlinks it with
 * `{ "iin": null }` (issue 5: the match "can be re-linked by an operator").
 */
export function requestParticipantRoutes(deps: WebDeps): Router {
  const router = Router();

  router.post('/:id/participant', requireRole('operator'), async (req, res) => {
    const { iin } = parseBody(linkSchema, req.body ?? {});
    const request = await findRequest(deps, String(req.params.id));
    const actor = actorOf(req);

    const at = deps.now();

    const linked = await linkRequestParticipant(deps.store, request._id, iin, actor.name, at);
    const participant = iin ? await deps.records.participants.find(iin) : null;

    deps.logger.info(
      { actor: actor.name, requestNumber: linked.number, iin: iin ? maskIin(iin) : null },
      iin ? 'request linked to participant' : 'request unlinked from participant',
    );
    res.json({
      ...requestView(linked, deps.config.zone, await clockReader(deps, at)),
      participant: requestParticipantView(participant),
    });
  });

  return router;
}
