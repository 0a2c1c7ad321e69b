import { expect } from 'chai';

import { calendarDays, loadReviewedCalendar, seedDays } from '../../../../src/calendar-seed';
import { CalendarError } from '../../../../src/domain/calendar';
import { reviewedCalendar } from '../../../fixtures/calendars';

describe('seedDays', () => {
  it('takes public days off from date-holidays on their own calendar dates', () => {
    const dates = seedDays(2028).map((day) => day.date);

    expect(dates).to.include.members(['2028-01-01', '2028-01-02', '2028-03-15', '2028-12-16']);
    expect(dates).not.to.include('2027-12-31');
    expect(dates.every((date) => date.startsWith('2028-'))).to.equal(true);
  });

  it('marks every seeded day off as unreviewed', () => {
    for (const day of seedDays(2028)) {
      expect(day.working).to.equal(false);
      expect(day.reason).to.match(/\(from date-holidays, not reviewed\)$/);
    }
  });

  it('lists a date the library gives twice only once', () => {
    const dates = seedDays(2026).map((day) => day.date);
    expect(dates.length).to.equal(new Set(dates).size);
  });

  it('rejects a year without data', () => {
    expect(() => seedDays(1800))
      .to.throw(CalendarError)
      .with.property('code', 'INVALID_RANGE');
  });
});

describe('calendarDays', () => {
  it('seeds only the years the reviewed file does not cover', () => {
    const days = calendarDays(reviewedCalendar, [2026, 2028]);
    const years = new Set(days.map((day) => day.date.slice(0, 4)));

    expect([...years].sort()).to.deep.equal(['2024', '2025', '2026', '2027', '2028']);
    expect(days.filter((day) => day.date === '2026-03-16')).to.deep.equal([]);
  });
});

describe('loadReviewedCalendar', () => {
  const valid = {
    years: [2026],
    notes: 'test',
    days: [{ date: '2026-12-16', working: false, reason: 'Independence Day' }],
  };

  it('reads a valid file and keeps the notes', () => {
    const calendar = loadReviewedCalendar(valid);
    expect(calendar.days).to.deep.equal(valid.days);
    expect(calendar.notes).to.deep.equal(['test']);
  });

  it('rejects malformed files with a typed error', () => {
    const day = valid.days[0];
    const broken: unknown[] = [
      null,
      [],
      { ...valid, years: [] },
      { ...valid, notes: 3 },
      { ...valid, days: {} },
      { ...valid, days: [{ ...day, date: '16.12.2026' }] },
      { ...valid, days: [{ ...day, working: 'no' }] },
      { ...valid, days: [{ ...day, reason: ' ' }] },
      { ...valid, days: [{ ...day, date: '2027-12-16' }] },
      { ...valid, days: [day, day] },
      { ...valid, days: [{ ...day, working: true }] },
    ];

    for (const file of broken) {
      expect(() => loadReviewedCalendar(file), JSON.stringify(file))
        .to.throw(CalendarError)
        .with.property('code', 'INVALID_CALENDAR_FILE');
    }
  });
});
