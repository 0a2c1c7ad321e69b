import { expect } from 'chai';
import request from 'supertest';

import { startTestDesk, TOKENS, type TestDesk } from '../../support/desk';

describe('calendar API', () => {
  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:00:00+05:00' });
  });

  afterEach(async () => {
    await desk.close();
  });

  const as = (token: string) => ({
    get: (path: string) => request(desk.app).get(path).set('authorization', `Bearer ${token}`),
    put: (path: string, body: unknown) =>
      request(desk.app)
        .put(path)
        .set('authorization', `Bearer ${token}`)
        .send(body as object),
    del: (path: string) => request(desk.app).delete(path).set('authorization', `Bearer ${token}`),
  });

  it('lists one entry per date with the reason for a day off', async () => {
    const res = await as(TOKENS.operator).get('/api/calendar/days?from=2026-12-14&to=2026-12-20');

    expect(res.status).to.equal(200);
    expect(res.body.map((d: { date: string }) => d.date)).to.deep.equal([
      '2026-12-14',
      '2026-12-15',
      '2026-12-16',
      '2026-12-17',
      '2026-12-18',
      '2026-12-19',
      '2026-12-20',
    ]);
    expect(res.body.map((d: { working: boolean }) => d.working)).to.deep.equal([
      true,
      true,
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(res.body[2].reason).to.be.a('string').and.not.empty;
  });

  it('adds one working day across the 16 December holiday', async () => {
    const res = await as(TOKENS.operator).get(
      '/api/calendar/due?from=2026-12-15T10:00:00%2B05:00&duration=P1D',
    );

    expect(res.status).to.equal(200);
    expect(res.body).to.include({
      from: '2026-12-15T10:00:00+05:00',
      dueAt: '2026-12-17T10:00:00+05:00',
    });
  });

  it('carries 30 minutes from 18:20 to 09:20 of the next working day', async () => {
    const res = await as(TOKENS.operator).get(
      '/api/calendar/due?from=2026-12-04T18:20:00%2B05:00&duration=PT30M',
    );

    expect(res.body.dueAt).to.equal('2026-12-07T09:20:00+05:00');
  });

  it('lets a supervisor make a weekday a day off, audits it, and drops it again', async () => {
    const supervisor = as(TOKENS.supervisor);

    const set = await supervisor.put('/api/calendar/days/2026-12-18', {
      working: false,
      reason: 'Order No. 123 of the Ministry of Labour',
    });
    const due = await supervisor.get(
      '/api/calendar/due?from=2026-12-17T10:00:00%2B05:00&duration=P1D',
    );
    const dropped = await supervisor.del('/api/calendar/days/2026-12-18');
    const audit = await supervisor.get('/api/calendar/days/2026-12-18/audit');

    expect(set.status).to.equal(200);
    expect(set.body).to.deep.equal({
      date: '2026-12-18',
      working: false,
      reason: 'Order No. 123 of the Ministry of Labour',
    });
    expect(due.body.dueAt).to.equal('2026-12-21T10:00:00+05:00');
    expect(dropped.body.working).to.equal(true);
    expect(audit.body.map((a: { action: string }) => a.action)).to.deep.equal(['set', 'delete']);
    expect(audit.body[0]).to.include({ actor: 'supervisor-1', at: '2026-12-03T10:00:00+05:00' });
    expect(audit.body[1].before).to.deep.equal({
      working: false,
      reason: 'Order No. 123 of the Ministry of Labour',
    });
  });

  it('makes a Saturday a working day', async () => {
    await as(TOKENS.supervisor).put('/api/calendar/days/2026-12-19', {
      working: true,
      reason: 'Transfer for 18 December',
    });

    const due = await as(TOKENS.operator).get(
      '/api/calendar/due?from=2026-12-18T18:00:00%2B05:00&duration=PT1H',
    );

    expect(due.body.dueAt).to.equal('2026-12-19T09:30:00+05:00');
  });

  it('refuses changes from operators and malformed input', async () => {
    const operator = await as(TOKENS.operator).put('/api/calendar/days/2026-12-18', {
      working: false,
      reason: 'x',
    });
    const noReason = await as(TOKENS.supervisor).put('/api/calendar/days/2026-12-18', {
      working: false,
    });
    const badDate = await as(TOKENS.supervisor).put('/api/calendar/days/2026-02-30', {
      working: false,
      reason: 'x',
    });
    const notBool = await as(TOKENS.supervisor).put('/api/calendar/days/2026-12-18', {
      working: 'no',
      reason: 'x',
    });
    const nothingToDrop = await as(TOKENS.supervisor).del('/api/calendar/days/2026-12-18');

    expect(operator.status).to.equal(403);
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.field).to.equal('reason');
    expect(badDate.status).to.equal(422);
    expect(notBool.body.error).to.include({ code: 'FIELD_WRONG_TYPE', field: 'working' });
    expect(nothingToDrop.status).to.equal(404);
    expect(await desk.runtime.store.calendarDays.countDocuments()).to.equal(0);
  });

  it('refuses a due query with a bad instant or duration', async () => {
    const noOffset = await as(TOKENS.operator).get(
      '/api/calendar/due?from=2026-12-15T10:00:00&duration=PT1H',
    );
    const badDuration = await as(TOKENS.operator).get(
      '/api/calendar/due?from=2026-12-15T10:00:00Z&duration=P1M',
    );
    const missing = await as(TOKENS.operator).get('/api/calendar/days?from=2026-12-01');

    expect(noOffset.status).to.equal(422);
    expect(noOffset.body.error.field).to.equal('from');
    expect(badDuration.status).to.equal(422);
    expect(missing.status).to.equal(422);
    expect(missing.body.error.field).to.equal('to');
  });
});
