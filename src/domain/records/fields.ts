import { z } from 'zod';

import { parseIsoDate } from '../calendar';
import { parseBin, parseIin, parseMobile } from '../identifiers';

/*
 * Field schemas shared by the participant and supplier records. Every text
 * field is z.string(): an object where a string belongs (a `$gt` query
 * operator, say) fails as INVALID_TYPE and can never reach a query.
 */

/** Upper bounds on text lengths, in characters. */
export const MAX_LENGTH = {
  name: 100,
  fullName: 300,
  address: 500,
  code: 100,
  email: 254,
} as const;

export function requiredText(maxLength: number) {
  return z.string().trim().min(1).max(maxLength);
}

/**
 * An optional field: absent, null and a blank string all mean "not given",
 * because gateway exports and spreadsheets use all three.
 */
export function optional<S extends z.ZodTypeAny>(schema: S) {
  return z.preprocess(blankToUndefined, schema.optional());
}

export const isoDate = z
  .string()
  .trim()
  .refine((date) => parseIsoDate(date) !== null, {
    message: 'Expected a real date written YYYY-MM-DD',
    params: { code: 'INVALID_DATE' },
  });

export const iinField = z.string().transform((raw, ctx) => {
  const parsed = parseIin(raw);
  if (parsed.ok) return parsed.value;

  ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
  return z.NEVER;
});

export const binField = z.string().transform((raw, ctx) => {
  const parsed = parseBin(raw);
  if (parsed.ok) return parsed.value;

  ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
  return z.NEVER;
});

/** A Kazakh mobile number in any common spelling, stored as E.164. */
export const mobileField = z.string().transform((raw, ctx) => {
  const parsed = parseMobile(raw);
  if (parsed.ok) return parsed.e164;

  ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
  return z.NEVER;
});

export const emailField = z.string().trim().max(MAX_LENGTH.email).email();

function blankToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}
