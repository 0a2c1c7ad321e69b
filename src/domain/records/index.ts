export {
  DOCUMENT_KINDS,
  LANGUAGES,
  PARTICIPANT_CATEGORIES,
  participantCorrectionSchema,
  participantSchema,
  validateParticipant,
  validateParticipantCorrection,
} from './participant';
export type {
  IdentityDocument,
  Language,
  Participant,
  ParticipantCategory,
  ParticipantCorrection,
  Representative,
} from './participant';
export { SUPPLIER_KINDS, supplierIdentifier, supplierSchema, validateSupplier } from './supplier';
export type {
  EntrepreneurSupplier,
  LegalEntitySupplier,
  PersonalAssistantSupplier,
  Supplier,
  SupplierKind,
} from './supplier';
export {
  SUPPLIER_DIRECTIONS,
  deriveDirections,
  directionTableSchema,
  okedInClass,
  parseDirectionTable,
} from './directions';
export type { DirectionRule, DirectionTable, SupplierDirection } from './directions';
export { matchesNameQuery, nameSearchKey, nameSearchWords, personSearchKey } from './name-search';
export { importRows } from './import-rows';
export type { ImportFormat, ImportOptions, ImportedRow, RecordImport } from './import-rows';
export { participantImport, supplierImport } from './import-specs';
export { CsvHeaderError } from './csv-row';
export type { CsvHeaderErrorCode, CsvLayout } from './csv-row';
export { WHOLE_RECORD } from './validation';
export type { FieldIssue, ValidationResult } from './validation';
