import request from 'supertest';
import type { Express } from 'express';

import { TOKENS } from './desk';

/** The staff API as one role sees it, for tests that walk the workflow. */
export function staff(app: Express, role: keyof typeof TOKENS) {
  const auth = { authorization: `Bearer ${TOKENS[role]}` };

  return {
    get: (path: string) => request(app).get(path).set(auth),
    post: (path: string, body: object = {}) => request(app).post(path).set(auth).send(body),
    put: (path: string, body: object) => request(app).put(path).set(auth).send(body),
  };
}

export const voiceCall = (overrides: Record<string, unknown> = {}) => ({
  channel: 'voice',
  contact: { name: 'Нұрлан Ахметов', phone: '+77051112233', language: 'kk' },
  description: 'Жеткізушіні таңдау беті ашылмайды',
  ...overrides,
});
