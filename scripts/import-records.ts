import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

import { configFromProcess } from '../src/config';
import type { ImportFormat } from '../src/domain/records';
import { AppError } from '../src/errors';
import { RECORD_KINDS, type ImportProgress, type RecordKind } from '../src/records';
import { openRuntime } from '../src/runtime';

/**
 * Imports a gateway batch from a file, through the same service as
 * POST /api/imports/… (issue 5, "Gateway feed"):
 *
 *   node dist/scripts/import-records.js participants rows.jsonl
 *   node dist/scripts/import-records.js suppliers rows.csv [--format csv]
 *
 * The format follows the extension (.jsonl, .ndjson, .csv) unless
 * --format says otherwise. Progress goes to stderr, the JSON report to
 * stdout. Exit code: 0 every row accepted, 2 some rows rejected, 1 failed.
 */
const USAGE =
  'usage: import-records <participants|suppliers> <file> [--format jsonl|csv] [--actor name]';

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
};

interface Args {
  kind: RecordKind;
  file: string;
  format: ImportFormat;
  actor: string;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) options[arg.slice(2)] = argv[(i += 1)] ?? '';
    else positional.push(arg);
  }

  const [kindArg, file] = positional;
  const kind = RECORD_KINDS.find((known) => known === kindArg);
  if (!kind || !file || positional.length !== 2) throw new UsageError(USAGE);

  const format = (options.format ?? EXTENSIONS[path.extname(file).toLowerCase()]) as ImportFormat;
  if (format !== 'jsonl' && format !== 'csv') {
    throw new UsageError(`Cannot tell the format of ${file}; give --format jsonl or csv`);
  }

  return { kind, file, format, actor: options.actor || 'cli:import-records' };
}

class UsageError extends Error {}

const PROGRESS_EVERY_ROWS = 5000;

function progressLine(progress: ImportProgress, startedAt: number): string {
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = Math.round(progress.rows / Math.max(seconds, 0.001));
  const { rows, created, updated, unchanged, rejected } = progress;
  return (
    `import-records: ${rows} rows (${created} created, ${updated} updated, ` +
    `${unchanged} unchanged, ${rejected} rejected), ${rate} rows/s\n`
  );
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = configFromProcess();

  // stdout carries the report alone; the runtime's log lines go to stderr.
  const logger = pino({ level: config.logLevel, name: 'import-records' }, pino.destination(2));
  const runtime = await openRuntime(config, { name: 'import-records', logger });
  const startedAt = Date.now();
  let nextProgressAt = 0;

  try {
    const report = await runtime.records.imports.run(args.kind, fs.createReadStream(args.file), {
      format: args.format,
      source: 'gateway',
      actor: args.actor,
      onProgress: (progress) => {
        if (progress.rows < nextProgressAt) return;
        nextProgressAt = progress.rows + PROGRESS_EVERY_ROWS;
        process.stderr.write(progressLine(progress, startedAt));
      },
    });

    const rows = report.accepted + report.rejected;
    process.stderr.write(progressLine({ ...report, rows }, startedAt));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.rejected > 0 ? 2 : 0;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof AppError) {
      process.stderr.write(`import-records: ${err.code}: ${err.message}\n`);
    } else process.stderr.write(`import-records: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
