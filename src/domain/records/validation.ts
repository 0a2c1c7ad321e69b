import type { z } from 'zod';

/** One problem with one field; `field` is a dotted path such as 'document.issuedOn'. */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

export type ValidationResult<T> =
  { ok: true; value: T; warnings: FieldIssue[] } | { ok: false; errors: FieldIssue[] };

/** The field name used for problems with the record as a whole. */
export const WHOLE_RECORD = 'record';

/**
 * Runs a schema and turns zod's issues into stable codes, so that callers
 * and import reports never depend on zod's wording.
 */
export function validateWith<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldIssue[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: withoutUndefined(parsed.data) };

  return { ok: false, errors: parsed.error.issues.flatMap(toFieldIssues) };
}

/**
 * Drops keys whose value is undefined. zod keeps a key the input had, even
 * when `optional` turned its null or blank into undefined; without this,
 * `{ email: null }` and `{}` would give values that compare unequal, and a
 * re-imported batch would look changed.
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (typeof value !== 'object' || value === null) return value;

  const entries = Object.entries(value)
    .filter(([, field]) => field !== undefined)
    .map(([key, field]) => [key, withoutUndefined(field)]);
  return Object.fromEntries(entries) as T;
}

function toFieldIssues(issue: z.ZodIssue): FieldIssue[] {
  const field = issue.path.length > 0 ? issue.path.join('.') : WHOLE_RECORD;

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        field: [...issue.path, key].join('.'),
        code: 'UNKNOWN_FIELD',
        message: 'This field is not part of the record',
      }));
    case 'invalid_type':
      if (issue.received === 'undefined') {
        return [{ field, code: 'REQUIRED', message: 'Required' }];
      }
      return [{ field, code: 'INVALID_TYPE', message: `Expected ${issue.expected}` }];
    case 'too_small':
      return [tooSmall(field, issue)];
    case 'too_big':
      return [tooBig(field, issue)];
    case 'invalid_string':
      return [{ field, code: 'INVALID_FORMAT', message: issue.message }];
    case 'invalid_enum_value':
      return [{ field, code: 'INVALID_VALUE', message: oneOf(issue.options) }];
    case 'invalid_union_discriminator':
      return [{ field, code: 'INVALID_VALUE', message: oneOf(issue.options) }];
    case 'custom':
      return [{ field, code: customCode(issue), message: issue.message }];
    default:
      return [{ field, code: 'INVALID_VALUE', message: issue.message }];
  }
}

function tooSmall(field: string, issue: z.ZodTooSmallIssue): FieldIssue {
  if (issue.type === 'string' && issue.minimum === 1) {
    return { field, code: 'REQUIRED', message: 'Must not be empty' };
  }

  const unit = issue.type === 'array' ? 'items' : 'characters';
  return { field, code: 'TOO_SHORT', message: `Needs at least ${issue.minimum} ${unit}` };
}

function tooBig(field: string, issue: z.ZodTooBigIssue): FieldIssue {
  const unit = issue.type === 'array' ? 'items' : 'characters';
  return { field, code: 'TOO_LONG', message: `Allows at most ${issue.maximum} ${unit}` };
}

function oneOf(options: readonly unknown[]): string {
  return `Expected one of: ${options.map(String).join(', ')}`;
}

function customCode(issue: z.ZodCustomIssue): string {
  const code: unknown = issue.params?.code;
  return typeof code === 'string' ? code : 'INVALID_VALUE';
}
