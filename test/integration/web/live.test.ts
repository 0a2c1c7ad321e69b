import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { expect } from 'chai';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';

import { busConnectionName, startLive, type LiveServer } from '../../../src/web/live/live-server';
import { startTestDesk, type TestDesk } from '../../support/desk';
import { staff } from '../../support/staff';
import { chatbotRequest, createStaff, csrfOf, PASSWORD } from './web-support';

/** Two web processes of one desk, each with its own socket.io, joined by Redis. */
interface WebProcess {
  url: string;
  live: LiveServer;
}

async function webProcess(desk: TestDesk): Promise<WebProcess> {
  const server = http.createServer(desk.app);
  const live = await startLive(server, desk.runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, live };
}

async function sessionCookie(desk: TestDesk, username: string): Promise<string> {
  const agent = request.agent(desk.app);
  const form = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(form.text), username, password: PASSWORD });
  return (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
}

function socketTo(url: string, namespace: string, options: Record<string, unknown> = {}): Socket {
  return connect(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

function watch(socket: Socket, what: object): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => socket.emit('watch', what, resolve));
}

function collect(socket: Socket, event: string): unknown[] {
  const seen: unknown[] = [];
  socket.on(event, (message: unknown) => seen.push(message));
  return seen;
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(25);
  }
}

describe('live screens over socket.io', function () {
  this.timeout(60_000);

  let desk: TestDesk;
  let a: WebProcess;
  let b: WebProcess;
  const sockets: Socket[] = [];

  const staffSocket = async (proc: WebProcess, username: string) => {
    const socket = socketTo(proc.url, '/staff', {
      extraHeaders: { cookie: await sessionCookie(desk, username) },
    });
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-08T10:00:00+05:00' });
    for (const role of ['operator', 'admin', 'supervisor', 'auditor'] as const) {
      await createStaff(desk, role);
    }
    a = await webProcess(desk);
    b = await webProcess(desk);
  });

  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await a.live.close();
    await b.live.close();
    await desk.close();
  });

  it('refuses a staff socket without a session', async () => {
    const socket = socketTo(a.url, '/staff');
    sockets.push(socket);

    expect(await refused(socket)).to.equal('SIGN_IN_REQUIRED');
  });

  it('tells operators on both web processes of a new request, once each', async () => {
    const onA = await staffSocket(a, 'operator');
    const onB = await staffSocket(b, 'supervisor');
    await watch(onA, { view: 'queue' });
    await watch(onB, { view: 'queue' });
    const heardA = collect(onA, 'desk-event');
    const heardB = collect(onB, 'desk-event');

    const { id } = await chatbotRequest(desk, 1);
    await until(() => heardA.length > 0 && heardB.length > 0, 'the event on both processes');
    await settle();

    expect(heardA).to.deep.equal([{ type: 'request.created', requestId: id }]);
    expect(heardB).to.deep.equal([{ type: 'request.created', requestId: id }]);
  });

  it('gives each role only the rooms its pages allow', async () => {
    const admin = await staffSocket(a, 'admin');
    const auditor = await staffSocket(a, 'auditor');
    const operator = await staffSocket(b, 'operator');

    expect(await watch(admin, { view: 'queue' })).to.deep.equal({ ok: false, error: 'FORBIDDEN' });
    expect(await watch(admin, { view: 'incidents' })).to.deep.equal({ ok: true });
    expect(await watch(auditor, { view: 'queue' })).to.deep.equal({ ok: true });
    expect(await watch(operator, { view: 'incidents' })).to.deep.equal({
      ok: false,
      error: 'FORBIDDEN',
    });
  });

  it('does not deliver queue news to a socket that may not watch the queue', async () => {
    const admin = await staffSocket(a, 'admin');
    await watch(admin, { view: 'queue' });
    const heard = collect(admin, 'desk-event');

    await chatbotRequest(desk, 1);
    await settle(500);

    expect(heard).to.deep.equal([]);
  });

  it('shows who else has a request open, across web processes', async () => {
    const { id } = await chatbotRequest(desk, 1);
    const operator = await staffSocket(a, 'operator');
    const supervisor = await staffSocket(b, 'supervisor');
    const seen = collect(operator, 'presence') as Array<{ viewers: Array<{ username: string }> }>;

    await watch(operator, { view: 'request', id });
    await watch(supervisor, { view: 'request', id });
    await until(() => seen.some((p) => p.viewers.length === 2), 'two viewers');
    supervisor.disconnect();
    await until(() => seen[seen.length - 1].viewers.length === 1, 'one viewer left');

    expect(seen[seen.length - 1].viewers.map((v) => v.username)).to.deep.equal(['operator']);
  });

  it("lets a participant's page hear only its own request, with the right code", async () => {
    const mine = await chatbotRequest(desk, 1);
    const other = await chatbotRequest(desk, 2);
    const code = desk.runtime.statusCodes.codeFor(mine.id);
    const participant = socketTo(b.url, '/participant', { auth: { number: mine.number, code } });
    const intruder = socketTo(b.url, '/participant', { auth: { number: other.number, code } });
    sockets.push(participant, intruder);
    const intruderRefused = refused(intruder);
    await connected(participant);
    const heard = collect(participant, 'desk-event');

    await staff(desk.app, 'operator').post(`/api/requests/${other.number}/register`);
    await settle(400);
    const beforeMine = heard.length;
    await staff(desk.app, 'operator').post(`/api/requests/${mine.number}/register`);
    await until(() => heard.length > beforeMine, 'news of my request');

    expect(await intruderRefused).to.equal('NOT_FOUND');
    expect(beforeMine).to.equal(0);
    expect(heard).to.deep.equal([{ type: 'changed' }]);
  });

  it('tells its screens to reload when its event subscription comes back', async () => {
    const operator = await staffSocket(a, 'operator');
    const resyncs = collect(operator, 'resync');
    const clients = String(await desk.runtime.redis.call('CLIENT', 'LIST'));
    // Both web processes subscribe under the same name: drop every one of them,
    // so the process this screen is connected to surely loses its own.
    const ids = clients
      .split('\n')
      .filter((l) => l.includes(`name=${busConnectionName(desk.config.queuePrefix)}`))
      .map((l) => /id=(\d+)/.exec(l)![1]);
    expect(ids).to.have.length.greaterThan(0);

    for (const id of ids) await desk.runtime.redis.call('CLIENT', 'KILL', 'ID', id);
    await until(() => resyncs.length > 0, 'a resync');

    expect(resyncs).to.have.length(1);
  });
});
