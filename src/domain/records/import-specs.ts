import type { RecordImport } from './import-rows';
import { validateParticipant, type Participant } from './participant';
import { supplierIdentifier, validateSupplier, type Supplier } from './supplier';

/** Participants, upserted by IIN; CSV columns follow the input contract. */
export const participantImport: RecordImport<Participant> = {
  validate: validateParticipant,
  keyOf: (participant) => participant.iin,
  csv: {
    columns: [
      'iin',
      'surname',
      'name',
      'patronymic',
      'birthDate',
      'sex',
      'address',
      'phone',
      'email',
      'document.kind',
      'document.number',
      'document.issuer',
      'document.issuedOn',
      'document.expiresOn',
      'category',
      'representatives',
      'language',
    ],
    jsonLists: ['representatives'],
  },
};

/** Suppliers, upserted by BIN or IIN (never equal: see supplierIdentifier). */
export const supplierImport: RecordImport<Supplier> = {
  validate: validateSupplier,
  keyOf: supplierIdentifier,
  csv: {
    columns: [
      'kind',
      'bin',
      'iin',
      'fullName',
      'shortName',
      'legalAddress',
      'head',
      'founders',
      'premises.kind',
      'premises.registration',
      'oked',
      'ownership',
      'entrepreneurRegistration',
      'noMentalHealthRegistration',
    ],
    codeLists: ['oked'],
    jsonLists: ['founders'],
    booleans: ['noMentalHealthRegistration'],
  },
};
