import { z } from 'zod';

import { MAX_LENGTH, binField, iinField, optional, requiredText } from './fields';
import { validateWith, type FieldIssue, type ValidationResult } from './validation';

export const SUPPLIER_KINDS = ['legal-entity', 'entrepreneur', 'personal-assistant'] as const;

/**
 * An OKED code as the national classifier writes it: five digits, dots
 * allowed ('87.30.0' or '87300'). Stored as the five digits; a string, so a
 * leading zero ('01110') survives.
 */
const okedCode = z
  .string()
  .transform((raw) => raw.trim().replace(/\./g, ''))
  .refine((digits) => /^[0-9]{5}$/.test(digits), {
    message: 'Expected a five-digit OKED code such as 87300 or 87.30.0',
    params: { code: 'OKED_FORMAT' },
  });

/** Codes in the order given, without repeats, so re-imports compare equal. */
const okedList = z
  .array(okedCode)
  .max(50)
  .transform((codes) => [...new Set(codes)]);

const founderSchema = z
  .object({
    fullName: requiredText(MAX_LENGTH.fullName),
    iin: optional(iinField),
    citizenship: requiredText(MAX_LENGTH.name),
  })
  .strict();

/** Rules clause 12: registration of ownership or lease of the premises. */
const premisesSchema = z
  .object({
    kind: z.enum(['ownership', 'lease']),
    registration: requiredText(MAX_LENGTH.code),
  })
  .strict();

/** Rules clause 12, legal entities. Premises apply only to those selling or storing goods. */
const legalEntitySchema = z
  .object({
    kind: z.literal('legal-entity'),
    bin: binField,
    fullName: requiredText(MAX_LENGTH.fullName),
    shortName: requiredText(MAX_LENGTH.fullName),
    legalAddress: requiredText(MAX_LENGTH.address),
    head: requiredText(MAX_LENGTH.fullName),
    founders: optional(z.array(founderSchema).max(100)).transform((list) => list ?? []),
    premises: optional(premisesSchema),
    oked: okedList.pipe(z.array(z.string()).min(1)),
    ownership: requiredText(MAX_LENGTH.code),
  })
  .strict();

/** Rules clause 12, individual entrepreneurs: full name and state registration. */
const entrepreneurSchema = z
  .object({
    kind: z.literal('entrepreneur'),
    iin: iinField,
    fullName: requiredText(MAX_LENGTH.fullName),
    entrepreneurRegistration: requiredText(MAX_LENGTH.code),
    oked: optional(okedList).transform((codes) => codes ?? []),
  })
  .strict();

/**
 * Rules clause 12, personal assistants: full name and whether the gateway
 * confirmed no registration at a mental-health dispensary. Absent means the
 * gateway has not confirmed it, which is recorded as false.
 */
const personalAssistantSchema = z
  .object({
    kind: z.literal('personal-assistant'),
    iin: iinField,
    fullName: requiredText(MAX_LENGTH.fullName),
    noMentalHealthRegistration: optional(z.boolean()).transform((confirmed) => confirmed ?? false),
    oked: optional(okedList).transform((codes) => codes ?? []),
  })
  .strict();

export const supplierSchema = z.discriminatedUnion('kind', [
  legalEntitySchema,
  entrepreneurSchema,
  personalAssistantSchema,
]);

export type Supplier = z.output<typeof supplierSchema>;
export type SupplierKind = Supplier['kind'];
export type LegalEntitySupplier = z.output<typeof legalEntitySchema>;
export type EntrepreneurSupplier = z.output<typeof entrepreneurSchema>;
export type PersonalAssistantSupplier = z.output<typeof personalAssistantSchema>;

/** identifiers.md, "BIN": one identifier whose kind follows the supplier kind. */
const IDENTIFIER_KIND_MESSAGES: Readonly<Record<string, string>> = {
  iin: 'A legal entity is identified by its BIN, not an IIN',
  bin: 'Entrepreneurs and personal assistants are identified by their IIN, not a BIN',
};

export function validateSupplier(input: unknown): ValidationResult<Supplier> {
  const result = validateWith(supplierSchema, input);
  if (!result.ok) return { ok: false, errors: result.errors.map(explainIdentifierKind) };

  return { ok: true, value: result.value, warnings: [] };
}

/**
 * The supplier's key for upserts. An IIN's 5th digit is the tens of a day
 * (0–3) and a BIN's is 4–6, so the two never collide in one key space.
 */
export function supplierIdentifier(supplier: Supplier): string {
  return supplier.kind === 'legal-entity' ? supplier.bin : supplier.iin;
}

/** A BIN on an entrepreneur, or an IIN on a legal entity, says why it is refused. */
function explainIdentifierKind(error: FieldIssue): FieldIssue {
  const message = IDENTIFIER_KIND_MESSAGES[error.field];
  if (error.code !== 'UNKNOWN_FIELD' || message === undefined) return error;

  return { field: error.field, code: 'SUPPLIER_IDENTIFIER_KIND', message };
}
