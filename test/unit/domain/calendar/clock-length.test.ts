import { expect } from 'chai';

import { CalendarError, clockLengthMs } from '../../../../src/domain/calendar';
import { CONTACT_CENTER_DAY_MS, HOUR_MS, MINUTE_MS } from '../../../fixtures/calendars';

describe('clockLengthMs', () => {
  describe('on the working calendar', () => {
    it('reads hours and minutes as working time', () => {
      expect(clockLengthMs('PT3H', 'working', CONTACT_CENTER_DAY_MS)).to.equal(3 * HOUR_MS);
      expect(clockLengthMs('PT30M', 'working', CONTACT_CENTER_DAY_MS)).to.equal(30 * MINUTE_MS);
    });

    it('reads a day as one working day of 9 h 30 min (rules.md, "The clocks")', () => {
      expect(clockLengthMs('P1D', 'working', CONTACT_CENTER_DAY_MS)).to.equal(9.5 * HOUR_MS);
      expect(clockLengthMs('P1DT2H', 'working', CONTACT_CENTER_DAY_MS)).to.equal(11.5 * HOUR_MS);
    });
  });

  describe('around the clock', () => {
    it('reads a day as 24 h', () => {
      expect(clockLengthMs('P1D', 'always', CONTACT_CENTER_DAY_MS)).to.equal(24 * HOUR_MS);
      expect(clockLengthMs('PT3H', 'always', CONTACT_CENTER_DAY_MS)).to.equal(3 * HOUR_MS);
    });
  });

  it('rejects weeks, months and years with a typed error', () => {
    for (const iso of ['P1W', 'P1M', 'P1Y', 'P0W']) {
      expect(() => clockLengthMs(iso, 'working', CONTACT_CENTER_DAY_MS), iso)
        .to.throw(CalendarError)
        .with.property('code', 'UNSUPPORTED_DURATION_UNIT');
    }
  });

  it('rejects invalid and negative durations with a typed error', () => {
    for (const iso of ['', 'three hours', 'PT', '-PT1H', 'PT-30M']) {
      expect(() => clockLengthMs(iso, 'working', CONTACT_CENTER_DAY_MS), iso)
        .to.throw(CalendarError)
        .with.property('code', 'INVALID_DURATION');
    }
  });

  it('rejects a working day that is not a positive length', () => {
    expect(() => clockLengthMs('P1D', 'working', 0))
      .to.throw(CalendarError)
      .with.property('code', 'INVALID_DURATION');
  });
});
