import { deriveDirections, type DirectionTable, type Supplier } from '../domain/records';
import type { SupplierDoc } from '../store/supplier-model';
import { fieldChanges, sameValue } from './field-changes';
import { updatePlan, type ChangeContext, type RecordPlan } from './record-plan';
import { organisationKey, organisationWords } from './search-words';

/** The direction table in force and its version (see oked-table-model.ts). */
export interface VersionedTable {
  version: number;
  rules: DirectionTable;
}

type SupplierPlan = RecordPlan<SupplierDoc>;

/**
 * Plans writing a supplier card from the gateway (or staff) over the stored
 * one. The gateway is the only source of a supplier's card, so the card is
 * replaced whole; `directions` follow from its OKED codes and the table.
 */
export function planSupplier(
  existing: SupplierDoc | null,
  incoming: Supplier,
  table: VersionedTable,
  context: ChangeContext,
  makeRef: () => string,
): SupplierPlan {
  const directions = deriveDirections(incoming, table.rules);
  if (!existing) {
    return { kind: 'create', doc: newSupplier(incoming, directions, table, context, makeRef()) };
  }

  const set: Partial<SupplierDoc> = {};
  const cardFields = unionOfKeys(existing.card, incoming);
  const cardChanges = fieldChanges(existing.card, incoming, cardFields);
  if (cardChanges.length > 0) {
    Object.assign(set, { card: incoming, kind: incoming.kind }, searchFields(incoming));
  }

  const directionsChange = sameValue(existing.directions, directions)
    ? []
    : [{ field: 'directions', before: existing.directions, after: directions }];
  if (directionsChange.length > 0) set.directions = directions;
  if (existing.directionsVersion !== table.version) set.directionsVersion = table.version;
  if (Object.keys(set).length === 0) return { kind: 'unchanged', doc: existing };

  const changes = [...cardChanges, ...directionsChange];
  const change = changes.length > 0 ? { ...context, action: 'update' as const, changes } : null;
  return updatePlan(existing, { ...set, updatedAt: context.at }, change);
}

/** Plans re-deriving a stored supplier's directions after the table changed. */
export function planDirections(
  existing: SupplierDoc,
  table: VersionedTable,
  context: ChangeContext,
): SupplierPlan {
  return planSupplier(existing, existing.card, table, context, () => existing.ref);
}

/** The directions a card shows: stored ones if derived from the table in force. */
export function currentDirections(doc: SupplierDoc, table: VersionedTable) {
  if (doc.directionsVersion === table.version) return doc.directions;
  return deriveDirections(doc.card, table.rules);
}

export function supplierKey(supplier: Supplier): string {
  return supplier.kind === 'legal-entity' ? supplier.bin : supplier.iin;
}

function newSupplier(
  card: Supplier,
  directions: SupplierDoc['directions'],
  table: VersionedTable,
  context: ChangeContext,
  ref: string,
): SupplierDoc {
  return {
    _id: supplierKey(card),
    ref,
    kind: card.kind,
    card,
    directions,
    directionsVersion: table.version,
    ...searchFields(card),
    history: [{ ...context, action: 'create', changes: [] }],
    createdAt: context.at,
    updatedAt: context.at,
  };
}

/** Legal entities are found by full or short name; individuals by their name. */
function searchFields(card: Supplier) {
  const names =
    card.kind === 'legal-entity' ? `${card.fullName} ${card.shortName}` : card.fullName;
  return {
    searchKey: organisationKey(card.fullName),
    searchWords: unique(organisationWords(names)),
  };
}

function unionOfKeys(a: object, b: object): (keyof Supplier & string)[] {
  return unique([...Object.keys(a), ...Object.keys(b)]) as (keyof Supplier & string)[];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
