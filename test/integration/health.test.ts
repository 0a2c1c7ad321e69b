import { expect } from 'chai';
import request from 'supertest';

import { startTestDesk, type TestDesk } from '../support/desk';

describe('GET /healthz', () => {
  let desk: TestDesk;

  afterEach(async () => {
    await desk.close();
  });

  it('answers 200 when MongoDB and Redis answer', async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:00:00+05:00' });

    const res = await request(desk.app).get('/healthz');

    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok', mongodb: 'up', redis: 'up' });
  });

  it('answers 503 naming Redis when Redis is down', async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:00:00+05:00' });
    desk.runtime.redis.disconnect();

    const res = await request(desk.app).get('/healthz');

    expect(res.status).to.equal(503);
    expect(res.body).to.deep.equal({ status: 'degraded', mongodb: 'up', redis: 'down' });
    await desk.runtime.redis.connect();
  });
});
