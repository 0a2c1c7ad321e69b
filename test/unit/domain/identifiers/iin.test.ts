import { expect } from 'chai';

import { iinCheckDigit, iinWarnings, maskIin, parseIin } from '../../../../src/domain/identifiers';

/*
 * Fixtures worked out by hand (identifiers.md, "IIN"), not with the code
 * under test:
 *
 * 850412400121 — 1985-04-12, century digit 4 (1900s, female).
 *   8·1 + 5·2 + 0·3 + 4·4 + 1·5 + 2·6 + 4·7 + 0·8 + 0·9 + 1·10 + 2·11
 *   = 111; 111 mod 11 = 1.
 * 900315300123 — 1990-03-15, digit 3 (1900s, male); second weights.
 *   first pass 9 + 0 + 0 + 12 + 5 + 30 + 21 + 0 + 0 + 10 + 22 = 109 → 10;
 *   weights 3..11,1,2: 27 + 0 + 0 + 18 + 7 + 40 + 27 + 0 + 0 + 1 + 4
 *   = 124; 124 mod 11 = 3.
 * 050101500348 — 2005-01-01, digit 5 (2000s, male).
 *   0 + 10 + 0 + 4 + 0 + 6 + 35 + 0 + 0 + 30 + 44 = 129; mod 11 = 8.
 * 991399300018 — month 13: not a date, still a valid IIN.
 *   9 + 18 + 3 + 12 + 45 + 54 + 21 + 0 + 0 + 0 + 11 = 173; mod 11 = 8.
 * 850412000126 — century digit 0: no date, no sex.
 *   8 + 10 + 0 + 16 + 5 + 12 + 0 + 0 + 0 + 10 + 22 = 83; mod 11 = 6.
 * 000229500018 — 2000-02-29, a leap day.
 *   0 + 0 + 0 + 8 + 10 + 54 + 35 + 0 + 0 + 0 + 11 = 118; mod 11 = 8.
 * 000229300015 — 1900-02-29 does not exist (1900 is not a leap year).
 *   0 + 0 + 0 + 8 + 10 + 54 + 21 + 0 + 0 + 0 + 11 = 104; mod 11 = 5.
 * 85041230073x — both passes give 10, so no check digit is valid.
 *   8 + 10 + 0 + 16 + 5 + 12 + 21 + 0 + 0 + 70 + 33 = 175 → 10;
 *   24 + 20 + 0 + 24 + 7 + 16 + 27 + 0 + 0 + 7 + 6 = 131 → 10.
 */

describe('parseIin', () => {
  it('accepts a valid IIN and reads its birth date and sex', () => {
    expect(parseIin('850412400121')).to.deep.equal({
      ok: true,
      value: '850412400121',
      birthDate: '1985-04-12',
      sex: 'female',
    });
  });

  it('accepts an IIN whose check digit needs the second weights', () => {
    expect(parseIin('900315300123')).to.deep.equal({
      ok: true,
      value: '900315300123',
      birthDate: '1990-03-15',
      sex: 'male',
    });
  });

  it('keeps the leading zero of an IIN for someone born in the 2000s', () => {
    expect(parseIin('050101500348')).to.deep.equal({
      ok: true,
      value: '050101500348',
      birthDate: '2005-01-01',
      sex: 'male',
    });
  });

  it('trims surrounding whitespace', () => {
    expect(parseIin('  850412400121\n')).to.include({ ok: true, value: '850412400121' });
  });

  it('accepts an IIN whose first six digits are not a date, without a birth date', () => {
    expect(parseIin('991399300018')).to.deep.equal({
      ok: true,
      value: '991399300018',
      birthDate: null,
      sex: 'male',
    });
  });

  it('reads neither date nor sex when the century digit is outside 1–6', () => {
    expect(parseIin('850412000126')).to.deep.equal({
      ok: true,
      value: '850412000126',
      birthDate: null,
      sex: null,
    });
  });

  it('reads 29 February only in a leap year', () => {
    expect(parseIin('000229500018')).to.include({ ok: true, birthDate: '2000-02-29' });
    expect(parseIin('000229300015')).to.include({ ok: true, birthDate: null, sex: 'male' });
  });

  it('rejects a wrong check digit', () => {
    const result = parseIin('850412400122');

    expect(result).to.include({ ok: false, code: 'IIN_CHECKSUM' });
    expect(result).to.have.property('message').that.is.a('string').and.not.empty;
  });

  it('rejects a wrong check digit in the second-weights case', () => {
    expect(parseIin('900315300121')).to.include({ ok: false, code: 'IIN_CHECKSUM' });
  });

  it('rejects every check digit when both passes give 10', () => {
    for (let digit = 0; digit <= 9; digit += 1) {
      expect(parseIin(`85041230073${digit}`), `digit ${digit}`).to.include({
        ok: false,
        code: 'IIN_CHECKSUM',
      });
    }
  });

  it('rejects 11 and 13 digits as IIN_LENGTH', () => {
    expect(parseIin('85041240012')).to.include({ ok: false, code: 'IIN_LENGTH' });
    expect(parseIin('8504124001211')).to.include({ ok: false, code: 'IIN_LENGTH' });
    expect(parseIin('')).to.include({ ok: false, code: 'IIN_LENGTH' });
  });

  it('rejects letters, inner spaces and non-ASCII digits as IIN_NOT_DIGITS', () => {
    expect(parseIin('85041240012a')).to.include({ ok: false, code: 'IIN_NOT_DIGITS' });
    expect(parseIin('850412 400121')).to.include({ ok: false, code: 'IIN_NOT_DIGITS' });
    expect(parseIin('８５０４１２４００１２１')).to.include({
      ok: false,
      code: 'IIN_NOT_DIGITS',
    });
  });

  it('rejects anything but a string, including a number and a query object', () => {
    expect(parseIin(850412400121)).to.include({ ok: false, code: 'IIN_NOT_DIGITS' });
    expect(parseIin(null)).to.include({ ok: false, code: 'IIN_NOT_DIGITS' });
    expect(parseIin({ $ne: '' })).to.include({ ok: false, code: 'IIN_NOT_DIGITS' });
  });
});

describe('iinCheckDigit', () => {
  it('computes the digits of the hand-worked fixtures', () => {
    expect(iinCheckDigit('85041240012')).to.equal(1);
    expect(iinCheckDigit('90031530012')).to.equal(3);
    expect(iinCheckDigit('05010150034')).to.equal(8);
  });

  it('returns null when no check digit is valid', () => {
    expect(iinCheckDigit('85041230073')).to.equal(null);
  });

  it('refuses a prefix that is not 11 digits', () => {
    expect(() => iinCheckDigit('8504124001')).to.throw(RangeError);
  });
});

describe('iinWarnings', () => {
  it('returns nothing when the recorded birth date and sex agree', () => {
    expect(iinWarnings('850412400121', { birthDate: '1985-04-12', sex: 'female' })).to.deep.equal(
      [],
    );
  });

  it('warns when the recorded birth date differs', () => {
    const warnings = iinWarnings('850412400121', { birthDate: '1985-04-13', sex: 'female' });

    expect(warnings.map((w) => w.code)).to.deep.equal(['IIN_BIRTH_DATE_MISMATCH']);
  });

  it('warns when the recorded sex differs', () => {
    const warnings = iinWarnings('850412400121', { birthDate: '1985-04-12', sex: 'male' });

    expect(warnings.map((w) => w.code)).to.deep.equal(['IIN_SEX_MISMATCH']);
  });

  it('warns about both at once', () => {
    const warnings = iinWarnings('900315300123', { birthDate: '1991-03-15', sex: 'female' });

    expect(warnings.map((w) => w.code)).to.deep.equal([
      'IIN_BIRTH_DATE_MISMATCH',
      'IIN_SEX_MISMATCH',
    ]);
  });

  it('does not warn when the IIN encodes no date or sex', () => {
    expect(iinWarnings('850412000126', { birthDate: '1970-01-01', sex: 'male' })).to.deep.equal(
      [],
    );
  });

  it('compares only the sex when the IIN encodes no date', () => {
    const warnings = iinWarnings('991399300018', { birthDate: '1999-12-31', sex: 'female' });

    expect(warnings.map((w) => w.code)).to.deep.equal(['IIN_SEX_MISMATCH']);
  });

  it('does not warn about what was not recorded', () => {
    expect(iinWarnings('850412400121', {})).to.deep.equal([]);
  });

  it('returns nothing for an invalid IIN, which is an error elsewhere', () => {
    expect(iinWarnings('850412400122', { birthDate: '2001-01-01' })).to.deep.equal([]);
  });
});

describe('maskIin', () => {
  it('shows only the last six digits', () => {
    expect(maskIin('123456789012')).to.equal('******789012');
  });

  it('masks a malformed value entirely', () => {
    expect(maskIin('12345')).to.equal('*****');
    expect(maskIin('1234567890123')).to.equal('*************');
  });
});
