import {
  CsvHeaderError,
  importRows,
  participantImport,
  supplierImport,
  WHOLE_RECORD,
  type ImportFormat,
  type ImportedRow,
  type RecordImport,
} from '../domain/records';
import { ValidationError } from '../errors';
import type { ChangeSource } from '../store/participant-model';
import { ImportReportBuilder, type ImportReport } from './import-report';
import type { BatchItem, BatchResult } from './leased-writer';
import type { ParticipantRecords } from './participant-records';
import type { SupplierRecords } from './supplier-records';

export const RECORD_KINDS = ['participants', 'suppliers'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface ImportProgress {
  rows: number;
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportOptions {
  format: ImportFormat;
  source: ChangeSource;
  actor: string;
  /** Called after every written batch. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Rows written together, in a handful of round trips (leases, fingerprints,
 * new records, then one read and one update for the records that change).
 * Bounds memory to a batch of rows, a few MB, whatever the size of the
 * file. Large, because on FerretDB 1.x that one read scans the whole
 * collection however few keys it asks for.
 */
export const IMPORT_BATCH_ROWS = 1000;

const ROW_STATUS = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;

type AcceptedRow<T> = Extract<ImportedRow<T>, { status: 'accepted' }>;

interface KindImport<T> {
  spec: RecordImport<T>;
  write(items: BatchItem<T>[], source: ChangeSource, actor: string): Promise<BatchResult[]>;
}

/**
 * Batches of gateway records, JSON Lines or CSV (issue 5, "Gateway feed"),
 * read row by row from any stream: the HTTP endpoint and the CLI both come
 * here. A rejected row writes nothing and never stops the rest; a row
 * whose record stays locked by someone else is rejected as RECORD_BUSY.
 * Rows with the same key are written in file order.
 */
export class RecordImports {
  constructor(
    private readonly participants: ParticipantRecords,
    private readonly suppliers: SupplierRecords,
  ) {}

  async run(
    kind: RecordKind,
    source: AsyncIterable<string | Uint8Array>,
    options: ImportOptions,
  ): Promise<ImportReport> {
    if (kind === 'participants') {
      return runImport(source, options, {
        spec: participantImport,
        write: (items, from, actor) => this.participants.upsertMany(items, from, actor),
      });
    }

    return runImport(source, options, {
      spec: supplierImport,
      write: (items, from, actor) => this.suppliers.upsertMany(items, from, actor),
    });
  }
}

async function runImport<T>(
  source: AsyncIterable<string | Uint8Array>,
  options: ImportOptions,
  kind: KindImport<T>,
): Promise<ImportReport> {
  const report = new ImportReportBuilder();
  let batch: AcceptedRow<T>[] = [];
  const keys = new Set<string>();

  const flush = async () => {
    if (batch.length === 0) return;

    await writeBatch(batch, options, kind, report);
    batch = [];
    keys.clear();
    options.onProgress?.(report.counts());
  };

  try {
    for await (const row of importRows(source, options.format, kind.spec)) {
      if (row.status === 'rejected') {
        report.reject(row.line, row.errors);
        continue;
      }

      if (keys.has(row.key)) await flush();
      batch.push(row);
      keys.add(row.key);
      if (batch.length >= IMPORT_BATCH_ROWS) await flush();
    }
  } catch (err) {
    if (err instanceof CsvHeaderError) throw new ValidationError(err.code, err.message, 'header');
    throw err;
  }

  await flush();
  return report.build();
}

async function writeBatch<T>(
  batch: AcceptedRow<T>[],
  options: ImportOptions,
  kind: KindImport<T>,
  report: ImportReportBuilder,
): Promise<void> {
  const items = batch.map((row) => ({ key: row.key, value: row.value }));
  const results = await kind.write(items, options.source, options.actor);

  results.forEach((result, index) => {
    const row = batch[index];
    if (result.kind === 'busy') {
      const message = result.error.message;
      report.reject(row.line, [{ field: WHOLE_RECORD, code: 'RECORD_BUSY', message }]);
      return;
    }

    report.accept(row.line, row.key, ROW_STATUS[result.kind], row.warnings);
  });
}
