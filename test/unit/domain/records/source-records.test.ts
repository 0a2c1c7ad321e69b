import { expect } from 'chai';

import { splitRecords, type SourceRecord } from '../../../../src/domain/records/source-records';

const JSONL = { quotedLineBreaks: false, maxLength: 1000 };
const CSV = { quotedLineBreaks: true, maxLength: 1000 };

async function* fromChunks(chunks: Array<string | Uint8Array>) {
  yield* chunks;
}

async function collect(
  chunks: Array<string | Uint8Array>,
  options = JSONL,
): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of splitRecords(fromChunks(chunks), options)) records.push(record);
  return records;
}

function bytesOneByOne(text: string): Uint8Array[] {
  return [...Buffer.from(text, 'utf8')].map((byte) => Uint8Array.of(byte));
}

describe('splitRecords', () => {
  it('splits on LF and CRLF and numbers the lines, skipping blank ones', async () => {
    expect(await collect(['a\r\nb\n\n  \nc'])).to.deep.equal([
      { line: 1, text: 'a', tooLong: false },
      { line: 2, text: 'b', tooLong: false },
      { line: 5, text: 'c', tooLong: false },
    ]);
  });

  it('joins records split across chunks', async () => {
    expect(await collect(['{"a":', '1}\n{"b"', ':2}\n'])).to.deep.equal([
      { line: 1, text: '{"a":1}', tooLong: false },
      { line: 2, text: '{"b":2}', tooLong: false },
    ]);
  });

  it('decodes a Cyrillic letter whose bytes arrive in separate chunks', async () => {
    const records = await collect(bytesOneByOne('Әлия\nЙошкар\n'));

    expect(records.map((record) => record.text)).to.deep.equal(['Әлия', 'Йошкар']);
  });

  it('drops a byte order mark at the start of the file only', async () => {
    const fromBytes = await collect([Buffer.from('\uFEFFa\n\uFEFFb\n', 'utf8')]);
    const fromText = await collect(['\uFEFFa\n']);

    expect(fromBytes.map((record) => record.text)).to.deep.equal(['a', '\uFEFFb']);
    expect(fromText.map((record) => record.text)).to.deep.equal(['a']);
  });

  it('keeps a quoted line break inside a CSV record, starting it on its first line', async () => {
    expect(await collect(['x\n"Астана,\nул. Абая",1\ny\n'], CSV)).to.deep.equal([
      { line: 1, text: 'x', tooLong: false },
      { line: 2, text: '"Астана,\nул. Абая",1', tooLong: false },
      { line: 4, text: 'y', tooLong: false },
    ]);
  });

  it('ends a JSON Lines record at every line break, quotes or not', async () => {
    const records = await collect(['"a\nb"\n']);

    expect(records.map((record) => record.text)).to.deep.equal(['"a', 'b"']);
  });

  it('reports an over-long record and carries on with the next', async () => {
    const options = { quotedLineBreaks: false, maxLength: 5 };

    expect(await collect(['abc\n', 'abcdef', 'gh\nxyz\n'], options)).to.deep.equal([
      { line: 1, text: 'abc', tooLong: false },
      { line: 2, text: '', tooLong: true },
      { line: 3, text: 'xyz', tooLong: false },
    ]);
  });

  it('stops an unclosed CSV quote at the first line break past the limit', async () => {
    const options = { quotedLineBreaks: true, maxLength: 8 };

    expect(await collect(['a\n"open,1\nmore\nb\nc\n'], options)).to.deep.equal([
      { line: 1, text: 'a', tooLong: false },
      { line: 2, text: '', tooLong: true },
      { line: 4, text: 'b', tooLong: false },
      { line: 5, text: 'c', tooLong: false },
    ]);
  });

  it('pulls only the chunks it needs from an endless source', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield '{"n":1}\n{"n":2}\n';
      }
    }

    const records: SourceRecord[] = [];
    for await (const record of splitRecords(endless(), JSONL)) {
      records.push(record);
      if (records.length === 5) break;
    }

    expect(pulled).to.equal(3);
  });
});
