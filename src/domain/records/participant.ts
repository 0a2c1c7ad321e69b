import { z } from 'zod';

import { iinWarnings } from '../identifiers';
import {
  MAX_LENGTH,
  emailField,
  iinField,
  isoDate,
  mobileField,
  optional,
  requiredText,
} from './fields';
import { validateWith, type FieldIssue, type ValidationResult } from './validation';

/** Issue 5: disability, elderly unable to care for themselves, social package. */
export const PARTICIPANT_CATEGORIES = ['disability', 'elderly', 'social-package'] as const;

/** identifiers.md, "Languages". */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** identifiers.md, "Identity documents": the usual kinds; key people on the IIN. */
export const DOCUMENT_KINDS = [
  'id-card',
  'passport',
  'birth-certificate',
  'residence-permit',
  'stateless-person-certificate',
] as const;

const identityDocumentSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    number: requiredText(MAX_LENGTH.code),
    issuer: requiredText(MAX_LENGTH.fullName),
    issuedOn: isoDate,
    // A birth certificate has no expiry date.
    expiresOn: optional(isoDate),
  })
  .strict()
  .superRefine((document, ctx) => {
    if (document.expiresOn !== undefined && document.expiresOn <= document.issuedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'The expiry date must come after the date of issue',
        params: { code: 'DOCUMENT_DATES' },
      });
    }
  });

const representativeSchema = z
  .object({
    iin: iinField,
    surname: requiredText(MAX_LENGTH.name),
    name: requiredText(MAX_LENGTH.name),
    patronymic: optional(requiredText(MAX_LENGTH.name)),
    kind: z.enum(['guardian', 'trustee']),
    phone: optional(mobileField),
  })
  .strict();

/**
 * A participant as the gateway delivers it (rules clause 6). Patronymic,
 * address and e-mail are optional there; the mobile number comes from the
 * mobile citizens database and is required.
 */
export const participantSchema = z
  .object({
    iin: iinField,
    surname: requiredText(MAX_LENGTH.name),
    name: requiredText(MAX_LENGTH.name),
    patronymic: optional(requiredText(MAX_LENGTH.name)),
    birthDate: isoDate,
    sex: z.enum(['male', 'female']),
    address: optional(requiredText(MAX_LENGTH.address)),
    phone: mobileField,
    email: optional(emailField),
    document: identityDocumentSchema,
    category: z.enum(PARTICIPANT_CATEGORIES),
    representatives: optional(z.array(representativeSchema).max(10)).transform(
      (list) => list ?? [],
    ),
    language: z.enum(LANGUAGES),
  })
  .strict()
  .superRefine((participant, ctx) => {
    participant.representatives.forEach((representative, index) => {
      if (representative.iin === participant.iin) {
        ctx.addIssue({
          code: 'custom',
          path: ['representatives', index, 'iin'],
          message: 'A participant cannot be their own legal representative',
          params: { code: 'REPRESENTATIVE_IS_PARTICIPANT' },
        });
      }
    });
  });

/**
 * What the participant may change themselves (issue 5): the mobile number
 * and the e-mail. The gateway stays the source for everything else.
 */
export const participantCorrectionSchema = z
  .object({
    phone: optional(mobileField),
    email: optional(emailField),
  })
  .strict()
  .refine((correction) => correction.phone !== undefined || correction.email !== undefined, {
    message: 'Give a new mobile number, an e-mail address, or both',
    params: { code: 'NOTHING_TO_CORRECT' },
  });

export type Participant = z.output<typeof participantSchema>;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];
export type Language = (typeof LANGUAGES)[number];
export type IdentityDocument = Participant['document'];
export type Representative = Participant['representatives'][number];
export type ParticipantCorrection = z.output<typeof participantCorrectionSchema>;

/**
 * Validates and normalises a participant. A birth date or sex that
 * disagrees with the IIN is a warning, never a rejection (identifiers.md).
 */
export function validateParticipant(input: unknown): ValidationResult<Participant> {
  const result = validateWith(participantSchema, input);
  if (!result.ok) return result;

  const participant = result.value;
  const warnings: FieldIssue[] = iinWarnings(participant.iin, participant).map((warning) => ({
    field: warning.code === 'IIN_SEX_MISMATCH' ? 'sex' : 'birthDate',
    ...warning,
  }));

  return { ok: true, value: participant, warnings };
}

export function validateParticipantCorrection(
  input: unknown,
): ValidationResult<ParticipantCorrection> {
  const result = validateWith(participantCorrectionSchema, input);
  return result.ok ? { ...result, warnings: [] } : result;
}
