import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';
import { staff } from '../../support/staff';
import { chatbotRequest, createStaff, signIn, type SignedIn } from './web-support';

const run = promisify(execFile);

describe('supervisor', function () {
  this.timeout(60_000);

  let desk: TestDesk;
  let supervisor: SignedIn;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
    await createStaff(desk, 'supervisor', 'boss');
    supervisor = await signIn(desk.app, 'boss');
  });

  afterEach(async () => {
    await desk.close();
  });

  async function oneMetOneBreached() {
    const met = await chatbotRequest(desk, 1);
    const late = await chatbotRequest(desk, 2);
    await staff(desk.app, 'operator').post(`/api/requests/${met.number}/register`);
    desk.clock.set('2026-12-08T14:00:00+05:00');
    await staff(desk.app, 'operator').post(`/api/requests/${late.number}/register`);
  }

  it('counts met and breached clocks of the period, as a table and a chart', async () => {
    await oneMetOneBreached();

    const page = await supervisor.page('/supervisor/sla?from=01.12.2026&to=31.12.2026&lang=en');
    const cell = String.raw`\s*<td class="num">(\d+)</td>`;
    const registration = new RegExp(`<th scope="row">Registration</th>${cell}${cell}`).exec(
      page.text,
    );

    expect(page.status).to.equal(200);
    expect(registration!.slice(1)).to.deep.equal(['1', '1']);
    expect(page.text).to.include('<svg class="chart" role="img"');
    expect(page.text).to.include('01.12.2026');
  });

  it('downloads the same counts as CSV', async () => {
    await oneMetOneBreached();

    const res = await supervisor.agent.get(
      '/supervisor/sla.csv?from=2026-12-01&to=2026-12-31&lang=ru',
    );
    const lines = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');

    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.include('sla_2026-12-01_2026-12-31.csv');
    expect(lines[0]).to.equal('clock,label,met,breached,running,compliance_percent');
    expect(lines[1]).to.equal('registration,Регистрация,1,1,0,50');
  });

  it('counts a passed deadline as breached before its record is written', async () => {
    await chatbotRequest(desk, 1);
    const csv = async () =>
      (await supervisor.agent.get('/supervisor/sla.csv?from=2026-12-01&to=2026-12-31')).text;

    expect(await csv()).to.match(/\r\nregistration,[^,]+,0,0,1,\r\n/);

    // No worker runs, so nothing writes the breach into the request.
    desk.clock.set('2026-12-08T14:00:00+05:00');

    expect(await csv()).to.match(/\r\nregistration,[^,]+,0,1,0,0\r\n/);
  });

  it('leaves out clocks that ended outside the period', async () => {
    await oneMetOneBreached();

    const res = await supervisor.agent.get('/supervisor/sla.csv?from=2026-11-01&to=2026-11-30');

    expect(res.text).to.include('registration,');
    expect(res.text).to.match(/registration,[^,]+,0,0,/);
  });

  it('serves the read-only queue views', async () => {
    const res = await supervisor.agent.get('/supervisor/queues/api/queues');

    expect(res.status).to.equal(200);
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).to.deep.equal([
      'clock-records',
      'clocks',
      'notices',
      'release',
    ]);
    expect(res.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).to.equal(true);
  });

  describe('the create-supervisor command', () => {
    const script = path.join(__dirname, '..', '..', '..', 'scripts', 'create-supervisor.js');
    const env = () => ({
      ...process.env,
      MONGODB_URI: desk.config.mongodbUri,
      LOG_LEVEL: 'silent',
    });

    it('creates a supervisor from a password on standard input', async () => {
      const child = run(process.execPath, [script, 'first.boss'], { env: env() });
      child.child.stdin!.end('a long enough password\n');
      const { stdout } = await child;

      const user = await desk.runtime.store.users.findOne({ username: 'first.boss' }).lean();
      const signedIn = await signIn(desk.app, 'first.boss', 'a long enough password');

      expect(stdout).to.include('supervisor first.boss created');
      expect(user!.role).to.equal('supervisor');
      expect(user!.passwordHash).to.match(/^\$2[aby]\$12\$/);
      expect((await signedIn.agent.get('/supervisor/sla')).status).to.equal(200);
    });

    it('refuses a taken username and a short password', async () => {
      const taken = await run(process.execPath, [script, 'boss', 'another long password'], {
        env: env(),
      }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      const short = await run(process.execPath, [script, 'someone', 'short'], { env: env() }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );

      expect(taken!.code).to.equal(1);
      expect(taken!.stderr).to.include('USERNAME_TAKEN');
      expect(short!.stderr).to.include('PASSWORD_TOO_SHORT');
    });
  });
});
