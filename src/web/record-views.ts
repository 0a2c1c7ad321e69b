import { iinWarnings, maskIin } from '../domain/identifiers';
import type { DirectionTable } from '../domain/records';
import { maskPhone } from '../logger';
import type { ParticipantDoc, RecordChange } from '../store/participant-model';
import type { RecordAccessDoc } from '../store/record-access-model';
import type { SupplierDoc } from '../store/supplier-model';
import { currentDirections } from '../records';
import { instantView } from './request-view';

/**
 * What the staff API shows of participants and suppliers. Lists never show
 * an individual's IIN in full (issue 5); they give `ref`, a handle that
 * opens the full record, which in turn is logged with its reason.
 */

export function participantListItem(doc: ParticipantDoc) {
  return {
    ref: doc.ref,
    iin: maskIin(doc._id),
    surname: doc.surname,
    name: doc.name,
    patronymic: doc.patronymic,
    birthDate: doc.birthDate,
    category: doc.category,
    phone: maskPhone(doc.phone),
  };
}

/** The full record, with the IIN warnings (birth date or sex against the IIN). */
export function participantView(doc: ParticipantDoc, zone: string) {
  return {
    iin: doc._id,
    ref: doc.ref,
    surname: doc.surname,
    name: doc.name,
    patronymic: doc.patronymic,
    birthDate: doc.birthDate,
    sex: doc.sex,
    address: doc.address,
    phone: doc.phone,
    email: doc.email,
    document: doc.document,
    category: doc.category,
    representatives: doc.representatives,
    language: doc.language,
    contactSource: doc.contactSource,
    warnings: participantWarnings(doc),
    createdAt: instantView(doc.createdAt, zone),
    updatedAt: instantView(doc.updatedAt, zone),
    history: doc.history.map((change) => changeView(change, zone)),
  };
}

/** The participant on a request page: enough to recognise, not a full record. */
export function requestParticipantView(doc: ParticipantDoc | null) {
  if (!doc) return null;
  const { ref, iin, surname, name, patronymic } = participantListItem(doc);
  return { ref, iin, surname, name, patronymic };
}

export function accessEntryView(entry: RecordAccessDoc, zone: string) {
  return {
    at: instantView(entry.at, zone),
    actor: entry.actor,
    role: entry.role,
    reason: entry.reason,
  };
}

/** A BIN names an organisation and is shown; an individual's IIN is masked. */
export function supplierListItem(doc: SupplierDoc) {
  const card = doc.card;
  return {
    ref: doc.ref,
    kind: doc.kind,
    ...(card.kind === 'legal-entity' ? { bin: card.bin } : { iin: maskIin(card.iin) }),
    fullName: card.fullName,
    ...(card.kind === 'legal-entity' && { shortName: card.shortName }),
    directions: doc.directions,
  };
}

/** The organisation card, its directions derived from the table in force. */
export function supplierView(
  doc: SupplierDoc,
  table: { version: number; rules: DirectionTable },
  zone: string,
) {
  return {
    ref: doc.ref,
    ...doc.card,
    directions: currentDirections(doc, table),
    createdAt: instantView(doc.createdAt, zone),
    updatedAt: instantView(doc.updatedAt, zone),
    history: doc.history.map((change) => changeView(change, zone)),
  };
}

function participantWarnings(doc: ParticipantDoc) {
  return iinWarnings(doc._id, doc).map((warning) => ({
    field: warning.code === 'IIN_SEX_MISMATCH' ? 'sex' : 'birthDate',
    ...warning,
  }));
}

function changeView(change: RecordChange, zone: string) {
  return { ...change, at: instantView(change.at, zone) };
}
