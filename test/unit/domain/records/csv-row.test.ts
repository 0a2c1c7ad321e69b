import { expect } from 'chai';

import {
  CsvHeaderError,
  csvRowToRecord,
  parseCsvCells,
  readCsvHeader,
  type CsvLayout,
} from '../../../../src/domain/records/csv-row';

const LAYOUT: CsvLayout = {
  columns: ['iin', 'document.kind', 'document.number', 'oked', 'founders', 'confirmed'],
  codeLists: ['oked'],
  jsonLists: ['founders'],
  booleans: ['confirmed'],
};

function headerError(run: () => unknown): CsvHeaderError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvHeaderError) return error;
    throw error;
  }
  throw new Error('expected a CsvHeaderError');
}

describe('parseCsvCells', () => {
  it('splits a plain record on commas, keeping empty cells', () => {
    expect(parseCsvCells('a,,b,')).to.deep.equal(['a', '', 'b', '']);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(parseCsvCells('"ТОО ""Жан""","Астана,\nАбая 1",x')).to.deep.equal([
      'ТОО "Жан"',
      'Астана,\nАбая 1',
      'x',
    ]);
  });

  it('gives the same cells whether or not a plain record is quoted', () => {
    expect(parseCsvCells('"a","b","c"')).to.deep.equal(parseCsvCells('a,b,c'));
  });

  it('throws on text after a closing quote', () => {
    expect(() => parseCsvCells('"bad"x,1')).to.throw();
  });
});

describe('readCsvHeader', () => {
  it('returns the trimmed column names', () => {
    expect(readCsvHeader([' iin ', 'document.kind'], LAYOUT)).to.deep.equal([
      'iin',
      'document.kind',
    ]);
  });

  it('refuses an unknown column, naming it', () => {
    const error = headerError(() => readCsvHeader(['iin', 'id', '__proto__.x'], LAYOUT));

    expect(error.code).to.equal('CSV_UNKNOWN_COLUMN');
    expect(error.message).to.contain('id, __proto__.x');
  });

  it('refuses a repeated column', () => {
    expect(headerError(() => readCsvHeader(['iin', 'iin'], LAYOUT)).code).to.equal(
      'CSV_DUPLICATE_COLUMN',
    );
  });

  it('refuses an empty header', () => {
    expect(headerError(() => readCsvHeader([''], LAYOUT)).code).to.equal('CSV_NO_HEADER');
  });
});

describe('csvRowToRecord', () => {
  const columns = LAYOUT.columns;

  it('nests dotted columns and leaves empty cells out', () => {
    const cells = ['850412400121', 'id-card', '', '', '', ''];

    expect(csvRowToRecord(columns, cells, LAYOUT)).to.deep.equal({
      ok: true,
      record: { iin: '850412400121', document: { kind: 'id-card' } },
    });
  });

  it('reads a code list separated by semicolons or written as JSON', () => {
    const bySemicolons = csvRowToRecord(columns, ['', '', '', '87300; 86100;', '', ''], LAYOUT);
    const asJson = csvRowToRecord(columns, ['', '', '', '["87300","86100"]', '', ''], LAYOUT);

    expect(bySemicolons).to.deep.equal({ ok: true, record: { oked: ['87300', '86100'] } });
    expect(asJson).to.deep.equal(bySemicolons);
  });

  it('reads a JSON list of objects and a yes/no cell', () => {
    const cells = ['', '', '', '', '[{"fullName":"Ким"}]', 'TRUE'];

    expect(csvRowToRecord(columns, cells, LAYOUT)).to.deep.equal({
      ok: true,
      record: { founders: [{ fullName: 'Ким' }], confirmed: true },
    });
  });

  it('leaves a yes/no cell that is neither as text for the schema to refuse', () => {
    const cells = ['', '', '', '', '', 'yes'];

    expect(csvRowToRecord(columns, cells, LAYOUT)).to.deep.equal({
      ok: true,
      record: { confirmed: 'yes' },
    });
  });

  it('rejects a list cell that is not JSON', () => {
    const cells = ['', '', '', '', '{fullName: Ким}', ''];

    expect(csvRowToRecord(columns, cells, LAYOUT)).to.deep.equal({
      ok: false,
      errors: [
        {
          field: 'founders',
          code: 'CSV_CELL_NOT_JSON',
          message: 'Expected a JSON array in this cell',
        },
      ],
    });
  });

  it('rejects a row with more or fewer cells than the header', () => {
    const result = csvRowToRecord(columns, ['850412400121'], LAYOUT);

    expect(result.ok === false && result.errors.map((error) => error.code)).to.deep.equal([
      'CSV_CELL_COUNT',
    ]);
  });
});
