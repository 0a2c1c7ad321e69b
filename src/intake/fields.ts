import { z } from 'zod';

import { parseInstant } from '../domain/calendar';
import { parseIin, parseMobile } from '../domain/identifiers';
import { ValidationError } from '../errors';

/**
 * Field rules shared by every way a request comes in. Strings must be
 * strings: an object where a string belongs is refused here, so no query
 * operator (`{ "$gt": "" }`) can ever reach MongoDB.
 */

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

export function text(max: number) {
  return z.string().trim().max(max);
}

/** Characters that show nothing: a text made only of them is empty. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function requiredText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((value) => value.replace(INVISIBLE, '').trim().length > 0, {
      message: 'must not be empty',
      params: { code: 'FIELD_EMPTY' },
    });
}

export const iinField = z.string().transform((raw, ctx) => {
  const result = parseIin(raw.trim());
  if (result.ok) return result.value;

  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: result.message,
    params: { code: result.code },
  });
  return z.NEVER;
});

export const mobileField = z.string().transform((raw, ctx) => {
  const result = parseMobile(raw);
  if (result.ok) return result.e164;

  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: result.message,
    params: { code: result.code },
  });
  return z.NEVER;
});

const INVISIBLE_ONE = new RegExp(INVISIBLE.source);

// Unpaired UTF-16 halves: stored, they become U+FFFD and two ids become one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A channel's own identifier (a session, a message) is kept exactly as
 * sent, so one that storing or trimming would change is refused rather
 * than merged with another.
 */
export function identifierField(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine(
      (value) =>
        value === value.trim() && !LONE_SURROGATE.test(value) && !INVISIBLE_ONE.test(value),
      {
        message: 'must be printable text without surrounding spaces',
        params: { code: 'IDENTIFIER_INVALID' },
      },
    );
}

export const emailField = z.string().trim().max(254).email('not an e-mail address');

/**
 * How far back a request's receipt may be dated: further back, its clocks
 * would be breached before anyone saw it, and the date is a typo or a
 * channel's wrong clock.
 */
export const MAX_BACKDATE_DAYS = 7;
export const MAX_BACKDATE_MS = MAX_BACKDATE_DAYS * 24 * 3600 * 1000;

/** The instants the desk deals in; anything outside is a typo or an attack. */
export const EARLIEST_INSTANT = Date.parse('2000-01-01T00:00:00Z');
export const LATEST_INSTANT = Date.parse('2100-01-01T00:00:00Z');

export function inDeskRange(at: Date): boolean {
  const ms = at.getTime();
  return ms >= EARLIEST_INSTANT && ms < LATEST_INSTANT;
}

/** An ISO 8601 instant with an explicit offset; a bare local time is ambiguous. */
export const instantField = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const at = parseInstant(raw);
    if (at && inDeskRange(at)) return at;

    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'expected an ISO 8601 instant with an offset between 2000 and 2099, ' +
        'e.g. 2026-12-04T18:45:00+05:00',
      params: { code: 'INVALID_INSTANT' },
    });
    return z.NEVER;
  });

function issueCode(issue: z.ZodIssue): string {
  if (issue.code === z.ZodIssueCode.custom && typeof issue.params?.code === 'string') {
    return issue.params.code;
  }
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.received === 'undefined' ? 'FIELD_REQUIRED' : 'FIELD_WRONG_TYPE';
  }
  if (issue.code === z.ZodIssueCode.too_big) return 'FIELD_TOO_LONG';
  if (issue.code === z.ZodIssueCode.too_small) {
    return issue.type === 'string' || issue.type === 'array'
      ? 'FIELD_EMPTY'
      : 'FIELD_OUT_OF_RANGE';
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) return 'FIELD_UNKNOWN';
  if (issue.code === z.ZodIssueCode.invalid_enum_value) return 'FIELD_NOT_ALLOWED';
  return 'FIELD_INVALID';
}

/** Parses a body or throws one `ValidationError` naming the first bad field. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''),
    code: issueCode(issue),
    message: issue.message,
  }));
  const first = issues[0];
  const where = first.field ? `${first.field}: ` : '';

  throw new ValidationError(first.code, `${where}${first.message}`, first.field || undefined, {
    issues,
  });
}
