import type { Store } from '../store';
import { DirectionTables } from './direction-table';
import { ParticipantRecords } from './participant-records';
import { RecordImports } from './record-imports';
import { SupplierRecords } from './supplier-records';

export { ACCESS_REASONS, parseAccessReason } from './access-reasons';
export type { AccessReason } from './access-reasons';
export { linkRequestParticipant } from './link-request';
export { matchRequestParticipant } from './match-request';
export type { ParticipantMatch } from './match-request';
export { RECORD_KINDS } from './record-imports';
export type { ImportOptions, ImportProgress, RecordKind } from './record-imports';
export type { ImportReport, ReportRow } from './import-report';
export type { Actor } from './participant-records';
export { currentDirections } from './supplier-merge';
export { RECORD_REF } from './record-plan';
export type { RecordPlan } from './record-plan';
export { parseParticipantQuery, parseSupplierQuery } from './search-query';

/** The participants' and suppliers' records (issue 5), built once per process. */
export interface Records {
  participants: ParticipantRecords;
  suppliers: SupplierRecords;
  directions: DirectionTables;
  imports: RecordImports;
}

export function createRecords(deps: { store: Store; now: () => Date; rootDir: string }): Records {
  const { store, now } = deps;
  const directions = new DirectionTables({
    model: store.okedTable,
    leases: store.leases,
    seedFile: DirectionTables.seedFileIn(deps.rootDir),
    now,
  });
  const participants = new ParticipantRecords({ store, now });
  const suppliers = new SupplierRecords({ store, now }, directions);

  return {
    participants,
    suppliers,
    directions,
    imports: new RecordImports(participants, suppliers),
  };
}
