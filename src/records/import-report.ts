import type { FieldIssue } from '../domain/records';

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface ReportRow {
  line: number;
  status: RowStatus;
  key?: string;
  errors?: FieldIssue[];
  warnings?: FieldIssue[];
}

/**
 * The answer to an import (issue 5: "each row is accepted or rejected with
 * reasons; a report lists them"). `accepted` counts every valid row, written
 * or not: `accepted = created + updated + unchanged`.
 */
export interface ImportReport {
  accepted: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rejected rows and rows with warnings, all of them; other rows up to `LISTED_ROWS`. */
  rows: ReportRow[];
  /** Accepted rows without warnings left out of `rows`. */
  rowsOmitted: number;
}

/**
 * How many accepted rows without warnings the report lists. A 100,000-row
 * batch would otherwise answer with megabytes of "created"; the counts say
 * it all, and a re-run of the same file is harmless.
 */
export const LISTED_ROWS = 1000;

export class ImportReportBuilder {
  private readonly report: ImportReport = {
    accepted: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rows: [],
    rowsOmitted: 0,
  };
  private listedPlain = 0;

  reject(line: number, errors: FieldIssue[]): void {
    this.report.rejected += 1;
    this.report.rows.push({ line, status: 'rejected', errors });
  }

  accept(
    line: number,
    key: string,
    status: Exclude<RowStatus, 'rejected'>,
    warnings: FieldIssue[],
  ): void {
    this.report.accepted += 1;
    this.report[status] += 1;

    if (warnings.length > 0) {
      this.report.rows.push({ line, status, key, warnings });
    } else if (this.listedPlain < LISTED_ROWS) {
      this.listedPlain += 1;
      this.report.rows.push({ line, status, key });
    } else {
      this.report.rowsOmitted += 1;
    }
  }

  get rowsRead(): number {
    return this.report.accepted + this.report.rejected;
  }

  counts() {
    const { accepted, created, updated, unchanged, rejected } = this.report;
    return { rows: this.rowsRead, accepted, created, updated, unchanged, rejected };
  }

  /** The report, rows in file order (rejected rows are known before their batch is written). */
  build(): ImportReport {
    return { ...this.report, rows: [...this.report.rows].sort((a, b) => a.line - b.line) };
  }
}
