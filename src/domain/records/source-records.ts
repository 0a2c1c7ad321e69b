/**
 * Splits a text stream into records, one line each, holding at most one
 * record and one chunk in memory (issue 5: 100,000-row batches stream with
 * bounded memory). Nothing here reads a file: the caller hands in any
 * async iterable of chunks, such as a file or request stream.
 */

export interface SourceRecord {
  /** 1-based line on which the record starts. */
  line: number;
  /** The record without its line break; empty when `tooLong`. */
  text: string;
  /** The record passed `maxLength` and was dropped up to its line break. */
  tooLong: boolean;
}

export interface SplitOptions {
  /**
   * CSV: a line break inside double quotes belongs to the field (RFC 4180),
   * so the record goes on. JSON Lines never has a raw line break in a string.
   */
  quotedLineBreaks: boolean;
  /** Longest record kept, in UTF-16 code units. */
  maxLength: number;
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const BYTE_ORDER_MARK = /^\uFEFF/;

/** Splits chunks into records. Blank lines are skipped but still counted. */
export async function* splitRecords(
  source: AsyncIterable<string | Uint8Array>,
  options: SplitOptions,
): AsyncGenerator<SourceRecord> {
  // A multi-byte letter may straddle two chunks; the decoder holds its start.
  const decoder = new TextDecoder('utf-8');
  const state = new RecordState(options);

  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* state.feed(text);
  }

  yield* state.feed(decoder.decode());
  yield* state.end();
}

class RecordState {
  private pending = '';
  private inQuotes = false;
  private tooLong = false;
  private startLine = 1;
  private nextLine = 1;
  private first = true;

  constructor(private readonly options: SplitOptions) {}

  *feed(text: string): Generator<SourceRecord> {
    let start = 0;

    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === QUOTE && this.options.quotedLineBreaks && !this.tooLong) {
        this.inQuotes = !this.inQuotes;
        continue;
      }
      if (code !== LINE_FEED) continue;

      this.nextLine += 1;
      if (this.inQuotes && this.pending.length + (i - start) > this.options.maxLength) {
        this.keep(text.slice(start, i));
        start = i;
      }
      if (this.inQuotes) continue;

      const record = this.take(text.slice(start, i));
      if (record) yield record;
      start = i + 1;
    }

    this.keep(text.slice(start));
  }

  *end(): Generator<SourceRecord> {
    const record = this.take('');
    if (record) yield record;
  }

  /** Closes the current record; null for a blank line. */
  private take(tail: string): SourceRecord | null {
    this.keep(tail);

    const record: SourceRecord = this.tooLong
      ? { line: this.startLine, text: '', tooLong: true }
      : { line: this.startLine, text: this.clean(this.pending), tooLong: false };

    this.pending = '';
    this.tooLong = false;
    this.inQuotes = false;
    this.startLine = this.nextLine;

    return record.tooLong || record.text.trim() !== '' ? record : null;
  }

  /**
   * Adds text to the current record. Past the limit the record is dropped
   * and quotes no longer count, so a stray quote cannot swallow the rest of
   * the file: the next line break ends the damage.
   */
  private keep(text: string): void {
    if (this.tooLong) return;

    this.pending += text;
    if (this.pending.length > this.options.maxLength) {
      this.pending = '';
      this.tooLong = true;
      this.inQuotes = false;
    }
  }

  private clean(text: string): string {
    const withoutBreak = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!this.first) return withoutBreak;

    this.first = false;
    return withoutBreak.replace(BYTE_ORDER_MARK, '');
  }
}
