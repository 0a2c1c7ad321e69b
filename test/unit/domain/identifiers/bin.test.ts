import { expect } from 'chai';

import { parseBin } from '../../../../src/domain/identifiers';

/*
 * Fixtures worked out by hand (identifiers.md, "BIN"): YYMM, entity type,
 * division, a five-digit serial, the IIN's check digit.
 *
 * 990940001232 — 1999-09, type 4, division 0.
 *   9 + 18 + 0 + 36 + 20 + 0 + 0 + 0 + 9 + 20 + 33 = 145; mod 11 = 2.
 * 050341000778 — type 4, division 1.
 *   0 + 10 + 0 + 12 + 20 + 6 + 0 + 0 + 0 + 70 + 77 = 195; mod 11 = 8.
 * 120752000014 — type 5, division 2.
 *   1 + 4 + 0 + 28 + 25 + 12 + 0 + 0 + 0 + 0 + 11 = 81; mod 11 = 4.
 * 151163000102 — type 6, division 3; second weights.
 *   1 + 10 + 3 + 4 + 30 + 18 + 0 + 0 + 0 + 10 + 0 = 76 → 10;
 *   3 + 20 + 5 + 6 + 42 + 24 + 0 + 0 + 0 + 1 + 0 = 101; mod 11 = 2.
 * 990970001236 — type 7 (unknown), check digit right.
 *   9 + 18 + 0 + 36 + 35 + 0 + 0 + 0 + 9 + 20 + 33 = 160; mod 11 = 6.
 * 990945001236 — division 5 (unknown), check digit right (second weights).
 *   first pass 175 → 10; 27 + 36 + 0 + 54 + 28 + 40 + 0 + 0 + 11 + 2 + 6
 *   = 204; mod 11 = 6.
 * 850412400121 — a valid IIN (see iin.test.ts): 5th digit 1.
 */

describe('parseBin', () => {
  it('accepts a resident legal entity head office', () => {
    expect(parseBin('990940001232')).to.deep.equal({
      ok: true,
      value: '990940001232',
      entityType: 'resident-legal-entity',
      division: 'head-office',
    });
  });

  it('reads a branch', () => {
    expect(parseBin('050341000778')).to.include({
      ok: true,
      entityType: 'resident-legal-entity',
      division: 'branch',
    });
  });

  it('reads a non-resident representative office', () => {
    expect(parseBin('120752000014')).to.include({
      ok: true,
      entityType: 'non-resident-legal-entity',
      division: 'representative-office',
    });
  });

  it('reads a joint entrepreneurship peasant farm (second weights)', () => {
    expect(parseBin('151163000102')).to.deep.equal({
      ok: true,
      value: '151163000102',
      entityType: 'joint-individual-entrepreneurship',
      division: 'peasant-farm',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(parseBin('990940001233')).to.include({ ok: false, code: 'BIN_CHECKSUM' });
  });

  it('rejects an unknown entity type digit', () => {
    expect(parseBin('990970001236')).to.include({ ok: false, code: 'BIN_TYPE' });
  });

  it('rejects an unknown division digit', () => {
    expect(parseBin('990945001236')).to.include({ ok: false, code: 'BIN_TYPE' });
  });

  it('rejects an IIN entered as a BIN', () => {
    expect(parseBin('850412400121')).to.include({ ok: false, code: 'BIN_TYPE' });
  });

  it('rejects a wrong length', () => {
    expect(parseBin('99094000123')).to.include({ ok: false, code: 'BIN_LENGTH' });
  });

  it('rejects non-digits and anything but a string', () => {
    expect(parseBin('9909-4000123')).to.include({ ok: false, code: 'BIN_NOT_DIGITS' });
    expect(parseBin(990940001232)).to.include({ ok: false, code: 'BIN_NOT_DIGITS' });
    expect(parseBin(['990940001232'])).to.include({ ok: false, code: 'BIN_NOT_DIGITS' });
  });

  it('gives a message for staff with every error', () => {
    const result = parseBin('990970001236');

    expect(result.ok).to.equal(false);
    expect(result)
      .to.have.property('message')
      .that.matches(/5th digit/);
  });
});
