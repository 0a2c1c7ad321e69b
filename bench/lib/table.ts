import type { SuiteResult } from './suite';

/** The run's figures as a plain-text table for the terminal. */
export function printTable(results: SuiteResult[]): string {
  const rows = [['suite', 'figure', 'value', 'target', 'met']];
  for (const result of results) {
    for (const figure of result.figures) {
      const met = figure.met === undefined || figure.met === null ? '' : figure.met ? 'yes' : 'NO';
      rows.push([result.suite, figure.name, figure.value, figure.target ?? '', met]);
    }
  }

  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  const cell = (text: string, col: number) => text.padEnd(widths[col]);
  return rows.map((row) => row.map(cell).join('  ').trimEnd()).join('\n');
}
