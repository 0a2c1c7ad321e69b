import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { jsonLines, makeIin, participantInput, staffApi } from '../../support/records';

const NDJSON = 'application/x-ndjson';

/**
 * FerretDB 1.x applies updates without isolation (src/store/locks.ts), so
 * these race writers of the same records and check that leases kept every
 * record whole: one creation each, no lost correction.
 */
describe('concurrent writers of participant records', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  const rows = Array.from({ length: 40 }, (_, n) =>
    participantInput({ iin: makeIin('1975-07-07', 'female', n), birthDate: '1975-07-07' }),
  );

  it('creates each record once when one batch is imported three times at once', async function () {
    this.timeout(120_000);
    const integration = staffApi(desk.app, 'integration');
    const body = jsonLines(rows);

    const reports = await Promise.all(
      [1, 2, 3].map(() => integration.send('/api/imports/participants', NDJSON, body)),
    );

    const created = reports.reduce((sum, res) => sum + res.body.created, 0);
    const unchanged = reports.reduce((sum, res) => sum + res.body.unchanged, 0);
    expect(reports.map((res) => res.status)).to.deep.equal([200, 200, 200]);
    expect(created).to.equal(40);
    expect(unchanged).to.equal(80);

    const docs = await desk.runtime.store.participants.find({}, { history: 1 }).lean();
    expect(docs).to.have.length(40);
    expect(docs.every((doc) => doc.history.length === 1)).to.equal(true);
    expect(await desk.runtime.store.locks.countDocuments()).to.equal(0);
  });

  it("keeps corrections made while a batch re-sends the gateway's data", async function () {
    this.timeout(120_000);
    const integration = staffApi(desk.app, 'integration');
    const operator = staffApi(desk.app, 'operator');
    await integration.send('/api/imports/participants', NDJSON, jsonLines(rows));

    const changed = rows.map((row) => ({ ...row, address: 'Шымкент, ул. Тауке хана, 7' }));
    const [imported, ...corrections] = await Promise.all([
      integration.send('/api/imports/participants', NDJSON, jsonLines(changed)),
      ...rows
        .slice(0, 10)
        .map((row) =>
          operator.patch(`/api/participants/${row.iin}/contact`, { email: 'self@example.kz' }),
        ),
    ]);

    expect(imported.body).to.include({ updated: 40, rejected: 0 });
    expect(corrections.map((res) => res.status)).to.deep.equal(new Array(10).fill(200));

    const docs = await desk.runtime.store.participants
      .find({ _id: { $in: rows.slice(0, 10).map((row) => row.iin) } })
      .lean();
    for (const doc of docs) {
      expect(doc).to.include({ email: 'self@example.kz', address: 'Шымкент, ул. Тауке хана, 7' });
      const actions = doc.history.map((change) => change.action);
      expect(actions).to.have.members(['create', 'update', 'correct']);
    }
  });
});
