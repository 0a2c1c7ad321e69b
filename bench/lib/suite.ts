import fs from 'node:fs';

/**
 * Each suite runs in a process of its own (fresh heap, its own time zone
 * where it needs one) and hands back one JSON result through a file.
 */
export interface Figure {
  name: string;
  value: string;
  target?: string;
  /** null when the figure has no target or could not be measured. */
  met?: boolean | null;
}

export interface SuiteResult {
  suite: string;
  startedAt: string;
  finishedAt: string;
  figures: Figure[];
  /** Plain sentences for RESULTS.md: what was measured and why a target was missed. */
  notes: string[];
  details: Record<string, unknown>;
}

export type SuiteOptions = Record<string, number | string | boolean | undefined>;

export type SuiteOutcome = Omit<SuiteResult, 'startedAt' | 'finishedAt'>;

export type SuiteBody = (options: SuiteOptions) => Promise<SuiteOutcome>;

/** The main of a suite's process: options from argv[2], result to the file in argv[3]. */
export function runSuite(body: SuiteBody): void {
  const options = JSON.parse(process.argv[2] ?? '{}') as SuiteOptions;
  const outFile = process.argv[3];
  const startedAt = new Date().toISOString();

  body(options)
    .then((result) => {
      const full: SuiteResult = { ...result, startedAt, finishedAt: new Date().toISOString() };
      if (outFile) fs.writeFileSync(outFile, JSON.stringify(full, null, 2));
      else console.log(JSON.stringify(full, null, 2));
      process.exit(0);
    })
    .catch((err) => {
      console.error(`bench: suite failed: ${(err as Error).stack ?? String(err)}`);
      process.exit(1);
    });
}

export function numberOption(options: SuiteOptions, name: string, fallback: number): number {
  const value = options[name];
  if (value === undefined || value === '') return fallback;

  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number, got ${value}`);
  return parsed;
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
