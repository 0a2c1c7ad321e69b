import { expect } from 'chai';

import { matchRequestParticipant } from '../../../src/records';
import { startTestDesk, type TestDesk } from '../../support/desk';
import { AIGUL_IIN, participantInput, SERIK_IIN, staffApi } from '../../support/records';

describe('matching requests to participants', () => {
  let desk: TestDesk;
  let operator: ReturnType<typeof staffApi>;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
    operator = staffApi(desk.app, 'operator');

    const integration = staffApi(desk.app, 'integration');
    await integration.post('/api/participants', participantInput());
    await integration.post(
      '/api/participants',
      participantInput({
        iin: SERIK_IIN,
        surname: 'Сериков',
        name: 'Серик',
        patronymic: undefined,
        birthDate: '1990-03-15',
        sex: 'male',
        phone: '+7 705 111 22 33',
      }),
    );
  });

  afterEach(async () => {
    await desk.close();
  });

  const match = (contact: { iin?: string | null; phone?: string | null }) =>
    matchRequestParticipant(desk.runtime.store.participants, contact);

  describe('matchRequestParticipant', () => {
    it('matches by IIN when the participant has a record', async () => {
      expect(await match({ iin: SERIK_IIN, phone: '+77012345678' })).to.deep.equal({
        iin: SERIK_IIN,
        by: 'iin',
      });
    });

    it('matches by phone when one participant has it', async () => {
      expect(await match({ phone: '+77051112233' })).to.deep.equal({
        iin: SERIK_IIN,
        by: 'phone',
      });
    });

    it('falls back to the phone when the IIN has no record', async () => {
      const unknownIin = '850412400111';
      expect(await match({ iin: unknownIin, phone: '+77012345678' })).to.deep.equal({
        iin: AIGUL_IIN,
        by: 'phone',
      });
    });

    it('matches nobody by a phone two participants share, or by nothing', async () => {
      await desk.runtime.store.participants.updateOne(
        { _id: SERIK_IIN },
        { $set: { phone: '+77012345678' } },
      );

      expect(await match({ phone: '+77012345678' })).to.equal(null);
      expect(await match({ phone: '+77770000000' })).to.equal(null);
      expect(await match({})).to.equal(null);
    });
  });

  describe('POST /api/requests/:id/participant', () => {
    async function newRequest() {
      const res = await operator.post('/api/requests', {
        channel: 'voice',
        // A number no participant holds: the request arrives unmatched.
        contact: { name: 'Айгуль', phone: '+7 705 999 88 77', language: 'kk' },
        description: 'Не могу выбрать поставщика на портале',
      });
      expect(res.status).to.equal(201);
      return res.body;
    }

    it('matches a new request to its participant when it arrives', async () => {
      const byPhone = (
        await operator.post('/api/requests', {
          channel: 'voice',
          contact: { name: 'Айгуль', phone: '+7 701 234 56 78' },
          description: 'Портал не открывается',
        })
      ).body;
      const byIin = await operator.post('/api/requests', {
        channel: 'voice',
        contact: { name: 'Серик', phone: '+7 747 000 11 22', iin: SERIK_IIN },
        description: 'Портал не открывается',
      });

      const shownByPhone = await operator.get(`/api/requests/${byPhone.number}`);
      const shownByIin = await operator.get(`/api/requests/${byIin.body.number}`);

      expect(shownByPhone.body.participant.iin).to.equal(`******${AIGUL_IIN.slice(6)}`);
      expect(shownByIin.body.participant.iin).to.equal(`******${SERIK_IIN.slice(6)}`);
    });

    it('links a request to a participant, shown masked, with a history line', async () => {
      const request = await newRequest();

      const linked = await operator.post(`/api/requests/${request.id}/participant`, {
        iin: AIGUL_IIN,
      });
      const shown = await operator.get(`/api/requests/${request.number}`);

      expect(linked.status, JSON.stringify(linked.body)).to.equal(200);
      expect(linked.body.participant).to.include({
        iin: `******${AIGUL_IIN.slice(6)}`,
        surname: 'Ахметова',
        name: 'Айгуль',
      });
      expect(linked.body.history.at(-1)).to.include({
        action: 'link-participant',
        actor: 'operator-1',
        comment: `participant ******${AIGUL_IIN.slice(6)}`,
      });
      expect(shown.body.participant.iin).to.equal(`******${AIGUL_IIN.slice(6)}`);
      expect(JSON.stringify(shown.body.participant)).to.not.include(AIGUL_IIN);
    });

    it('re-links to another participant and unlinks with null', async () => {
      const request = await newRequest();
      await operator.post(`/api/requests/${request.id}/participant`, { iin: AIGUL_IIN });

      const relinked = await operator.post(`/api/requests/${request.id}/participant`, {
        iin: SERIK_IIN,
      });
      const again = await operator.post(`/api/requests/${request.id}/participant`, {
        iin: SERIK_IIN,
      });
      const unlinked = await operator.post(`/api/requests/${request.id}/participant`, {
        iin: null,
      });

      expect(relinked.body.participant.surname).to.equal('Сериков');
      expect(again.body.history).to.have.length(relinked.body.history.length);
      expect(unlinked.body.participant).to.equal(null);
      expect(unlinked.body.history.at(-1).action).to.equal('unlink-participant');

      const stored = await desk.runtime.store.requests.findById(request.id).lean();
      expect(stored!.participantIin).to.equal(null);
    });

    it('refuses an invalid IIN, an IIN without a record, and an unknown request', async () => {
      const request = await newRequest();

      const invalid = await operator.post(`/api/requests/${request.id}/participant`, {
        iin: '850412400122',
      });
      const unknownParticipant = await operator.post(`/api/requests/${request.id}/participant`, {
        iin: '850412400111',
      });
      const unknownRequest = await operator.post('/api/requests/2026-999999/participant', {
        iin: AIGUL_IIN,
      });

      expect(invalid.status).to.equal(422);
      expect(invalid.body.error).to.include({ code: 'IIN_CHECKSUM', field: 'iin' });
      expect(unknownParticipant.status).to.equal(404);
      expect(unknownRequest.status).to.equal(404);
    });
  });
});
