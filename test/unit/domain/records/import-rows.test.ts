import { expect } from 'chai';

import {
  CsvHeaderError,
  importRows,
  participantImport,
  supplierImport,
  type ImportFormat,
  type ImportOptions,
  type ImportedRow,
  type RecordImport,
} from '../../../../src/domain/records';
import { AIGUL_IIN, CLINIC_BIN, SERIK_IIN, participantInput, type Input } from './record-fixtures';

async function* chunksOf(text: string, size = 16): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; start += size) {
    yield bytes.subarray(start, start + size);
  }
}

async function collect<T>(
  text: string,
  format: ImportFormat,
  spec: RecordImport<T>,
  options?: ImportOptions,
): Promise<Array<ImportedRow<T>>> {
  const rows: Array<ImportedRow<T>> = [];
  for await (const row of importRows(chunksOf(text), format, spec, options)) rows.push(row);
  return rows;
}

/** Line, status and key or error codes: what an import report shows. */
function summary<T>(rows: Array<ImportedRow<T>>) {
  return rows.map((row) =>
    row.status === 'accepted'
      ? { line: row.line, status: row.status, key: row.key }
      : { line: row.line, status: row.status, codes: row.errors.map((error) => error.code) },
  );
}

function jsonLines(records: unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

const PARTICIPANT_HEADER = participantImport.csv.columns.join(',');

function participantCsvLine(input: Input): string {
  const document = input.document as Input;
  const cells = [
    input.iin,
    input.surname,
    input.name,
    input.patronymic,
    input.birthDate,
    input.sex,
    `"${String(input.address)}"`,
    input.phone,
    input.email,
    document.kind,
    document.number,
    document.issuer,
    document.issuedOn,
    document.expiresOn,
    input.category,
    '',
    input.language,
  ];
  return cells.map((cell) => (cell === undefined ? '' : String(cell))).join(',');
}

describe('importRows', () => {
  describe('when reading JSON Lines', () => {
    it('accepts good rows and rejects bad ones without stopping', async () => {
      const text = [
        JSON.stringify(participantInput()),
        '{"iin": ',
        '',
        JSON.stringify(participantInput({ iin: '850412400122' })),
        JSON.stringify(participantInput({ iin: SERIK_IIN, birthDate: '1990-03-15', sex: 'male' })),
      ].join('\n');

      expect(summary(await collect(text, 'jsonl', participantImport))).to.deep.equal([
        { line: 1, status: 'accepted', key: AIGUL_IIN },
        { line: 2, status: 'rejected', codes: ['ROW_NOT_JSON'] },
        { line: 4, status: 'rejected', codes: ['IIN_CHECKSUM'] },
        { line: 5, status: 'accepted', key: SERIK_IIN },
      ]);
    });

    it('carries the normalised value and its warnings', async () => {
      const text = jsonLines([participantInput({ sex: 'male' })]);
      const [row] = await collect(text, 'jsonl', participantImport);

      expect(row.status).to.equal('accepted');
      if (row.status !== 'accepted') return;
      expect(row.value.phone).to.equal('+77012345678');
      expect(row.warnings.map((warning) => warning.code)).to.deep.equal(['IIN_SEX_MISMATCH']);
    });

    it('rejects a row that is valid JSON but not a record', async () => {
      const rows = await collect('[1,2]\n"text"\n', 'jsonl', participantImport);

      expect(summary(rows)).to.deep.equal([
        { line: 1, status: 'rejected', codes: ['INVALID_TYPE'] },
        { line: 2, status: 'rejected', codes: ['INVALID_TYPE'] },
      ]);
    });

    it('rejects an over-long row and reads the next', async () => {
      const text = jsonLines([
        participantInput({ address: 'x'.repeat(2000) }),
        participantInput(),
      ]);
      const rows = await collect(text, 'jsonl', participantImport, { maxRowLength: 1000 });

      expect(summary(rows)).to.deep.equal([
        { line: 1, status: 'rejected', codes: ['ROW_TOO_LONG'] },
        { line: 2, status: 'accepted', key: AIGUL_IIN },
      ]);
    });
  });

  describe('when reading CSV', () => {
    it('reads participants into the same values as JSON Lines', async () => {
      const inputs = [participantInput(), participantInput({ iin: SERIK_IIN, patronymic: '' })];
      const csv = [PARTICIPANT_HEADER, ...inputs.map(participantCsvLine)].join('\r\n');

      const fromCsv = await collect(csv, 'csv', participantImport);
      const fromJson = await collect(jsonLines(inputs), 'jsonl', participantImport);

      expect(summary(fromCsv)).to.deep.equal([
        { line: 2, status: 'accepted', key: AIGUL_IIN },
        { line: 3, status: 'accepted', key: SERIK_IIN },
      ]);
      expect(fromCsv.map(valueOrErrors)).to.deep.equal(fromJson.map(valueOrErrors));
    });

    it('reads representatives from a JSON cell', async () => {
      const header =
        'iin,surname,name,birthDate,sex,phone,document.kind,document.number,' +
        'document.issuer,document.issuedOn,category,language,representatives';
      const guardian =
        `[{""iin"":""${SERIK_IIN}"",""surname"":""Ахметов"",""name"":""Серик"",` +
        '""kind"":""guardian""}]';
      const row =
        `${AIGUL_IIN},Ахметова,Айгуль,1985-04-12,female,87012345678,passport,N1,` +
        `МВД,2015-05-01,elderly,ru,"${guardian}"`;

      const [imported] = await collect(`${header}\n${row}\n`, 'csv', participantImport);

      expect(valueOrErrors(imported)).to.deep.include({
        representatives: [{ iin: SERIK_IIN, surname: 'Ахметов', name: 'Серик', kind: 'guardian' }],
      });
    });

    it('reads suppliers with code lists, JSON founders and a yes/no cell', async () => {
      const csv = [
        supplierImport.csv.columns.join(','),
        `legal-entity,${CLINIC_BIN},,"ТОО ""Шипагер""",Шипагер,"Алматы,\nДостык 10",Сериков,` +
          `"[{""fullName"":""Сериков"",""citizenship"":""KZ""}]",` +
          'lease,KZ-1,86100;87.30.0,private,,',
        `personal-assistant,,${AIGUL_IIN},Ахметова Айгуль,,,,,,,,,,true`,
      ].join('\n');

      const rows = await collect(csv, 'csv', supplierImport);

      expect(rows.map(valueOrErrors)).to.deep.equal([
        {
          kind: 'legal-entity',
          bin: CLINIC_BIN,
          fullName: 'ТОО "Шипагер"',
          shortName: 'Шипагер',
          legalAddress: 'Алматы,\nДостык 10',
          head: 'Сериков',
          founders: [{ fullName: 'Сериков', citizenship: 'KZ' }],
          premises: { kind: 'lease', registration: 'KZ-1' },
          oked: ['86100', '87300'],
          ownership: 'private',
        },
        {
          kind: 'personal-assistant',
          iin: AIGUL_IIN,
          fullName: 'Ахметова Айгуль',
          noMentalHealthRegistration: true,
          oked: [],
        },
      ]);
      expect(rows.map((row) => row.line)).to.deep.equal([2, 4]);
    });

    it('rejects a malformed or short row and reads the next', async () => {
      const csv = [
        PARTICIPANT_HEADER,
        '"bad"x,' + participantCsvLine(participantInput()).slice(13),
        'too,few,cells',
        participantCsvLine(participantInput()),
      ].join('\n');

      expect(summary(await collect(csv, 'csv', participantImport))).to.deep.equal([
        { line: 2, status: 'rejected', codes: ['CSV_MALFORMED'] },
        { line: 3, status: 'rejected', codes: ['CSV_CELL_COUNT'] },
        { line: 4, status: 'accepted', key: AIGUL_IIN },
      ]);
    });

    it('stops before the first row when a column is unknown', async () => {
      const csv = `${PARTICIPANT_HEADER},comment\n${participantCsvLine(participantInput())},x\n`;
      const rows: unknown[] = [];

      const failure = await (async () => {
        try {
          for await (const row of importRows(chunksOf(csv), 'csv', participantImport)) {
            rows.push(row);
          }
          return null;
        } catch (error) {
          return error;
        }
      })();

      expect(failure).to.be.instanceOf(CsvHeaderError);
      expect(failure).to.have.property('code', 'CSV_UNKNOWN_COLUMN');
      expect(rows).to.deep.equal([]);
    });

    it('yields nothing for an empty file', async () => {
      expect(await collect('', 'csv', participantImport)).to.deep.equal([]);
    });
  });

  it('gives identical rows when the same batch is imported twice', async () => {
    const records = [participantInput(), { iin: 'x' }, participantInput({ iin: SERIK_IIN })];
    const text = jsonLines(records);

    expect(await collect(text, 'jsonl', participantImport)).to.deep.equal(
      await collect(text, 'jsonl', participantImport),
    );
  });

  it('reads a batch row by row, rejecting only the bad rows', async () => {
    async function* batch(): AsyncGenerator<string> {
      const line = JSON.stringify(participantInput()) + '\n';
      for (let n = 0; n < 2_000; n += 1) yield n % 500 === 499 ? '{oops}\n' : line;
    }

    let accepted = 0;
    let rejected = 0;
    for await (const row of importRows(batch(), 'jsonl', participantImport)) {
      if (row.status === 'accepted') accepted += 1;
      else rejected += 1;
    }

    expect({ accepted, rejected }).to.deep.equal({ accepted: 1_996, rejected: 4 });
  });
});

function valueOrErrors<T>(row: ImportedRow<T>): unknown {
  return row.status === 'accepted' ? row.value : row.errors;
}
