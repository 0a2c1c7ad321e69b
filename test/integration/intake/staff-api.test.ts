import { expect } from 'chai';
import request from 'supertest';

import { startTestDesk, TOKENS, type TestDesk } from '../../support/desk';

describe('staff API: POST /api/requests', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    // Thursday 3 December 2026, 10:15 Astana: working time.
    desk = await startTestDesk({ now: '2026-12-03T10:15:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  const call = {
    channel: 'voice',
    contact: { name: 'Нұрлан Ахметов', phone: '+7 (705) 111-22-33', language: 'kk' },
    description: 'Жеткізушіні таңдау батырмасы жұмыс істемейді',
  };

  function post(body: unknown, token = TOKENS.operator) {
    return request(desk.app)
      .post('/api/requests')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function stored(): Promise<number> {
    return desk.runtime.store.requests.countDocuments();
  }

  it('registers a call in working time as new, its clock started at receipt', async () => {
    const res = await post(call);

    expect(res.status).to.equal(201);
    expect(res.body.status).to.equal('new');
    expect(res.body.receivedAt).to.equal('2026-12-03T10:15:00+05:00');
    expect(res.body.contact.phone).to.equal('+77051112233');
    expect(res.body.clocks.registration).to.deep.include({
      startedAt: '2026-12-03T10:15:00+05:00',
      dueAt: '2026-12-03T13:15:00+05:00',
      state: 'running',
    });
    expect(res.body.history[0]).to.include({ actor: 'operator-1', toStatus: 'new' });
  });

  it('shows the clock as it stands when read, before the worker records a threshold', async () => {
    const { body } = await post(call);
    const read = async () =>
      (
        await request(desk.app)
          .get(`/api/requests/${body.number}`)
          .set('authorization', `Bearer ${TOKENS.auditor}`)
      ).body.clocks.registration;

    // Half of three working hours from 10:15 is 11:45; the deadline 13:15.
    desk.clock.set('2026-12-03T11:45:00+05:00');
    expect(await read()).to.deep.include({
      state: 'running',
      warnedAt: ['2026-12-03T11:45:00+05:00'],
    });

    desk.clock.set('2026-12-03T13:15:00+05:00');
    expect(await read()).to.deep.include({
      state: 'breached',
      breachedAt: '2026-12-03T13:15:00+05:00',
    });
    expect(
      (await desk.runtime.store.requests.findById(body.id).lean())!.clocks.registration,
    ).to.include({ state: 'running', breachedAt: null });
  });

  it('uses an earlier receivedAt, and a repeated externalId finds the first request', async () => {
    const body = { ...call, receivedAt: '2026-12-02T18:20:00+05:00', externalId: 'call-77' };

    const first = await post(body);
    const again = await post(body);

    expect(first.status).to.equal(201);
    expect(first.body.clocks.registration.dueAt).to.equal('2026-12-03T11:50:00+05:00');
    expect(again.status).to.equal(200);
    expect(again.body.id).to.equal(first.body.id);
    expect(await stored()).to.equal(1);
  });

  it('lists requests by status and refuses an unknown status', async () => {
    await post(call);
    await post({ ...call, receivedAt: '2026-11-28T11:00:00+05:00' });

    const listed = await request(desk.app)
      .get('/api/requests?status=new')
      .set('authorization', `Bearer ${TOKENS.auditor}`);
    const bad = await request(desk.app)
      .get('/api/requests?status=lost')
      .set('authorization', `Bearer ${TOKENS.operator}`);

    expect(listed.status).to.equal(200);
    expect(listed.body.items).to.have.length(2);
    expect(bad.status).to.equal(422);
    expect(bad.body.error.field).to.equal('status');
  });

  const withContact = (contact: Record<string, string>) => ({
    ...call,
    contact: { ...call.contact, ...contact },
  });

  const badInputs: Array<[string, unknown, number, string, string | undefined]> = [
    [
      'a missing description',
      { ...call, description: undefined },
      422,
      'FIELD_REQUIRED',
      'description',
    ],
    ['an empty name', withContact({ name: ' ' }), 422, 'FIELD_EMPTY', 'contact.name'],
    ['a malformed phone', withContact({ phone: '12-34' }), 422, 'PHONE_INVALID', 'contact.phone'],
    [
      'a landline',
      withContact({ phone: '+7 7172 55 66 77' }),
      422,
      'PHONE_NOT_MOBILE',
      'contact.phone',
    ],
    [
      'a Russian mobile',
      withContact({ phone: '+7 916 123 45 67' }),
      422,
      'PHONE_NOT_KZ',
      'contact.phone',
    ],
    [
      'an IIN with a bad check digit',
      withContact({ iin: '900315400236' }),
      422,
      'IIN_CHECKSUM',
      'contact.iin',
    ],
    ['an IIN of 11 digits', withContact({ iin: '90031540023' }), 422, 'IIN_LENGTH', 'contact.iin'],
    ['an unknown channel', { ...call, channel: 'fax' }, 422, 'CHANNEL_UNKNOWN', 'channel'],
    [
      'a query operator for a string',
      { ...call, description: { $ne: null } },
      422,
      'FIELD_WRONG_TYPE',
      'description',
    ],
    ['an unknown field', { ...call, status: 'closed' }, 422, 'FIELD_UNKNOWN', 'status'],
    [
      'a receivedAt without offset',
      { ...call, receivedAt: '2026-12-03T10:00:00' },
      422,
      'INVALID_INSTANT',
      'receivedAt',
    ],
    [
      'a receivedAt in the future',
      { ...call, receivedAt: '2026-12-04T10:00:00+05:00' },
      422,
      'RECEIVED_AT_IN_FUTURE',
      'receivedAt',
    ],
    ['a body that is not an object', [call], 422, 'FIELD_WRONG_TYPE', undefined],
    ['invalid JSON', '{"channel": "voice",', 400, 'INVALID_JSON', undefined],
    [
      'a body over the limit',
      { ...call, description: 'x'.repeat(70_000) },
      413,
      'BODY_TOO_LARGE',
      undefined,
    ],
  ];

  for (const [what, body, status, code, field] of badInputs) {
    it(`refuses ${what} with ${status} ${code} and stores nothing`, async () => {
      const res = await post(body);

      expect(res.status).to.equal(status);
      expect(res.body.error.code).to.equal(code);
      if (field) expect(res.body.error.field).to.equal(field);
      expect(await stored()).to.equal(0);
    });
  }

  it('refuses a body that is not JSON with 415', async () => {
    const res = await request(desk.app)
      .post('/api/requests')
      .set('authorization', `Bearer ${TOKENS.operator}`)
      .set('content-type', 'text/plain')
      .send('channel=voice');

    expect(res.status).to.equal(415);
    expect(await stored()).to.equal(0);
  });

  it('answers 401 without a token or with a wrong one, 403 for a read-only role', async () => {
    const none = await request(desk.app).post('/api/requests').send(call);
    const wrong = await post(call, 'not-a-token-at-all-0000');
    const auditor = await post(call, TOKENS.auditor);

    expect(none.status).to.equal(401);
    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.code).to.equal('AUTH_INVALID');
    expect(auditor.status).to.equal(403);
    expect(await stored()).to.equal(0);
  });

  it('answers 404 for a request that does not exist', async () => {
    const res = await request(desk.app)
      .get('/api/requests/2026-999999')
      .set('authorization', `Bearer ${TOKENS.operator}`);

    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal('NOT_FOUND');
  });
});
