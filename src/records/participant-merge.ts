import {
  nameSearchWords,
  personSearchKey,
  type Participant,
  type ParticipantCorrection,
} from '../domain/records';
import type {
  ContactSource,
  ParticipantDoc,
  ParticipantFields,
  RecordChange,
} from '../store/participant-model';
import { fieldChanges, sameValue } from './field-changes';
import { updatePlan, type ChangeContext, type RecordPlan } from './record-plan';
import { gatewayRowHash } from './state-fingerprints';

/**
 * How gateway data and the participant's own corrections combine (issue 5:
 * "The participant may correct the mobile number and add an e-mail; the
 * gateway's data stays the source for the rest").
 *
 * - Every field but `phone` and `email` is the gateway's, as last sent.
 * - A correction of `phone` or `email` stands while the gateway keeps
 *   sending the value it sent when the correction was made. When the
 *   gateway's value for that field changes, the gateway knows something
 *   newer (the participant updated the mobile citizens database, say), and
 *   its value replaces the correction.
 * - So the record keeps what the gateway last sent for those two fields
 *   (`gatewayContact`) and where the current value came from
 *   (`contactSource`).
 *
 * Applying the same gateway row twice is therefore a no-op, and nothing is
 * written for it: no history entry, no `updatedAt`.
 */
export const PARTICIPANT_FIELDS = [
  'surname',
  'name',
  'patronymic',
  'birthDate',
  'sex',
  'address',
  'phone',
  'email',
  'document',
  'category',
  'representatives',
  'language',
] as const satisfies readonly (keyof ParticipantFields)[];

const CONTACT_FIELDS = ['phone', 'email'] as const;

type ContactField = (typeof CONTACT_FIELDS)[number];

type ParticipantPlan = RecordPlan<ParticipantDoc>;

/** Plans writing gateway data (from the feed, or entered by staff) over the stored record. */
export function planGatewayParticipant(
  existing: ParticipantDoc | null,
  incoming: Participant,
  context: ChangeContext,
  makeRef: () => string,
): ParticipantPlan {
  const fields = storedFields(incoming);
  const gatewayFingerprint = gatewayRowHash(incoming);
  if (!existing) {
    const doc = newParticipant(incoming.iin, fields, gatewayFingerprint, context, makeRef());
    return { kind: 'create', doc };
  }

  const merged = { ...fields };
  const contactSource = { ...existing.contactSource };
  for (const field of CONTACT_FIELDS) {
    if (correctionStands(existing, field, fields[field])) {
      setContact(merged, field, existing[field]);
    } else {
      contactSource[field] = 'gateway';
    }
  }

  const gatewayContact = { phone: fields.phone, email: fields.email };
  const set = changedFields(existing, merged);
  if (existing.gatewayFingerprint !== gatewayFingerprint) {
    set.gatewayFingerprint = gatewayFingerprint;
  }
  if (!sameValue(existing.gatewayContact, gatewayContact)) set.gatewayContact = gatewayContact;
  if (!sameValue(existing.contactSource, contactSource)) set.contactSource = contactSource;

  return planUpdate(existing, set, context, 'update');
}

/** Plans the participant's own correction of the mobile number or e-mail. */
export function planCorrection(
  existing: ParticipantDoc,
  correction: ParticipantCorrection,
  context: ChangeContext,
): ParticipantPlan {
  const merged: ParticipantFields = { ...existing };
  const contactSource = { ...existing.contactSource };

  for (const field of CONTACT_FIELDS) {
    const value = correction[field];
    if (value === undefined || sameValue(existing[field], value)) continue;

    setContact(merged, field, value);
    contactSource[field] = 'participant';
  }

  const set = changedFields(existing, merged);
  if (!sameValue(existing.contactSource, contactSource)) set.contactSource = contactSource;

  return planUpdate(existing, set, context, 'correct');
}

function correctionStands(existing: ParticipantDoc, field: ContactField, incoming: unknown) {
  return (
    existing.contactSource[field] === 'participant' &&
    sameValue(existing.gatewayContact[field], incoming)
  );
}

function setContact(fields: ParticipantFields, field: ContactField, value: string | null): void {
  if (field === 'phone') fields.phone = value ?? fields.phone;
  else fields.email = value;
}

/** The visible fields that change, with the search keys when a name does. */
function changedFields(existing: ParticipantDoc, merged: ParticipantFields) {
  const set: Partial<ParticipantDoc> = {};
  for (const change of fieldChanges(existing, merged, PARTICIPANT_FIELDS)) {
    Object.assign(set, { [change.field]: merged[change.field as keyof ParticipantFields] });
  }

  const searchKey = personSearchKey(searchable(merged));
  if (searchKey !== existing.searchKey) {
    set.searchKey = searchKey;
    set.searchWords = nameSearchWords(searchKey);
  }
  return set;
}

function planUpdate(
  existing: ParticipantDoc,
  set: Partial<ParticipantDoc>,
  context: ChangeContext,
  action: RecordChange['action'],
): ParticipantPlan {
  if (Object.keys(set).length === 0) return { kind: 'unchanged', doc: existing };

  const after = { ...existing, ...set };
  const changes = fieldChanges(existing, after, PARTICIPANT_FIELDS);
  const change = changes.length > 0 ? { ...context, action, changes } : null;

  return updatePlan(existing, { ...set, updatedAt: context.at }, change);
}

function newParticipant(
  iin: string,
  fields: ParticipantFields,
  gatewayFingerprint: string,
  context: ChangeContext,
  ref: string,
): ParticipantDoc {
  const searchKey = personSearchKey(searchable(fields));
  const source: ContactSource = 'gateway';

  return {
    _id: iin,
    ref,
    ...fields,
    gatewayFingerprint,
    gatewayContact: { phone: fields.phone, email: fields.email },
    contactSource: { phone: source, email: source },
    searchKey,
    searchWords: nameSearchWords(searchKey),
    history: [{ ...context, action: 'create', changes: [] }],
    createdAt: context.at,
    updatedAt: context.at,
  };
}

function storedFields(participant: Participant): ParticipantFields {
  return {
    surname: participant.surname,
    name: participant.name,
    patronymic: participant.patronymic ?? null,
    birthDate: participant.birthDate,
    sex: participant.sex,
    address: participant.address ?? null,
    phone: participant.phone,
    email: participant.email ?? null,
    document: participant.document,
    category: participant.category,
    representatives: participant.representatives,
    language: participant.language,
  };
}

function searchable(fields: ParticipantFields) {
  return {
    surname: fields.surname,
    name: fields.name,
    ...(fields.patronymic !== null && { patronymic: fields.patronymic }),
  };
}
