import { expect } from 'chai';

import { validateParticipant } from '../../../src/domain/records';
import { gatewayRowHash } from '../../../src/records/state-fingerprints';
import { startTestDesk, type TestDesk } from '../../support/desk';
import {
  assistantInput,
  type Input,
  jsonLines,
  legalEntityInput,
  makeBin,
  makeIin,
  participantInput,
  staffApi,
  withWrongCheckDigit,
} from '../../support/records';

const NDJSON = 'application/x-ndjson';

/** Participants 0..count-1, born on consecutive days, all valid. */
function participants(count: number) {
  return Array.from({ length: count }, (_, n) => {
    const birthDate = `1960-01-${String(1 + (n % 28)).padStart(2, '0')}`;
    return participantInput({
      iin: makeIin(birthDate, 'female', 1000 + n),
      birthDate,
      name: `Айгуль${n}`,
      phone: `+7701${String(n).padStart(7, '0')}`,
    });
  });
}

describe('gateway imports', () => {
  let desk: TestDesk;
  let integration: ReturnType<typeof staffApi>;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
    integration = staffApi(desk.app, 'integration');
  });

  afterEach(async () => {
    await desk.close();
  });

  const importParticipants = (body: string, type = NDJSON) =>
    integration.send('/api/imports/participants', type, body);

  async function updatedAts() {
    return desk.runtime.store.participants.find({}, { updatedAt: 1 }).sort({ _id: 1 }).lean();
  }

  async function historyLengths(): Promise<number[]> {
    const docs = await desk.runtime.store.participants
      .find({}, { history: 1 })
      .sort({ _id: 1 })
      .lean();
    return docs.map((doc) => doc.history.length);
  }

  describe('POST /api/imports/participants (JSON Lines)', () => {
    it('creates every row, and a second import of the same batch changes nothing', async () => {
      const body = jsonLines(participants(30));

      const first = await importParticipants(body);
      const stamps = await updatedAts();
      desk.clock.set('2026-12-04T09:00:00+05:00');
      const second = await importParticipants(body);

      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body).to.include({ accepted: 30, created: 30, unchanged: 0, rejected: 0 });
      expect(first.body.rows[0]).to.deep.include({ line: 1, status: 'created' });
      expect(second.body).to.include({ accepted: 30, created: 0, updated: 0, unchanged: 30 });
      const statuses = second.body.rows.map((row: { status: string }) => row.status);
      expect(new Set(statuses)).to.deep.equal(new Set(['unchanged']));
      expect(await historyLengths()).to.deep.equal(new Array(30).fill(1));

      expect(await updatedAts()).to.deep.equal(stamps);
    });

    it('updates only the rows that changed', async () => {
      const rows = participants(5);
      await importParticipants(jsonLines(rows));

      rows[2] = { ...rows[2], address: 'Караганда, ул. Бухар-Жырау, 3' };
      const res = await importParticipants(jsonLines(rows));

      expect(res.body).to.include({ accepted: 5, updated: 1, unchanged: 4 });
      expect(res.body.rows[2]).to.include({ line: 3, status: 'updated', key: rows[2].iin });
      expect(await historyLengths()).to.have.members([1, 1, 1, 1, 2]);
    });

    it('lists each bad row with its reasons, writes nothing for it, and goes on', async () => {
      const maleIin = (serial: number) => makeIin('1970-02-02', 'male', serial);
      const good = participants(3);
      const badIin = participantInput({ iin: withWrongCheckDigit(String(good[0].iin)) });
      const lines = [
        good[0],
        badIin,
        '{"iin": "850412400121", "surname": ',
        participantInput({ iin: maleIin(5), sex: 'male', phone: '+7 912 345 67 89' }),
        good[1],
        participantInput({ iin: maleIin(50), sex: 'male', category: undefined }),
        '',
        good[2],
      ];

      const res = await importParticipants(jsonLines(lines));

      expect(res.status).to.equal(200);
      expect(res.body).to.include({ accepted: 3, created: 3, rejected: 4 });
      const rejected = res.body.rows.filter(
        (row: { status: string }) => row.status === 'rejected',
      );
      expect(rejected.map((row: { line: number }) => row.line)).to.deep.equal([2, 3, 4, 6]);
      expect(rejected[0].errors[0]).to.include({ field: 'iin', code: 'IIN_CHECKSUM' });
      expect(rejected[1].errors[0]).to.include({ field: 'record', code: 'ROW_NOT_JSON' });
      expect(rejected[2].errors[0]).to.include({ field: 'phone', code: 'PHONE_NOT_KZ' });
      expect(rejected[3].errors[0]).to.include({ field: 'category', code: 'REQUIRED' });
      expect(rejected.every((row: { key?: string }) => row.key === undefined)).to.equal(true);

      const stored = await desk.runtime.store.participants.find({}, { _id: 1 }).lean();
      expect(stored.map((doc) => doc._id)).to.have.members(good.map((row) => row.iin));
    });

    it('writes repeated IINs in file order, the last one winning', async () => {
      const [row] = participants(1);
      const lines = [row, { ...row, address: 'Павлодар' }, { ...row, address: 'Актобе' }];

      const res = await importParticipants(jsonLines(lines));
      const stored = await desk.runtime.store.participants.findById(row.iin).lean();

      expect(res.body.rows.map((r: { status: string }) => r.status)).to.deep.equal([
        'created',
        'updated',
        'updated',
      ]);
      expect(stored!.address).to.equal('Актобе');
      expect(stored!.history).to.have.length(3);
    });

    it('lists rows with IIN warnings, which are accepted', async () => {
      const [row] = participants(1);
      const res = await importParticipants(jsonLines([{ ...row, sex: 'male' }]));

      expect(res.body.accepted).to.equal(1);
      expect(res.body.rows[0].warnings[0]).to.include({ field: 'sex', code: 'IIN_SEX_MISMATCH' });
    });

    it('caps the listing of accepted rows but counts them all', async function () {
      this.timeout(120_000);
      const res = await importParticipants(jsonLines(participants(1100)));

      expect(res.body).to.include({ accepted: 1100, created: 1100, rowsOmitted: 100 });
      expect(res.body.rows).to.have.length(1000);
    });
  });

  describe('unchanged rows told by fingerprint', () => {
    const address = (text: string): Input => ({ ...participants(1)[0], address: text });
    const iin = String(participants(1)[0].iin);

    it('applies a row that returns to an earlier version (A, B, then A again)', async () => {
      const statuses = [];
      for (const row of [address('Астана'), address('Алматы'), address('Астана')]) {
        statuses.push((await importParticipants(jsonLines([row]))).body.rows[0].status);
      }

      const stored = await desk.runtime.store.participants.findById(iin).lean();
      expect(statuses).to.deep.equal(['created', 'updated', 'updated']);
      expect(stored!.address).to.equal('Астана');
      expect(await desk.runtime.store.fingerprints.countDocuments()).to.equal(1);
    });

    it('does not trust a fingerprint a failed batch left behind', async () => {
      await importParticipants(jsonLines([address('Астана')]));

      // What a batch that died between its probe and its write leaves.
      const next = validateParticipant(address('Алматы'));
      if (!next.ok) throw new Error('fixture is invalid');
      const id = `${iin}:${gatewayRowHash(next.value)}`;
      await desk.runtime.store.fingerprints.create({ _id: id });
      await desk.runtime.store.fingerprintProbes.create({
        _id: `dead-token:${id}`,
        token: 'dead-token',
        key: iin,
        fingerprint: id,
      });

      const res = await importParticipants(jsonLines([address('Алматы')]));

      expect(res.body.rows[0].status).to.equal('updated');
      const stored = await desk.runtime.store.participants.findById(iin).lean();
      expect(stored!.address).to.equal('Алматы');
      expect(await desk.runtime.store.fingerprintProbes.countDocuments()).to.equal(0);
    });

    it("keeps the participant's correction when the same batch comes again", async () => {
      const [row] = participants(1);
      await importParticipants(jsonLines([row]));
      const operator = staffApi(desk.app, 'operator');
      await operator.patch(`/api/participants/${row.iin}/contact`, { phone: '87771112233' });

      const again = await importParticipants(jsonLines([row]));
      const stored = await desk.runtime.store.participants.findById(row.iin).lean();

      expect(again.body.unchanged).to.equal(1);
      expect(stored!.phone).to.equal('+77771112233');
    });
  });

  describe('POST /api/imports/suppliers (CSV)', () => {
    const header =
      'kind,bin,iin,fullName,shortName,legalAddress,head,founders,premises.kind,' +
      'premises.registration,oked,ownership,entrepreneurRegistration,noMentalHealthRegistration';

    it('imports quoted cells, code lists and JSON cells, and rejects a bad BIN', async () => {
      const clinic = legalEntityInput();
      const founders = JSON.stringify(clinic.founders).replace(/"/g, '""');
      const row = (bin: string) =>
        `legal-entity,${bin},,"ТОО ""Шипагер""",ТОО Шипагер,"Алматы, пр. Достык, 10",` +
        `Сериков Серик,"${founders}",lease,KZ-LEASE-12/2023,86100;74300,private,,`;
      const assistant = assistantInput();
      const csv = [
        header,
        row(String(clinic.bin)),
        row(withWrongCheckDigit(makeBin('2001', 5))),
        `personal-assistant,,${assistant.iin},${assistant.fullName},,,,,,,,,,true`,
      ].join('\r\n');

      const res = await integration.send('/api/imports/suppliers', 'text/csv; charset=utf-8', csv);

      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ accepted: 2, created: 2, rejected: 1 });
      expect(res.body.rows[1]).to.deep.include({ line: 3, status: 'rejected' });
      expect(res.body.rows[1].errors[0]).to.include({ field: 'bin', code: 'BIN_CHECKSUM' });

      const stored = await desk.runtime.store.suppliers.findById(clinic.bin).lean();
      expect(stored!.card).to.deep.include({
        fullName: 'ТОО "Шипагер"',
        oked: ['86100', '74300'],
      });
      expect(stored!.directions).to.deep.equal(['sanatorium', 'sign-language']);
    });

    it('stops at a header it does not know, before any row', async () => {
      const res = await integration.send('/api/imports/suppliers', 'text/csv', 'kind,colour\nx,y');

      expect(res.status).to.equal(422);
      expect(res.body.error).to.include({ code: 'CSV_UNKNOWN_COLUMN', field: 'header' });
    });
  });

  describe('the import endpoint', () => {
    it('refuses a body that is neither JSON Lines nor CSV, and compressed bodies', async () => {
      const json = await importParticipants('[]', 'application/json');
      const gzip = await integration
        .send('/api/imports/participants', NDJSON, '')
        .set('content-encoding', 'gzip');

      expect(json.status).to.equal(415);
      expect(gzip.status).to.equal(415);
    });

    it('refuses operators and an unknown kind', async () => {
      const operator = staffApi(desk.app, 'operator');
      const byOperator = await operator.send('/api/imports/participants', NDJSON, '');
      const unknown = await integration.send('/api/imports/requests', NDJSON, '');

      expect(byOperator.status).to.equal(403);
      expect(unknown.status).to.equal(404);
    });

    it('takes a body larger than the JSON limit of the rest of the API', async function () {
      this.timeout(60_000);
      const body = jsonLines(participants(200));
      expect(Buffer.byteLength(body)).to.be.greaterThan(64 * 1024);

      const res = await importParticipants(body);
      expect(res.status).to.equal(200);
      expect(res.body.accepted).to.equal(200);
    });
  });
});
