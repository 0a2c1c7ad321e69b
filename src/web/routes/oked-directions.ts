import { Router } from 'express';
import { z } from 'zod';

import { parseBody } from '../../intake/fields';
import type { OkedTableDoc } from '../../store/oked-table-model';
import { requireRole } from '../auth';
import type { WebDeps } from '../deps';
import { instantView } from '../request-view';
import { actorOf } from './participants';

/** `table` is checked by the domain's parseDirectionTable, with its own codes. */
const replaceSchema = z
  .object({ table: z.unknown(), version: z.number().int().positive().optional() })
  .strict();

/**
 * The table of OKED classes and supplier directions (rules clause 13). A
 * supervisor replaces it whole; every supplier's stored directions are then
 * re-derived before the answer, which says how many changed.
 */
export function okedDirectionRoutes(deps: WebDeps): Router {
  const router = Router();
  const { records, logger } = deps;
  const { zone } = deps.config;

  router.get('/', requireRole('operator', 'auditor', 'admin'), async (_req, res) => {
    res.json(tableView(await records.directions.current()));
  });

  router.put('/', requireRole('supervisor'), async (req, res) => {
    const input = parseBody(replaceSchema, req.body ?? {});
    const actor = actorOf(req);

    const table = await records.directions.replace(input.table, input.version, actor.name);
    const suppliersChanged = await records.suppliers.recomputeDirections(table, actor.name);

    logger.info(
      { actor: actor.name, version: table.version, suppliersChanged },
      'OKED direction table replaced',
    );
    res.json({ ...tableView(table), suppliersChanged });
  });

  function tableView(table: OkedTableDoc) {
    return {
      version: table.version,
      updatedAt: instantView(table.updatedAt, zone),
      updatedBy: table.updatedBy,
      table: table.rules,
    };
  }

  return router;
}
