import { expect } from 'chai';

import { CalendarError } from '../../../../src/domain/calendar';
import { alwaysCalendar, HOUR_MS, instant } from '../../../fixtures/calendars';

describe('AlwaysCalendar', () => {
  const calendar = alwaysCalendar();
  const saturdayNight = instant('2026-12-05T23:00:00+05:00');

  it('is always working time', () => {
    expect(calendar.isWorkingTime(saturdayNight)).to.equal(true);
    expect(calendar.nextOpening(saturdayNight)).to.equal(saturdayNight);
    expect(calendar.day('2026-12-16')).to.deep.equal({
      date: '2026-12-16',
      working: true,
      reason: null,
    });
  });

  it('adds plainly, a day being 24 h', () => {
    const dueAt = calendar.addWorkingTime(saturdayNight, 3 * HOUR_MS);
    expect(dueAt.toISOString()).to.equal('2026-12-05T21:00:00.000Z');
    expect(calendar.workingDayMs).to.equal(24 * HOUR_MS);
    expect(calendar.addWorkingTime(saturdayNight, 0)).to.equal(saturdayNight);
  });

  it('measures plain elapsed time, 0 when the end is not after the start', () => {
    const later = instant('2026-12-06T02:30:00+05:00');
    expect(calendar.workingTimeBetween(saturdayNight, later)).to.equal(3.5 * HOUR_MS);
    expect(calendar.workingTimeBetween(later, saturdayNight)).to.equal(0);
  });

  it('lists every day as working and rejects bad input like the working calendar', () => {
    expect(calendar.days('2026-12-04', '2026-12-06').map((day) => day.working)).to.deep.equal([
      true,
      true,
      true,
    ]);
    expect(() => calendar.addWorkingTime(saturdayNight, -1))
      .to.throw(CalendarError)
      .with.property('code', 'INVALID_DURATION');
  });
});
