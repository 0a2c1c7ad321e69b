import { expect } from 'chai';
import request from 'supertest';

import type { StaffRole } from '../../../src/store/user-model';
import { startTestDesk, type TestDesk } from '../../support/desk';
import { chatbotRequest, createStaff, signIn, type SignedIn } from './web-support';

/** What each role may open: 200 for its own areas, 403 elsewhere. */
const PAGES: Record<string, StaffRole[]> = {
  '/dashboard': ['operator', 'supervisor', 'auditor'],
  '/dashboard/queue': ['operator', 'supervisor', 'auditor'],
  '/admin': ['admin', 'supervisor', 'auditor'],
  '/admin/panel': ['admin', 'supervisor', 'auditor'],
  '/supervisor/sla': ['supervisor'],
  '/supervisor/sla.csv': ['supervisor'],
  '/supervisor/users': ['supervisor'],
  '/supervisor/queues': ['supervisor'],
};

const ROLES: StaffRole[] = ['operator', 'admin', 'supervisor', 'auditor'];

describe('who reaches what', function () {
  this.timeout(60_000);

  let desk: TestDesk;
  const people: Partial<Record<StaffRole, SignedIn>> = {};

  before(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
    for (const role of ROLES) {
      await createStaff(desk, role);
      people[role] = await signIn(desk.app, role);
    }
  });

  after(async () => {
    await desk.close();
  });

  for (const [path, allowed] of Object.entries(PAGES)) {
    for (const role of ROLES) {
      const expected = allowed.includes(role) ? 200 : 403;
      const article = role === 'admin' ? 'an' : 'a';
      it(`answers ${expected} to ${article} ${role} at ${path}`, async () => {
        const res = await people[role]!.agent.get(path);
        expect(res.status).to.equal(expected);
      });
    }

    it(`sends a signed-out visitor of ${path} to /login`, async () => {
      const res = await request(desk.app).get(path).set('accept', 'text/html');
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal(`/login?next=${encodeURIComponent(path)}`);
    });
  }

  it('lets an auditor read a request page without any action on it', async () => {
    const { id } = await chatbotRequest(desk, 1);

    const page = await people.auditor!.page(`/dashboard/requests/${id}`);
    const post = await people.auditor!.form(`/dashboard/requests/${id}/register`);

    expect(page.status).to.equal(200);
    expect(page.text).to.not.include(`/dashboard/requests/${id}/register`);
    expect(post.status).to.equal(403);
  });

  it('keeps operators off admin decisions and administrators off queue steps', async () => {
    const { id } = await chatbotRequest(desk, 2);
    const operator = people.operator!;
    const admin = people.admin!;
    await operator.page('/dashboard');
    await admin.page('/admin');

    const nobody = '000000000000000000000000';
    const operatorDecides = await operator.form(`/admin/incidents/${nobody}/refute`, {
      explanation: 'x',
    });
    const adminRegisters = await admin.form(`/dashboard/requests/${id}/register`);
    const auditorPublishes = await people.auditor!.form('/admin/notices', {
      kind: 'failure',
      title: 'x',
    });

    expect(operatorDecides.status).to.equal(403);
    expect(adminRegisters.status).to.equal(403);
    expect(auditorPublishes.status).to.equal(403);
  });

  it('applies the same roles to the staff API called with a session', async () => {
    const { number } = await chatbotRequest(desk, 3);
    const call = (who: SignedIn) =>
      who.agent.post(`/api/requests/${number}/register`).set('x-csrf-token', who.csrf).send({});

    const auditor = await call(people.auditor!);
    const admin = await call(people.admin!);
    const operator = await call(people.operator!);

    expect(auditor.status).to.equal(403);
    expect(admin.status).to.equal(403);
    expect(operator.status).to.equal(200);
  });

  it('stops a disabled account at its next request', async () => {
    await createStaff(desk, 'operator', 'leaving');
    const leaving = await signIn(desk.app, 'leaving');
    await desk.runtime.store.users.updateOne(
      { username: 'leaving' },
      { $set: { disabled: true } },
    );

    const res = await leaving.agent.get('/dashboard');

    expect(res.status).to.equal(303);
  });

  it('lets a supervisor create an operator who can then sign in', async () => {
    const supervisor = people.supervisor!;
    await supervisor.page('/supervisor/users');

    const res = await supervisor.form('/supervisor/users', {
      username: 'new.operator',
      displayName: 'Жаңа оператор',
      role: 'operator',
      password: 'long enough secret',
    });
    const signedIn = await signIn(desk.app, 'new.operator', 'long enough secret');

    expect(res.status).to.equal(303);
    expect((await signedIn.agent.get('/dashboard')).status).to.equal(200);
  });
});
