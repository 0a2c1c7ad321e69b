import { expect } from 'chai';

import fs from 'node:fs';
import path from 'node:path';

import { findRootDir } from '../../../../src/config';
import {
  deriveDirections,
  okedInClass,
  parseDirectionTable,
  type DirectionTable,
} from '../../../../src/domain/records';

function loadDefaultTable(): DirectionTable {
  const file = path.join(findRootDir(), 'config', 'oked-directions.json');
  const parsed = parseDirectionTable(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`default table invalid: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

describe('okedInClass', () => {
  it('puts a five-digit code in its dotted four-digit class', () => {
    expect(okedInClass('87300', '87.30')).to.equal(true);
  });

  it('keeps a code out of a neighbouring class', () => {
    expect(okedInClass('87310', '87.30')).to.equal(false);
    expect(okedInClass('88910', '88.10')).to.equal(false);
  });

  it('compares from the first digit, not anywhere in the code', () => {
    expect(okedInClass('58730', '87.30')).to.equal(false);
  });

  it('matches a five-digit class exactly', () => {
    expect(okedInClass('47740', '47740')).to.equal(true);
    expect(okedInClass('47741', '47740')).to.equal(false);
  });

  it('lets a coarser class take in every code beneath it', () => {
    expect(okedInClass('88101', '88.1')).to.equal(true);
    expect(okedInClass('88990', '88')).to.equal(true);
  });

  it('keeps leading zeros significant', () => {
    expect(okedInClass('01110', '01.11')).to.equal(true);
    expect(okedInClass('50111', '01.11')).to.equal(false);
  });

  it('matches nothing against a class shorter than a division', () => {
    expect(okedInClass('87300', '8')).to.equal(false);
    expect(okedInClass('87300', '')).to.equal(false);
  });
});

describe('deriveDirections', () => {
  const table = loadDefaultTable();

  it('opens special social services for a care home (87300)', () => {
    const supplier = { kind: 'legal-entity' as const, oked: ['87300'] };

    expect(deriveDirections(supplier, table)).to.deep.equal(['special-social-services']);
  });

  it('opens two directions for social work without accommodation (88100)', () => {
    const supplier = { kind: 'legal-entity' as const, oked: ['88100'] };

    expect(deriveDirections(supplier, table)).to.deep.equal([
      'special-social-services',
      'personal-assistant',
    ]);
  });

  it('lists directions in display order, whatever the order of codes', () => {
    const supplier = { kind: 'legal-entity' as const, oked: ['74300', '86100', '47740'] };

    expect(deriveDirections(supplier, table)).to.deep.equal([
      'technical-aids',
      'sanatorium',
      'sign-language',
    ]);
  });

  it('opens the technical-aids direction for a maker of invalid carriages (30920)', () => {
    const supplier = { kind: 'entrepreneur' as const, oked: ['30920'] };

    expect(deriveDirections(supplier, table)).to.deep.equal(['technical-aids']);
  });

  it('opens nothing for codes outside the table', () => {
    const supplier = { kind: 'legal-entity' as const, oked: ['62010', '47110'] };

    expect(deriveDirections(supplier, table)).to.deep.equal([]);
  });

  it('always opens personal-assistant to a personal assistant, even without codes', () => {
    const supplier = { kind: 'personal-assistant' as const, oked: [] };

    expect(deriveDirections(supplier, table)).to.deep.equal(['personal-assistant']);
  });

  it('opens nothing to an entrepreneur without codes', () => {
    expect(deriveDirections({ kind: 'entrepreneur', oked: [] }, table)).to.deep.equal([]);
  });

  it('follows a table a supervisor edited', () => {
    const edited: DirectionTable = [{ direction: 'sign-language', classes: ['85.59'] }];
    const supplier = { kind: 'legal-entity' as const, oked: ['85590', '74300'] };

    expect(deriveDirections(supplier, edited)).to.deep.equal(['sign-language']);
  });
});

describe('parseDirectionTable', () => {
  it('accepts the default table in config/oked-directions.json', () => {
    expect(loadDefaultTable().map((rule) => rule.direction)).to.deep.equal([
      'special-social-services',
      'technical-aids',
      'sanatorium',
      'sign-language',
      'personal-assistant',
    ]);
  });

  it('rejects an unknown direction, a malformed class and a rule without classes', () => {
    const result = parseDirectionTable([
      { direction: 'catering', classes: ['56.10'] },
      { direction: 'sanatorium', classes: ['86.1x'] },
      { direction: 'sign-language', classes: [] },
    ]);

    expect(
      result.ok === false && result.errors.map(({ field, code }) => ({ field, code })),
    ).to.deep.equal([
      { field: '0.direction', code: 'INVALID_VALUE' },
      { field: '1.classes.0', code: 'INVALID_FORMAT' },
      { field: '2.classes', code: 'TOO_SHORT' },
    ]);
  });
});
