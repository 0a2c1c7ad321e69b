import { Router } from 'express';

import { maskIin, parseBin, parseIin } from '../../domain/identifiers';
import { validateSupplier } from '../../domain/records';
import { ValidationError } from '../../errors';
import { parseSupplierQuery, RECORD_REF } from '../../records';
import { requireRole } from '../auth';
import type { WebDeps } from '../deps';
import { changeSourceOf, OUTCOMES, validRecord } from '../record-input';
import { supplierListItem, supplierView } from '../record-views';
import { actorOf } from './participants';

/** Suppliers' cards (issue 5) and the directions open to each. */
export function supplierRoutes(deps: WebDeps): Router {
  const router = Router();
  const { records, logger } = deps;
  const { zone } = deps.config;
  const readers = requireRole('operator', 'auditor');

  router.get('/', readers, async (req, res) => {
    const query = parseSupplierQuery(req.query.q);
    const docs = await records.suppliers.search(query);
    res.json({ by: query.by, items: docs.map(supplierListItem) });
  });

  router.post('/', requireRole('operator', 'integration'), async (req, res) => {
    const supplier = validRecord(validateSupplier(req.body));
    const actor = actorOf(req);

    const plan = await records.suppliers.upsert(supplier, changeSourceOf(actor), actor.name);
    const table = await records.directions.current();
    const outcome = OUTCOMES[plan.kind];

    const supplierId = maskIin(plan.doc._id);
    logger.info({ actor: actor.name, supplier: supplierId, outcome }, 'supplier written');
    res
      .status(plan.kind === 'create' ? 201 : 200)
      .json({ outcome, supplier: supplierView(plan.doc, table, zone) });
  });

  router.get('/:id', readers, async (req, res) => {
    const doc = await records.suppliers.get(supplierIdParam(String(req.params.id)));
    const table = await records.directions.current();
    res.json(supplierView(doc, table, zone));
  });

  return router;
}

/** A BIN, an individual's IIN, or the `ref` a list gave. */
function supplierIdParam(raw: string): string {
  if (RECORD_REF.test(raw)) return raw;

  const bin = parseBin(raw);
  if (bin.ok) return bin.value;

  const iin = parseIin(raw);
  if (iin.ok) return iin.value;

  const message = 'Expected a valid BIN or IIN (12 digits with a correct check digit)';
  throw new ValidationError('SUPPLIER_ID_INVALID', message, 'id');
}
