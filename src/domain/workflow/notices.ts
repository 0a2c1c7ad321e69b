import type { ClockName } from './clocks';

/**
 * The notices clause 15 owes a participant, and the clock each one stops:
 * the refutation, the confirmation and the report of the elimination are
 * timed; the acknowledgement of registration and "no failure found" are not.
 */
export const NOTICE_KINDS = [
  'registration',
  'no-failure',
  'refutation',
  'confirmation',
  'elimination',
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticePlan {
  kind: NoticeKind;
  /** Values for the template, already formatted for people. */
  data: Record<string, string>;
  clock: ClockName | null;
  clockOccurrence: number | null;
  dueAt: Date | null;
}
