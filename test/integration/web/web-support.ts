import request from 'supertest';
import type { Express } from 'express';

import { hashPassword } from '../../../src/web/session/passwords';
import type { StaffRole } from '../../../src/store/user-model';
import { chatbotMessage, signed } from '../../support/channels';
import type { TestDesk } from '../../support/desk';

/**
 * Signed-in browsers for page tests: a supertest agent keeps the session
 * cookie, and `csrf` reads the token the last page carried.
 */
export const PASSWORD = 'correct horse battery';

/** One bcrypt hash of PASSWORD for every test account: hashing at cost 12 is slow. */
let passwordHash: Promise<string> | null = null;

export async function createStaff(desk: TestDesk, role: StaffRole, username: string = role) {
  passwordHash ??= hashPassword(PASSWORD);
  const created = await desk.runtime.store.users.create({
    username,
    displayName: `${role} person`,
    role,
    passwordHash: await passwordHash,
    language: null,
    disabled: false,
    createdAt: desk.runtime.now(),
    createdBy: 'test',
  });
  return created.toObject();
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /data-csrf="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** Posts a form from a page, with the page's CSRF token. */
  form(path: string, fields?: Record<string, string>): request.Test;
  /** Reads a page and keeps its CSRF token for the next form. */
  page(path: string): Promise<request.Response>;
}

export async function signIn(
  app: Express,
  username: string,
  password = PASSWORD,
): Promise<SignedIn> {
  const agent = request.agent(app);
  const login = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(login.text), username, password });
  if (res.status !== 303) throw new Error(`sign-in of ${username} answered ${res.status}`);

  const signedIn: SignedIn = {
    agent,
    csrf: '',
    form: (path, fields = {}) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: signedIn.csrf, ...fields }),
    async page(path) {
      const page = await agent.get(path);
      const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
      if (match) signedIn.csrf = match[1];
      return page;
    },
  };
  await signedIn.page('/notices');
  return signedIn;
}

/** A request from the portal's chat-bot, through the real webhook; its number and id. */
export async function chatbotRequest(desk: TestDesk, n: number, text = 'Портал не открывается') {
  const { raw, signature } = signed(
    chatbotMessage({
      sessionId: `sess-${n}`,
      messageId: `msg-${n}`,
      sentAt: '2026-12-08T09:55:00+05:00',
      text,
      participant: { phone: `+7701999887${n % 10}`, name: `Айгүл ${n}` },
    }),
  );
  const res = await request(desk.app)
    .post('/webhooks/chatbot')
    .set('content-type', 'application/json')
    .set('x-signature', signature)
    .send(raw);
  const doc = await desk.runtime.store.requests.findOne({ number: res.body.number }).lean();
  return { number: res.body.number as string, id: String(doc!._id) };
}
