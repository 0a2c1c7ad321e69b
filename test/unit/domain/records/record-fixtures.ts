/*
 * Records shared by the records tests. IINs and BINs are the hand-worked
 * fixtures of test/unit/domain/identifiers (see the arithmetic there).
 */

/** 1985-04-12, female. */
export const AIGUL_IIN = '850412400121';

/** 1990-03-15, male. */
export const SERIK_IIN = '900315300123';

/** Resident legal entity, head office. */
export const CLINIC_BIN = '990940001232';

export type Input = Record<string, unknown>;

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
    email: 'aigul@example.kz',
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
