import { expect } from 'chai';

import { parseMobile } from '../../../../src/domain/identifiers';

describe('parseMobile', () => {
  describe('when given a Kazakh mobile number', () => {
    const spellings = [
      '+77012345678',
      '8 701 234 56 78',
      '+7 (701) 234-56-78',
      '87012345678',
      '8-701-234-56-78',
      '8 (701) 234 5678',
      '7012345678',
      '77012345678',
      '  +7 701 234 56 78 ',
    ];

    for (const spelling of spellings) {
      it(`stores '${spelling}' as +77012345678`, () => {
        expect(parseMobile(spelling)).to.deep.equal({ ok: true, e164: '+77012345678' });
      });
    }

    it('accepts the other mobile ranges of identifiers.md', () => {
      const e164s = ['+77471234567', '+77601234567', '+77771234567', '+77851234567'];

      expect(e164s.map((n) => parseMobile(n))).to.deep.equal(
        e164s.map((e164) => ({ ok: true, e164 })),
      );
    });
  });

  it('rejects an Astana landline as PHONE_NOT_MOBILE', () => {
    expect(parseMobile('+7 7172 12 34 56')).to.include({ ok: false, code: 'PHONE_NOT_MOBILE' });
    expect(parseMobile('8 7172 123456')).to.include({ ok: false, code: 'PHONE_NOT_MOBILE' });
  });

  it('rejects a Russian mobile as PHONE_NOT_KZ', () => {
    expect(parseMobile('+7 916 123-45-67')).to.include({ ok: false, code: 'PHONE_NOT_KZ' });
    expect(parseMobile('89161234567')).to.include({ ok: false, code: 'PHONE_NOT_KZ' });
  });

  it('rejects a mobile of another country as PHONE_NOT_KZ', () => {
    expect(parseMobile('+380 50 123 4567')).to.include({ ok: false, code: 'PHONE_NOT_KZ' });
  });

  it('rejects a +7 70x range that the metadata does not assign', () => {
    expect(parseMobile('+77032345678')).to.include({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects too few and too many digits', () => {
    expect(parseMobile('+7701234567')).to.include({ ok: false, code: 'PHONE_INVALID' });
    expect(parseMobile('+770123456789')).to.include({ ok: false, code: 'PHONE_INVALID' });
  });

  it('rejects garbage, letters, extensions and numbers inside text', () => {
    const garbage = [
      '',
      'not a phone',
      '+7 701 234 56 78 ext 5',
      'call +77012345678',
      '+7701234567a8',
    ];

    for (const raw of garbage) {
      expect(parseMobile(raw), raw).to.include({ ok: false, code: 'PHONE_INVALID' });
    }
  });

  it('rejects anything but a string', () => {
    for (const raw of [77012345678, null, undefined, { $gt: '' }, ['+77012345678']]) {
      expect(parseMobile(raw), String(raw)).to.include({ ok: false, code: 'PHONE_INVALID' });
    }
  });

  it('gives a message for staff with every error', () => {
    const result = parseMobile('+79161234567');

    expect(result).to.have.property('message').that.is.a('string').and.not.empty;
  });
});
