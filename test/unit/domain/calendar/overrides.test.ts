import { expect } from 'chai';

import {
  astana,
  CONTACT_CENTER_DAY_MS,
  contactCenterCalendar,
  HOUR_MS,
  instant,
} from '../../../fixtures/calendars';

/** rules.md, "Working time": days off are data an administrator can change. */
describe('WorkingCalendar overrides', () => {
  it('make a weekday a day off', () => {
    const calendar = contactCenterCalendar([
      { date: '2026-12-02', working: false, reason: 'Transfer: order No. 1 (test)' },
    ]);

    expect(calendar.day('2026-12-02')).to.deep.equal({
      date: '2026-12-02',
      working: false,
      reason: 'Transfer: order No. 1 (test)',
    });
    const dueAt = calendar.addWorkingTime(instant('2026-12-01T18:00:00+05:00'), HOUR_MS);
    expect(astana(dueAt)).to.equal('2026-12-03T09:30:00+05:00');
  });

  it('make a Saturday a working day', () => {
    const calendar = contactCenterCalendar([
      { date: '2026-12-05', working: true, reason: 'Transfer: working Saturday (test)' },
    ]);

    const opening = calendar.nextOpening(instant('2026-12-04T18:45:00+05:00'));
    expect(astana(opening)).to.equal('2026-12-05T09:00:00+05:00');
    expect(calendar.isWorkingTime(instant('2026-12-05T18:29:00+05:00'))).to.equal(true);
  });

  it('win over a reviewed holiday', () => {
    const calendar = contactCenterCalendar([
      { date: '2026-12-16', working: true, reason: 'Corrected by an administrator (test)' },
    ]);

    const registeredAt = instant('2026-12-15T10:00:00+05:00');
    const dueAt = calendar.addWorkingTime(registeredAt, CONTACT_CENTER_DAY_MS);
    expect(astana(dueAt)).to.equal('2026-12-16T10:00:00+05:00');
    expect(calendar.day('2026-12-16').reason).to.equal('Corrected by an administrator (test)');
  });

  it('leave the calendar they were not given untouched', () => {
    const calendar = contactCenterCalendar();
    expect(calendar.day('2026-12-16').working).to.equal(false);
    expect(calendar.day('2026-12-05').working).to.equal(false);
  });
});
