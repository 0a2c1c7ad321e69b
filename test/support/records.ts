import request from 'supertest';
import type { Express } from 'express';

import { iinCheckDigit } from '../../src/domain/identifiers';
import { TOKENS } from './desk';

/**
 * Participants and suppliers for the records tests and the import bench.
 * Identifiers are built with the real check digit, so any number of valid
 * ones can be made; the fixed ones below were worked by hand in
 * test/unit/domain/identifiers.
 */
export const AIGUL_IIN = '850412400121';
export const SERIK_IIN = '900315300123';
export const CLINIC_BIN = '990940001232';

export type Input = Record<string, unknown>;

/** A valid IIN for a birth date ('YYYY-MM-DD'), sex and serial (0–9999). */
export function makeIin(birthDate: string, sex: 'male' | 'female', serial: number): string {
  const [year, month, day] = birthDate.split('-');
  const century = Number(year.slice(0, 2));
  const centuryDigit = (century - 18) * 2 + (sex === 'male' ? 1 : 2);

  for (let attempt = 0; attempt < 10; attempt += 1) {
    const serialText = String((serial + attempt) % 10000).padStart(4, '0');
    const first11 = `${year.slice(2)}${month}${day}${centuryDigit}${serialText}`;
    const check = iinCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
  throw new Error(`No valid IIN near serial ${serial}`);
}

/** A valid BIN: registered YYMM, resident legal entity, head office, a serial. */
export function makeBin(yymm: string, serial: number): string {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const first11 = `${yymm}40${String((serial + attempt) % 100000).padStart(5, '0')}`;
    const check = iinCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
  throw new Error(`No valid BIN near serial ${serial}`);
}

/** Changes the check digit, keeping twelve digits. */
export function withWrongCheckDigit(id: string): string {
  return `${id.slice(0, 11)}${(Number(id[11]) + 1) % 10}`;
}

export function participantInput(overrides: Input = {}): Input {
  return {
    iin: AIGUL_IIN,
    surname: 'Ахметова',
    name: 'Айгуль',
    patronymic: 'Сериковна',
    birthDate: '1985-04-12',
    sex: 'female',
    address: 'Астана, ул. Абая, 1',
    phone: '8 701 234 56 78',
    document: {
      kind: 'id-card',
      number: '041234567',
      issuer: 'МВД РК',
      issuedOn: '2015-05-01',
      expiresOn: '2025-05-01',
    },
    category: 'disability',
    representatives: [],
    language: 'kk',
    ...overrides,
  };
}

export function legalEntityInput(overrides: Input = {}): Input {
  return {
    kind: 'legal-entity',
    bin: CLINIC_BIN,
    fullName: 'ТОО «Медицинский центр Шипагер»',
    shortName: 'ТОО «Шипагер»',
    legalAddress: 'Алматы, пр. Достык, 10',
    head: 'Сериков Серик Серикович',
    founders: [{ fullName: 'Сериков Серик', iin: SERIK_IIN, citizenship: 'KZ' }],
    premises: { kind: 'lease', registration: 'KZ-LEASE-12/2023' },
    oked: ['86100'],
    ownership: 'private',
    ...overrides,
  };
}

export function assistantInput(overrides: Input = {}): Input {
  return {
    kind: 'personal-assistant',
    iin: SERIK_IIN,
    fullName: 'Сериков Серик Серикович',
    noMentalHealthRegistration: true,
    ...overrides,
  };
}

export type Role = keyof typeof TOKENS;

/** The staff API as one role sees it. */
export function staffApi(app: Express, role: Role) {
  const auth = `Bearer ${TOKENS[role]}`;
  const json = (req: request.Test, body: unknown) =>
    req
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  return {
    get: (path: string) => request(app).get(path).set('authorization', auth),
    post: (path: string, body: unknown) => json(request(app).post(path), body),
    put: (path: string, body: unknown) => json(request(app).put(path), body),
    patch: (path: string, body: unknown) => json(request(app).patch(path), body),
    /** A raw body with its own content type, as imports send. */
    send: (path: string, contentType: string, body: string) =>
      request(app)
        .post(path)
        .set('authorization', auth)
        .set('content-type', contentType)
        .send(body),
  };
}

export function jsonLines(rows: unknown[]): string {
  return rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n');
}
