import { csvRowToRecord, parseCsvCells, readCsvHeader, type CsvLayout } from './csv-row';
import { splitRecords, type SourceRecord } from './source-records';
import { WHOLE_RECORD, type FieldIssue, type ValidationResult } from './validation';

export type ImportFormat = 'jsonl' | 'csv';

/** What the import needs to know about one kind of record. */
export interface RecordImport<T> {
  validate(input: unknown): ValidationResult<T>;
  /** The IIN or BIN the store upserts by (issue 5). */
  keyOf(value: T): string;
  csv: CsvLayout;
}

export type ImportedRow<T> =
  | { line: number; status: 'accepted'; key: string; value: T; warnings: FieldIssue[] }
  | { line: number; status: 'rejected'; errors: FieldIssue[] };

export interface ImportOptions {
  /**
   * Longest row kept, in characters; a longer one is rejected and skipped.
   * Bounds memory whatever the file holds. Default 262,144 (256 Ki).
   */
  maxRowLength?: number;
}

const DEFAULT_MAX_ROW_LENGTH = 262_144;

type ReadResult = { ok: true; input: unknown } | { ok: false; errors: FieldIssue[] };

/** Marks the CSV header line, which is not a row. */
const HEADER = Symbol('header');

/**
 * Reads a batch of records (issue 5, "Gateway feed") as JSON Lines or CSV
 * and yields every row as accepted or rejected with reasons. A bad row
 * never stops the rest; rows come one at a time, so the caller can report
 * progress and write as it goes. Only a CSV header that does not fit the
 * layout stops the import, with a CsvHeaderError before the first row.
 */
export async function* importRows<T>(
  source: AsyncIterable<string | Uint8Array>,
  format: ImportFormat,
  spec: RecordImport<T>,
  options: ImportOptions = {},
): AsyncGenerator<ImportedRow<T>> {
  const maxLength = options.maxRowLength ?? DEFAULT_MAX_ROW_LENGTH;
  const records = splitRecords(source, { quotedLineBreaks: format === 'csv', maxLength });
  const readRecord = format === 'csv' ? csvReader(spec.csv, maxLength) : jsonLineReader(maxLength);

  for await (const record of records) {
    const read = readRecord(record);
    if (read === HEADER) continue;

    yield read.ok ? checkRow(record.line, read.input, spec) : reject(record.line, read.errors);
  }
}

function jsonLineReader(maxLength: number): (record: SourceRecord) => ReadResult {
  return (record) => {
    if (record.tooLong) return tooLong(maxLength);

    try {
      return { ok: true, input: JSON.parse(record.text) };
    } catch {
      const message = 'This line is not valid JSON';
      return { ok: false, errors: [{ field: WHOLE_RECORD, code: 'ROW_NOT_JSON', message }] };
    }
  };
}

function csvReader(
  layout: CsvLayout,
  maxLength: number,
): (record: SourceRecord) => ReadResult | typeof HEADER {
  let columns: string[] | null = null;

  return (record) => {
    if (columns === null) {
      columns = readCsvHeader(record.tooLong ? [] : (readCells(record.text) ?? []), layout);
      return HEADER;
    }

    if (record.tooLong) return tooLong(maxLength);

    const cells = readCells(record.text);
    if (cells === null) {
      const message = 'This row is not well-formed CSV (check its double quotes)';
      return { ok: false, errors: [{ field: WHOLE_RECORD, code: 'CSV_MALFORMED', message }] };
    }

    const built = csvRowToRecord(columns, cells, layout);
    return built.ok ? { ok: true, input: built.record } : built;
  };
}

function readCells(text: string): string[] | null {
  try {
    return parseCsvCells(text);
  } catch {
    return null;
  }
}

function tooLong(maxLength: number): ReadResult {
  const message = `This row is longer than ${maxLength} characters and was skipped`;
  return { ok: false, errors: [{ field: WHOLE_RECORD, code: 'ROW_TOO_LONG', message }] };
}

function checkRow<T>(line: number, input: unknown, spec: RecordImport<T>): ImportedRow<T> {
  const result = spec.validate(input);
  if (!result.ok) return reject(line, result.errors);

  const { value, warnings } = result;
  return { line, status: 'accepted', key: spec.keyOf(value), value, warnings };
}

function reject<T>(line: number, errors: FieldIssue[]): ImportedRow<T> {
  return { line, status: 'rejected', errors };
}
