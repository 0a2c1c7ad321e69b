/**
 * MongoDB's (and FerretDB's) answer to an insert that a unique index
 * refuses. The desk leans on it everywhere a unique insert decides a race:
 * leases, dedupe keys, sequences of first writers.
 */
export const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === DUPLICATE_KEY;
}
