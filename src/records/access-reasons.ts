import { ValidationError } from '../errors';

/**
 * Why someone opens a participant's full record (issue 5: "opening a full
 * record is logged with who and why, a reason chosen from a list").
 */
export const ACCESS_REASONS = [
  'incoming-call',
  'request-review',
  'data-correction',
  'audit',
] as const;

export type AccessReason = (typeof ACCESS_REASONS)[number];

export function parseAccessReason(raw: unknown): AccessReason {
  if (raw === undefined || raw === '') {
    throw new ValidationError(
      'REASON_REQUIRED',
      `Say why the record is opened: reason=${ACCESS_REASONS.join('|')}`,
      'reason',
    );
  }

  const reason = ACCESS_REASONS.find((known) => known === raw);
  if (!reason) {
    throw new ValidationError(
      'REASON_UNKNOWN',
      `reason must be one of ${ACCESS_REASONS.join(', ')}`,
      'reason',
    );
  }
  return reason;
}
