import { parseIin } from '../domain/identifiers';
import type { ValidationResult } from '../domain/records';
import { ValidationError } from '../errors';
import { RECORD_REF } from '../records';
import type { ChangeSource } from '../store/participant-model';
import type { Actor } from './auth';

/**
 * Turns a record's validation result into the API's 422, naming the first
 * bad field and listing every problem in `details.issues`, like parseBody.
 */
export function validRecord<T>(result: ValidationResult<T>): T {
  if (result.ok) return result.value;

  const [first] = result.errors;
  throw new ValidationError(first.code, `${first.field}: ${first.message}`, first.field, {
    issues: result.errors,
  });
}

/** `:id` of a participant: the IIN (checked) or the `ref` a list gave. */
export function participantIdParam(raw: string): string {
  if (RECORD_REF.test(raw)) return raw;

  const iin = parseIin(raw);
  if (!iin.ok) throw new ValidationError(iin.code, iin.message, 'iin');
  return iin.value;
}

/** The gateway's own integration writes as the gateway; staff entering its data as operators. */
export function changeSourceOf(actor: Actor): ChangeSource {
  return actor.role === 'integration' ? 'gateway' : 'operator';
}

export const OUTCOMES = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;
