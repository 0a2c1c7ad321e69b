import crypto from 'node:crypto';

import { maskIin } from '../domain/identifiers';

import type { ChangeSource, RecordChange } from '../store/participant-model';

/** When, by whom and through which source a change is made. */
export interface ChangeContext {
  at: Date;
  source: ChangeSource;
  actor: string;
}

/**
 * What writing one incoming record would do to the stored one. `doc` is
 * the record as it stands after the write, so callers can answer without
 * reading it back.
 */
export type RecordPlan<D> =
  | { kind: 'unchanged'; doc: D }
  | { kind: 'create'; doc: D }
  | { kind: 'update'; set: Partial<D>; change: RecordChange | null; doc: D };

export type RecordOutcome = RecordPlan<unknown>['kind'];

/** 128 random bits: the handle lists give instead of an IIN. */
export function newRecordRef(): string {
  return crypto.randomBytes(16).toString('hex');
}

export const RECORD_REF = /^[0-9a-f]{32}$/;

/** IINs never go into messages or logs in full. */
export function maskedId(iinOrRef: string): string {
  return RECORD_REF.test(iinOrRef) ? iinOrRef : maskIin(iinOrRef);
}

/** The update plan, or `unchanged` when there is nothing to set. */
export function updatePlan<D extends { history: RecordChange[]; updatedAt: Date }>(
  existing: D,
  set: Partial<D>,
  change: RecordChange | null,
): RecordPlan<D> {
  if (Object.keys(set).length === 0) return { kind: 'unchanged', doc: existing };

  const history = change ? [...existing.history, change] : existing.history;
  const doc = { ...existing, ...set, history };
  return { kind: 'update', set, change, doc };
}
