import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import {
  AIGUL_IIN,
  makeIin,
  participantInput,
  SERIK_IIN,
  staffApi,
  withWrongCheckDigit,
} from '../../support/records';

describe('participants API', () => {
  let desk: TestDesk;
  let operator: ReturnType<typeof staffApi>;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
    operator = staffApi(desk.app, 'operator');
  });

  afterEach(async () => {
    await desk.close();
  });

  const stored = () => desk.runtime.store.participants.countDocuments();

  describe('POST /api/participants', () => {
    it('creates a participant, the phone stored as E.164 and the history started', async () => {
      const res = await operator.post('/api/participants', participantInput());

      expect(res.status).to.equal(201);
      expect(res.body.outcome).to.equal('created');
      expect(res.body.participant).to.include({
        iin: AIGUL_IIN,
        phone: '+77012345678',
        email: null,
        language: 'kk',
      });
      expect(res.body.participant.warnings).to.deep.equal([]);
      expect(res.body.participant.history).to.have.length(1);
      expect(res.body.participant.history[0]).to.include({
        source: 'operator',
        actor: 'operator-1',
        action: 'create',
        at: '2026-12-03T10:15:00+05:00',
      });
    });

    it('returns a birth date or sex that disagrees with the IIN as warnings', async () => {
      const body = participantInput({ birthDate: '1985-04-13', sex: 'male' });
      const res = await operator.post('/api/participants', body);

      expect(res.status).to.equal(201);
      const codes = res.body.participant.warnings.map((w: { code: string }) => w.code);
      expect(codes).to.have.members(['IIN_BIRTH_DATE_MISMATCH', 'IIN_SEX_MISMATCH']);
    });

    for (const [what, iin, code] of [
      ['a wrong check digit', withWrongCheckDigit(AIGUL_IIN), 'IIN_CHECKSUM'],
      ['eleven digits', AIGUL_IIN.slice(0, 11), 'IIN_LENGTH'],
      ['thirteen digits', `${AIGUL_IIN}0`, 'IIN_LENGTH'],
      ['a letter', `85041240012O`, 'IIN_NOT_DIGITS'],
      ['spaces inside', '850412 400121', 'IIN_NOT_DIGITS'],
    ]) {
      it(`refuses an IIN with ${what} (${code}) and writes nothing`, async () => {
        const res = await operator.post('/api/participants', participantInput({ iin }));

        expect(res.status).to.equal(422);
        expect(res.body.error).to.include({ code, field: 'iin' });
        expect(await stored()).to.equal(0);
      });
    }

    it('refuses an IIN sent as a JSON number, which loses leading zeros', async () => {
      const res = await operator.post(
        '/api/participants',
        participantInput({ iin: 850412400121 }),
      );

      expect(res.status).to.equal(422);
      expect(res.body.error.field).to.equal('iin');
    });

    for (const spelling of [
      '8 701 234 56 78',
      '+7 (701) 234-56-78',
      '87012345678',
      '+77012345678',
      '8(701)234-56-78',
      '7012345678',
    ]) {
      it(`stores the mobile spelled "${spelling}" as +77012345678`, async () => {
        const res = await operator.post(
          '/api/participants',
          participantInput({ phone: spelling }),
        );

        expect(res.status).to.equal(201);
        expect(res.body.participant.phone).to.equal('+77012345678');
      });
    }

    for (const [what, phone, code] of [
      ['an Astana landline', '+7 7172 55 66 77', 'PHONE_NOT_MOBILE'],
      ['a Russian mobile', '+7 912 345 67 89', 'PHONE_NOT_KZ'],
      ['words around the number', 'call 8 701 234 56 78', 'PHONE_INVALID'],
      ['too few digits', '8 701 234 56', 'PHONE_INVALID'],
    ]) {
      it(`refuses ${what} as the mobile number (${code})`, async () => {
        const res = await operator.post('/api/participants', participantInput({ phone }));

        expect(res.status).to.equal(422);
        expect(res.body.error).to.include({ code, field: 'phone' });
      });
    }

    it('lists every problem of a bad record in details.issues', async () => {
      const body = participantInput({ sex: 'x', category: 'unknown', surname: '' });
      const res = await operator.post('/api/participants', body);

      expect(res.status).to.equal(422);
      const fields = res.body.error.details.issues.map((issue: { field: string }) => issue.field);
      expect(fields).to.include.members(['sex', 'category', 'surname']);
    });

    it('answers the same data again as unchanged, without a history entry', async () => {
      await operator.post('/api/participants', participantInput());
      desk.clock.set('2026-12-03T11:00:00+05:00');

      const again = await operator.post('/api/participants', participantInput());

      expect(again.status).to.equal(200);
      expect(again.body.outcome).to.equal('unchanged');
      expect(again.body.participant.history).to.have.length(1);
      expect(again.body.participant.updatedAt).to.equal('2026-12-03T10:15:00+05:00');
    });

    it('records an update with the changed fields before and after', async () => {
      await operator.post('/api/participants', participantInput());

      const integration = staffApi(desk.app, 'integration');
      const moved = participantInput({ address: 'Астана, ул. Кенесары, 5' });
      const res = await integration.post('/api/participants', moved);

      expect(res.body.outcome).to.equal('updated');
      const last = res.body.participant.history[1];
      expect(last).to.include({ source: 'gateway', actor: 'integration-1', action: 'update' });
      expect(last.changes).to.deep.equal([
        { field: 'address', before: 'Астана, ул. Абая, 1', after: 'Астана, ул. Кенесары, 5' },
      ]);
    });

    it('refuses the auditor, who only reads', async () => {
      const res = await staffApi(desk.app, 'auditor').post(
        '/api/participants',
        participantInput(),
      );
      expect(res.status).to.equal(403);
    });
  });

  describe('PATCH /api/participants/:iin/contact', () => {
    beforeEach(async () => {
      await operator.post('/api/participants', participantInput());
    });

    it("keeps the participant's own phone and e-mail when the gateway re-sends", async () => {
      const corrected = await operator.patch(`/api/participants/${AIGUL_IIN}/contact`, {
        phone: '+7 (777) 111-22-33',
        email: 'aigul@example.kz',
      });

      expect(corrected.status).to.equal(200);
      expect(corrected.body.participant).to.include({
        phone: '+77771112233',
        email: 'aigul@example.kz',
      });
      const correction = corrected.body.participant.history[1];
      expect(correction).to.include({ source: 'participant', action: 'correct' });
      expect(correction.changes.map((c: { field: string }) => c.field)).to.deep.equal([
        'phone',
        'email',
      ]);

      const integration = staffApi(desk.app, 'integration');
      const resent = await integration.post('/api/participants', participantInput());

      expect(resent.body.outcome).to.equal('unchanged');
      expect(resent.body.participant).to.include({
        phone: '+77771112233',
        email: 'aigul@example.kz',
      });
      expect(resent.body.participant.contactSource).to.deep.equal({
        phone: 'participant',
        email: 'participant',
      });
    });

    it("lets a new number from the gateway replace the participant's correction", async () => {
      await operator.patch(`/api/participants/${AIGUL_IIN}/contact`, { phone: '87771112233' });

      const integration = staffApi(desk.app, 'integration');
      const newNumber = participantInput({ phone: '87051234567' });
      const res = await integration.post('/api/participants', newNumber);

      expect(res.body.outcome).to.equal('updated');
      expect(res.body.participant.phone).to.equal('+77051234567');
      expect(res.body.participant.contactSource.phone).to.equal('gateway');
      expect(res.body.participant.history.at(-1)).to.deep.include({ source: 'gateway' });
    });

    it('refuses an empty correction and a landline', async () => {
      const empty = await operator.patch(`/api/participants/${AIGUL_IIN}/contact`, {});
      const landline = await operator.patch(`/api/participants/${AIGUL_IIN}/contact`, {
        phone: '+7 7172 55 66 77',
      });
      const surname = await operator.patch(`/api/participants/${AIGUL_IIN}/contact`, {
        surname: 'Другая',
      });

      expect(empty.status).to.equal(422);
      expect(empty.body.error.code).to.equal('NOTHING_TO_CORRECT');
      expect(landline.body.error).to.include({ code: 'PHONE_NOT_MOBILE', field: 'phone' });
      expect(surname.body.error).to.include({ code: 'UNKNOWN_FIELD', field: 'surname' });
    });

    it('answers 404 for a participant without a record', async () => {
      const res = await operator.patch(`/api/participants/${SERIK_IIN}/contact`, {
        email: 'serik@example.kz',
      });
      expect(res.status).to.equal(404);
      expect(res.body.error.message).to.not.include(SERIK_IIN);
    });
  });

  describe('GET /api/participants?q=', () => {
    const people = [
      { surname: 'Ахметова', name: 'Айгуль', patronymic: 'Сериковна', phone: '87012345678' },
      { surname: 'Сергеев', name: 'Сергей', patronymic: 'Юрьевич', phone: '87051112233' },
      { surname: 'Семёнова', name: 'Майя', patronymic: undefined, phone: '87471234567' },
    ];

    beforeEach(async () => {
      for (const [index, person] of people.entries()) {
        const female = person.surname.endsWith('а');
        const iin = makeIin('1985-04-12', female ? 'female' : 'male', 100 + index);
        const body = participantInput({ iin, sex: female ? 'female' : 'male', ...person });
        expect((await operator.post('/api/participants', body)).status).to.equal(201);
      }
    });

    async function search(q: string) {
      const res = await operator.get(`/api/participants?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    }

    it('finds a name whatever its case, with и for й and е for ё', async () => {
      expect((await search('сергеи')).items.map((p: { name: string }) => p.name)).to.deep.equal([
        'Сергей',
      ]);
      expect((await search('СЕМЕНОВА')).items).to.have.length(1);
      expect((await search('маия')).items).to.have.length(1);
    });

    it('takes words as prefixes, in any order', async () => {
      const found = await search('айг ахм');
      expect(found.by).to.equal('name');
      expect(found.items.map((p: { surname: string }) => p.surname)).to.deep.equal(['Ахметова']);
      expect((await search('серг')).items).to.have.length(1);
    });

    it('shows IINs masked in lists, with a ref that opens the record', async () => {
      const iin = makeIin('1985-04-12', 'female', 100);
      const found = await search('ахметова');

      expect(found.items[0].iin).to.equal(`******${iin.slice(6)}`);
      expect(JSON.stringify(found)).to.not.include(iin);

      const { ref } = found.items[0];
      const opened = await operator.get(`/api/participants/${ref}?reason=incoming-call`);
      expect(opened.status).to.equal(200);
      expect(opened.body.iin).to.equal(iin);
    });

    it('finds by IIN exactly, and refuses twelve digits that are no IIN', async () => {
      const iin = makeIin('1985-04-12', 'male', 101);
      const found = await search(iin);
      const typo = await operator.get(`/api/participants?q=${withWrongCheckDigit(iin)}`);

      expect(found.by).to.equal('iin');
      expect(found.items.map((p: { surname: string }) => p.surname)).to.deep.equal(['Сергеев']);
      expect(typo.status).to.equal(422);
      expect(typo.body.error).to.include({ code: 'IIN_CHECKSUM', field: 'q' });
    });

    it('finds by phone written any common way', async () => {
      for (const spelling of ['+7 (705) 111-22-33', '8 705 111 22 33', '87051112233']) {
        const found = await search(spelling);
        expect(found.by).to.equal('phone');
        expect(found.items.map((p: { name: string }) => p.name)).to.deep.equal(['Сергей']);
      }
    });

    it('refuses an empty query', async () => {
      const res = await operator.get('/api/participants?q=');
      expect(res.status).to.equal(422);
      expect(res.body.error.field).to.equal('q');
    });
  });

  describe('GET /api/participants/:iin', () => {
    beforeEach(async () => {
      await staffApi(desk.app, 'integration').post('/api/participants', participantInput());
    });

    it('needs a reason from the list', async () => {
      const missing = await operator.get(`/api/participants/${AIGUL_IIN}`);
      const unknown = await operator.get(`/api/participants/${AIGUL_IIN}?reason=curiosity`);

      expect(missing.status).to.equal(422);
      expect(missing.body.error).to.include({ code: 'REASON_REQUIRED', field: 'reason' });
      expect(unknown.status).to.equal(422);
      expect(unknown.body.error).to.include({ code: 'REASON_UNKNOWN', field: 'reason' });
    });

    it('logs who opened the record, when and why', async () => {
      const accessBefore = await desk.runtime.store.recordAccess.countDocuments();
      desk.clock.set('2026-12-03T12:30:00+05:00');

      const opened = await operator.get(`/api/participants/${AIGUL_IIN}?reason=incoming-call`);
      const log = await staffApi(desk.app, 'auditor').get(
        `/api/participants/${AIGUL_IIN}/access-log`,
      );

      expect(opened.status).to.equal(200);
      expect(opened.body).to.include({ iin: AIGUL_IIN, surname: 'Ахметова' });
      expect(await desk.runtime.store.recordAccess.countDocuments()).to.equal(accessBefore + 1);
      expect(log.status).to.equal(200);
      expect(log.body.items[0]).to.deep.equal({
        at: '2026-12-03T12:30:00+05:00',
        actor: 'operator-1',
        role: 'operator',
        reason: 'incoming-call',
      });
    });

    it('logs nothing when the reason is missing or the record absent', async () => {
      const before = await desk.runtime.store.recordAccess.countDocuments();

      await operator.get(`/api/participants/${AIGUL_IIN}`);
      const absent = await operator.get(`/api/participants/${SERIK_IIN}?reason=audit`);

      expect(absent.status).to.equal(404);
      expect(await desk.runtime.store.recordAccess.countDocuments()).to.equal(before);
    });

    it('refuses an invalid IIN in the path and roles that may not read records', async () => {
      const invalid = await operator.get(`/api/participants/123?reason=audit`);
      const integration = await staffApi(desk.app, 'integration').get(
        `/api/participants/${AIGUL_IIN}?reason=audit`,
      );
      const operatorLog = await operator.get(`/api/participants/${AIGUL_IIN}/access-log`);

      expect(invalid.status).to.equal(422);
      expect(invalid.body.error.code).to.equal('IIN_LENGTH');
      expect(integration.status).to.equal(403);
      expect(operatorLog.status).to.equal(403);
    });
  });
});
