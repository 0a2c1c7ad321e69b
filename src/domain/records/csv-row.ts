import { parse } from 'csv-parse/sync';

import { WHOLE_RECORD, type FieldIssue } from './validation';

/**
 * How a record's fields are laid out as CSV columns.
 *
 * - Nested fields use dotted headers: `document.kind`, `premises.kind`.
 * - A list of codes (`oked`) is one cell, `;`-separated ("87300;86100");
 *   a cell starting with `[` is read as a JSON array instead.
 * - A list of objects (`founders`, `representatives`) is one cell holding
 *   a JSON array, as spreadsheets have no better way to nest them.
 * - A yes/no field holds `true` or `false`.
 * - An empty cell means the field is absent.
 */
export interface CsvLayout {
  /** Every header the file may carry; others make the file unreadable. */
  columns: readonly string[];
  codeLists?: readonly string[];
  jsonLists?: readonly string[];
  booleans?: readonly string[];
}

export type CsvHeaderErrorCode = 'CSV_NO_HEADER' | 'CSV_UNKNOWN_COLUMN' | 'CSV_DUPLICATE_COLUMN';

/**
 * A header problem spoils every row below it, so it stops the import
 * before any row is read rather than rejecting each row the same way.
 */
export class CsvHeaderError extends Error {
  constructor(
    readonly code: CsvHeaderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CsvHeaderError';
  }
}

/**
 * Splits one CSV record, already cut from the stream, into cells. A record
 * without double quotes is just its commas (RFC 4180) and is split here,
 * because csv-parse builds a parser per call (~150 µs a row, a quarter of a
 * minute per 100,000 rows). Quoted records go to csv-parse. Throws when the
 * quoting is malformed.
 */
export function parseCsvCells(recordText: string): string[] {
  if (!recordText.includes('"')) return recordText.split(',');

  // The record is already cut at its line break, so '\n' is the only
  // delimiter left to name; a stray '\r' then stays inside its cell.
  const records: string[][] = parse(recordText, { record_delimiter: '\n' });
  if (records.length !== 1) throw new Error('Expected exactly one CSV record');

  return records[0];
}

/** Checks the header against the layout and returns the column names. */
export function readCsvHeader(cells: readonly string[], layout: CsvLayout): string[] {
  const columns = cells.map((cell) => cell.trim());
  if (columns.length === 0 || columns.every((column) => column === '')) {
    throw new CsvHeaderError('CSV_NO_HEADER', 'The CSV file has no readable header line');
  }

  const unknown = columns.filter((column) => !layout.columns.includes(column));
  if (unknown.length > 0) {
    throw new CsvHeaderError(
      'CSV_UNKNOWN_COLUMN',
      `Unknown CSV column(s): ${unknown.join(', ')}. Expected: ${layout.columns.join(', ')}`,
    );
  }

  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (repeated.length > 0) {
    const message = `Repeated CSV column(s): ${repeated.join(', ')}`;
    throw new CsvHeaderError('CSV_DUPLICATE_COLUMN', message);
  }

  return columns;
}

/**
 * Builds the record a CSV row describes. Headers were checked against the
 * layout, so a dotted path can only name the layout's own fields.
 */
export function csvRowToRecord(
  columns: readonly string[],
  cells: readonly string[],
  layout: CsvLayout,
): { ok: true; record: Record<string, unknown> } | { ok: false; errors: FieldIssue[] } {
  if (cells.length !== columns.length) {
    const message = `Expected ${columns.length} cells, found ${cells.length}`;
    return { ok: false, errors: [{ field: WHOLE_RECORD, code: 'CSV_CELL_COUNT', message }] };
  }

  const record: Record<string, unknown> = {};
  const errors: FieldIssue[] = [];

  columns.forEach((column, index) => {
    const cell = cells[index];
    if (cell.trim() === '') return;

    const value = readCell(column, cell, layout);
    if (value.ok) setPath(record, column.split('.'), value.value);
    else errors.push({ field: column, code: 'CSV_CELL_NOT_JSON', message: value.message });
  });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, record };
}

function readCell(
  column: string,
  cell: string,
  layout: CsvLayout,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = cell.trim();

  if (layout.jsonLists?.includes(column)) return readJson(text);
  if (layout.codeLists?.includes(column)) {
    if (text.startsWith('[')) return readJson(text);
    return {
      ok: true,
      value: text
        .split(';')
        .map((code) => code.trim())
        .filter(Boolean),
    };
  }
  if (layout.booleans?.includes(column)) {
    // Anything else stays a string, which the schema refuses as not a boolean.
    const lower = text.toLowerCase();
    return { ok: true, value: lower === 'true' ? true : lower === 'false' ? false : text };
  }

  return { ok: true, value: cell };
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: 'Expected a JSON array in this cell' };
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }

  const existing = target[head];
  const child: Record<string, unknown> =
    typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
  target[head] = child;
  setPath(child, rest, value);
}
