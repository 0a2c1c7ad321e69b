import { expect } from 'chai';

import { CalendarError, formatAstana, parseInstant } from '../../../../src/domain/calendar';
import { ASTANA } from '../../../fixtures/calendars';

describe('formatAstana', () => {
  it('shows local time with the offset, to the second', () => {
    const at = new Date('2026-12-04T13:45:00.999Z');
    expect(formatAstana(at, ASTANA)).to.equal('2026-12-04T18:45:00+05:00');
  });

  it('shows +06:00 before 1 March 2024', () => {
    const at = new Date('2024-02-29T03:00:00Z');
    expect(formatAstana(at, ASTANA)).to.equal('2024-02-29T09:00:00+06:00');
  });

  it('rejects an unknown zone and an invalid Date', () => {
    expect(() => formatAstana(new Date(0), 'Mars/Olympus'))
      .to.throw(CalendarError)
      .with.property('code', 'INVALID_ZONE');
    expect(() => formatAstana(new Date('x'), ASTANA))
      .to.throw(CalendarError)
      .with.property('code', 'INVALID_INSTANT');
  });
});

describe('parseInstant', () => {
  it('reads an offset or Z', () => {
    const cases: Array<[string, string]> = [
      ['2026-12-04T18:45:00+05:00', '2026-12-04T13:45:00.000Z'],
      ['2026-12-04T18:45:00.250+05:00', '2026-12-04T13:45:00.250Z'],
      ['2026-12-04T18:45+0500', '2026-12-04T13:45:00.000Z'],
      ['2024-02-29T23:30:00+06:00', '2024-02-29T17:30:00.000Z'],
      ['2026-12-04T13:45:00Z', '2026-12-04T13:45:00.000Z'],
    ];

    for (const [raw, utc] of cases) {
      expect(parseInstant(raw)?.toISOString(), raw).to.equal(utc);
    }
  });

  it('returns null for text without an offset, which is ambiguous', () => {
    expect(parseInstant('2026-12-04T18:45:00')).to.equal(null);
    expect(parseInstant('2026-12-04')).to.equal(null);
  });

  it('returns null for what is not an instant', () => {
    const bad = ['', 'yesterday', '2026-02-30T10:00:00Z', '2026-12-04T24:00:00Z', '1733320000'];
    for (const raw of bad) expect(parseInstant(raw), raw).to.equal(null);
  });
});
