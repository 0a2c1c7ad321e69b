import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import {
  AIGUL_IIN,
  assistantInput,
  CLINIC_BIN,
  legalEntityInput,
  makeBin,
  SERIK_IIN,
  staffApi,
  withWrongCheckDigit,
} from '../../support/records';

describe('suppliers API', () => {
  let desk: TestDesk;
  let integration: ReturnType<typeof staffApi>;
  let operator: ReturnType<typeof staffApi>;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
    integration = staffApi(desk.app, 'integration');
    operator = staffApi(desk.app, 'operator');
  });

  afterEach(async () => {
    await desk.close();
  });

  describe('POST /api/suppliers', () => {
    it('creates a legal entity keyed on its BIN, directions from its OKED codes', async () => {
      const body = legalEntityInput({ oked: ['86.10.0', '47740'] });
      const res = await integration.post('/api/suppliers', body);

      expect(res.status).to.equal(201);
      expect(res.body.outcome).to.equal('created');
      expect(res.body.supplier).to.include({ kind: 'legal-entity', bin: CLINIC_BIN });
      expect(res.body.supplier.oked).to.deep.equal(['86100', '47740']);
      expect(res.body.supplier.directions).to.deep.equal(['technical-aids', 'sanatorium']);
    });

    for (const [what, bin, code] of [
      ['a wrong check digit', withWrongCheckDigit(CLINIC_BIN), 'BIN_CHECKSUM'],
      ['eleven digits', CLINIC_BIN.slice(0, 11), 'BIN_LENGTH'],
      ['a hyphen', '9909-4000123', 'BIN_NOT_DIGITS'],
      ["an individual's IIN", AIGUL_IIN, 'BIN_TYPE'],
    ]) {
      it(`refuses a BIN with ${what} (${code}) and writes nothing`, async () => {
        const res = await integration.post('/api/suppliers', legalEntityInput({ bin }));

        expect(res.status).to.equal(422);
        expect(res.body.error).to.include({ code, field: 'bin' });
        expect(await desk.runtime.store.suppliers.countDocuments()).to.equal(0);
      });
    }

    it('refuses a BIN on an entrepreneur, who is identified by an IIN', async () => {
      const body = {
        kind: 'entrepreneur',
        bin: CLINIC_BIN,
        fullName: 'ИП Сериков',
        entrepreneurRegistration: 'KZ-IP-1',
      };
      const res = await integration.post('/api/suppliers', body);

      expect(res.status).to.equal(422);
      const codes = res.body.error.details.issues.map((issue: { code: string }) => issue.code);
      expect(codes).to.include('SUPPLIER_IDENTIFIER_KIND');
    });

    it('gives a personal assistant without OKED codes the assistant direction', async () => {
      const res = await integration.post('/api/suppliers', assistantInput());

      expect(res.status).to.equal(201);
      expect(res.body.supplier.directions).to.deep.equal(['personal-assistant']);
    });

    it('answers a re-sent card as unchanged and records a change with its fields', async () => {
      await integration.post('/api/suppliers', legalEntityInput());
      const same = await integration.post('/api/suppliers', legalEntityInput());
      const moved = await integration.post(
        '/api/suppliers',
        legalEntityInput({ legalAddress: 'Алматы, ул. Абая, 2' }),
      );

      expect(same.body.outcome).to.equal('unchanged');
      expect(moved.body.outcome).to.equal('updated');
      expect(moved.body.supplier.history).to.have.length(2);
      expect(moved.body.supplier.history[1].changes).to.deep.equal([
        { field: 'legalAddress', before: 'Алматы, пр. Достык, 10', after: 'Алматы, ул. Абая, 2' },
      ]);
    });
  });

  describe('GET /api/suppliers', () => {
    beforeEach(async () => {
      await integration.post('/api/suppliers', legalEntityInput());
      await integration.post('/api/suppliers', assistantInput());
    });

    it("shows a BIN but masks an individual's IIN in lists", async () => {
      const byName = await operator.get(`/api/suppliers?q=${encodeURIComponent('сериков')}`);

      expect(byName.status).to.equal(200);
      expect(byName.body.items).to.have.length(1);
      expect(byName.body.items[0]).to.include({
        kind: 'personal-assistant',
        iin: `******${SERIK_IIN.slice(6)}`,
      });
      expect(JSON.stringify(byName.body)).to.not.include(SERIK_IIN);

      const clinic = await operator.get(`/api/suppliers?q=${encodeURIComponent('шипагер')}`);
      expect(clinic.body.items[0]).to.include({ bin: CLINIC_BIN, shortName: 'ТОО «Шипагер»' });
    });

    it('finds by BIN, and opens a card by BIN or by its ref', async () => {
      const found = await operator.get(`/api/suppliers?q=${CLINIC_BIN}`);
      const byBin = await operator.get(`/api/suppliers/${CLINIC_BIN}`);
      const byRef = await operator.get(`/api/suppliers/${found.body.items[0].ref}`);

      expect(found.body.by).to.equal('id');
      expect(byBin.status).to.equal(200);
      expect(byBin.body.directions).to.deep.equal(['sanatorium']);
      expect(byRef.body.bin).to.equal(CLINIC_BIN);
    });

    it('refuses twelve digits that are neither a BIN nor an IIN', async () => {
      const res = await operator.get(`/api/suppliers?q=${withWrongCheckDigit(CLINIC_BIN)}`);
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('SUPPLIER_ID_INVALID');
    });
  });

  describe('GET and PUT /api/oked-directions', () => {
    const supervisor = () => staffApi(desk.app, 'supervisor');

    it('starts from config/oked-directions.json', async () => {
      const res = await operator.get('/api/oked-directions');

      expect(res.status).to.equal(200);
      expect(res.body.version).to.equal(1);
      expect(res.body.table.map((rule: { direction: string }) => rule.direction)).to.include(
        'sign-language',
      );
    });

    it("lets a supervisor edit it, and re-derives suppliers' directions", async () => {
      await integration.post('/api/suppliers', legalEntityInput());
      const other = makeBin('2001', 77);
      await integration.post('/api/suppliers', legalEntityInput({ bin: other, oked: ['74300'] }));

      const current = await operator.get('/api/oked-directions');
      const table = current.body.table.map((rule: { direction: string; classes: string[] }) =>
        rule.direction === 'sanatorium' ? { ...rule, classes: ['86.90'] } : rule,
      );
      const put = await supervisor().put('/api/oked-directions', { table, version: 1 });

      expect(put.status, JSON.stringify(put.body)).to.equal(200);
      expect(put.body).to.include({ version: 2, updatedBy: 'supervisor-1', suppliersChanged: 1 });

      const clinic = await operator.get(`/api/suppliers/${CLINIC_BIN}`);
      expect(clinic.body.directions).to.deep.equal([]);
      expect(clinic.body.history.at(-1)).to.deep.include({
        source: 'operator',
        actor: 'supervisor-1',
      });
      const stored = await desk.runtime.store.suppliers.findById(other).lean();
      expect(stored).to.deep.include({ directions: ['sign-language'], directionsVersion: 2 });
    });

    it('refuses an invalid table, a stale version and anyone but a supervisor', async () => {
      const invalid = await supervisor().put('/api/oked-directions', {
        table: [{ direction: 'flying', classes: ['87.30'] }],
      });
      const stale = await supervisor().put('/api/oked-directions', { table: [], version: 7 });
      const byOperator = await operator.put('/api/oked-directions', { table: [] });

      expect(invalid.status).to.equal(422);
      expect(invalid.body.error.field).to.equal('table.0.direction');
      expect(stale.status).to.equal(409);
      expect(stale.body.error.code).to.equal('TABLE_CHANGED');
      expect(byOperator.status).to.equal(403);
    });
  });
});
