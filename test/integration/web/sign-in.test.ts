import { expect } from 'chai';
import request from 'supertest';

import { startTestDesk, TOKENS, type TestDesk } from '../../support/desk';
import { voiceCall } from '../../support/staff';
import { createStaff, csrfOf, PASSWORD, signIn } from './web-support';

function sessionCookieOf(res: request.Response): string {
  const cookies = res.headers['set-cookie'] as unknown as string[];
  return cookies.find((c) => c.startsWith('desk.sid='))!;
}

describe('staff sign-in', function () {
  this.timeout(60_000);

  let desk: TestDesk;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
    await createStaff(desk, 'operator', 'aigerim');
  });

  afterEach(async () => {
    await desk.close();
  });

  async function loginForm(agent = request.agent(desk.app)) {
    const page = await agent.get('/login');
    return { agent, csrf: csrfOf(page.text), page };
  }

  it('serves the sign-in form with a CSRF token and a script-only-from-self policy', async () => {
    const { page } = await loginForm();

    expect(page.status).to.equal(200);
    expect(page.text).to.include('name="password"');
    const csp = page.headers['content-security-policy'];
    expect(csp).to.include("script-src 'self'");
    expect(csp).to.not.include('unsafe-inline');
    expect(page.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('signs in, sets an httpOnly sameSite=lax cookie, and lands on the dashboard', async () => {
    const { agent, csrf } = await loginForm();

    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, username: 'Aigerim', password: PASSWORD });

    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/dashboard');
    const cookie = sessionCookieOf(res);
    expect(cookie).to.match(/HttpOnly/i);
    expect(cookie).to.match(/SameSite=Lax/i);
    expect(cookie).to.not.match(/Secure/i);
  });

  it('gives a new session id at sign-in, so a planted cookie is useless', async () => {
    const { agent, csrf, page } = await loginForm();
    const before = (page.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, username: 'aigerim', password: PASSWORD });
    const after = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

    expect(after).to.not.equal(before);
  });

  it('refuses a wrong password with 401 and keeps the person signed out', async () => {
    const { agent, csrf } = await loginForm();

    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrf, username: 'aigerim', password: 'wrong password!' });

    expect(res.status).to.equal(401);
    expect((await agent.get('/dashboard')).status).to.equal(303);
  });

  it('rejects a sign-in form posted without its CSRF token', async () => {
    const { agent } = await loginForm();

    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: 'aigerim', password: PASSWORD });

    expect(res.status).to.equal(403);
    expect(res.text).to.include('<h1>');
  });

  it('limits failed sign-ins: the eleventh in 15 minutes answers 429', async () => {
    const { agent, csrf } = await loginForm();
    const attempt = () =>
      agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, username: 'aigerim', password: 'nope nope nope' });

    for (let i = 0; i < 10; i += 1) expect((await attempt()).status).to.equal(401);
    const limited = await attempt();

    expect(limited.status).to.equal(429);
    expect(limited.headers).to.have.property('ratelimit');
  });

  it('ends the session at sign-out', async () => {
    const operator = await signIn(desk.app, 'aigerim');

    const res = await operator.form('/logout');
    const after = await operator.agent.get('/dashboard');

    expect(res.status).to.equal(303);
    expect(after.status).to.equal(303);
    expect(after.headers.location).to.match(/^\/login/);
  });

  describe('when the desk is served over https', () => {
    let secureDesk: TestDesk;

    beforeEach(async () => {
      secureDesk = await startTestDesk({
        now: '2026-12-08T10:00:00+05:00',
        env: { PUBLIC_URL: 'https://desk.example.kz' },
      });
      await createStaff(secureDesk, 'operator', 'aigerim');
    });

    afterEach(async () => {
      await secureDesk.close();
    });

    it('marks the session cookie Secure and sends HSTS', async () => {
      const page = await request(secureDesk.app).get('/login').set('x-forwarded-proto', 'https');
      // supertest's cookie jar keeps Secure cookies from plain http, so carry it by hand.
      const formCookie = (page.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

      const res = await request(secureDesk.app)
        .post('/login')
        .set('x-forwarded-proto', 'https')
        .set('cookie', formCookie)
        .type('form')
        .send({ _csrf: csrfOf(page.text), username: 'aigerim', password: PASSWORD });

      const cookie = sessionCookieOf(res);
      expect(cookie).to.match(/; Secure/i);
      expect(page.headers['strict-transport-security']).to.match(/max-age=/);
    });
  });

  describe('the staff API beside sessions', () => {
    it('still takes bearer tokens', async () => {
      const res = await request(desk.app)
        .get('/api/requests')
        .set('authorization', `Bearer ${TOKENS.operator}`);

      expect(res.status).to.equal(200);
    });

    it('takes a signed-in session for reading', async () => {
      const operator = await signIn(desk.app, 'aigerim');

      const res = await operator.agent.get('/api/requests');

      expect(res.status).to.equal(200);
    });

    it('refuses a write made with the session cookie but without the CSRF header', async () => {
      const operator = await signIn(desk.app, 'aigerim');
      const call = voiceCall();

      const bare = await operator.agent.post('/api/requests').send(call);
      const withToken = await operator.agent
        .post('/api/requests')
        .set('x-csrf-token', operator.csrf)
        .send(call);

      expect(bare.status).to.equal(403);
      expect(bare.body.error.code).to.equal('CSRF_INVALID');
      expect(withToken.status).to.equal(201);
    });

    it('answers 401 with neither', async () => {
      const res = await request(desk.app).get('/api/requests');

      expect(res.status).to.equal(401);
    });
  });

  describe('the language', () => {
    it('switches with ?lang= and remembers it in a cookie and on the account', async () => {
      const operator = await signIn(desk.app, 'aigerim');

      const ru = await operator.agent.get('/notices?lang=ru');
      const later = await operator.agent.get('/notices');
      const user = await desk.runtime.store.users.findOne({ username: 'aigerim' }).lean();

      expect(ru.text).to.include('<html lang="ru">');
      expect(ru.headers['set-cookie']!.toString()).to.match(/lang=ru/);
      expect(later.text).to.include('<html lang="ru">');
      expect(user!.language).to.equal('ru');
    });

    it('brings the account language back at the next sign-in, in another browser', async () => {
      await desk.runtime.store.users.updateOne(
        { username: 'aigerim' },
        { $set: { language: 'en' } },
      );

      const operator = await signIn(desk.app, 'aigerim');
      const page = await operator.agent.get('/notices').set('accept-language', 'ru');

      expect(page.text).to.include('<html lang="en">');
    });

    it('follows the browser when nobody chose', async () => {
      const page = await request(desk.app).get('/login').set('accept-language', 'ru-RU,ru;q=0.9');

      expect(page.text).to.include('<html lang="ru">');
      expect(page.text).to.include('Вход');
    });
  });
});
