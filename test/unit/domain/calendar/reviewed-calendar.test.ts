import { expect } from 'chai';

import { CalendarError } from '../../../../src/domain/calendar';
import {
  astana,
  contactCenterCalendar,
  HOUR_MS,
  instant,
  reviewedCalendar,
} from '../../../fixtures/calendars';

const DAY_MS = 86_400_000;

/**
 * calendar.md's rules written out a second way: public holidays, weekend ones
 * carried to the next working day in date order (never onto another day off),
 * religious days not carried, and the one known transfer. The reviewed file
 * was written by hand; this keeps the two in step.
 */
function daysOffByRule(year: number): string[] {
  const publicDays = [
    '01-01',
    '01-02',
    '03-08',
    '03-21',
    '03-22',
    '03-23',
    '05-01',
    '05-07',
    '05-09',
    '07-06',
    '10-25',
    '12-16',
  ];
  if (year <= 2025) publicDays.push('08-30');
  if (year >= 2027) publicDays.push('03-15');

  const kurbanAit: Record<number, string> = {
    2024: '06-16',
    2025: '06-06',
    2026: '05-27',
    2027: '05-16',
  };
  const religious = ['01-07', kurbanAit[year]];
  const transferredOff = year === 2025 ? [`${year}-01-03`] : [];

  const holidays = publicDays.map((day) => `${year}-${day}`).sort();
  const religiousDates = religious.map((day) => `${year}-${day}`);
  const off = new Set([...holidays, ...religiousDates, ...transferredOff]);
  const isOff = (date: string) => off.has(date) || isWeekend(date);

  for (const holiday of holidays.filter(isWeekend)) {
    let carried = nextDate(holiday);
    while (isOff(carried)) carried = nextDate(carried);
    off.add(carried);
  }
  return [...off].sort();
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

describe('the reviewed calendar 2024–2027', () => {
  const calendar = contactCenterCalendar();

  for (const year of [2024, 2025, 2026, 2027]) {
    it(`lists exactly the days off calendar.md's rules give for ${year}`, () => {
      const listed = reviewedCalendar.days
        .filter((day) => day.date.startsWith(`${year}-`) && !day.working)
        .map((day) => day.date);

      expect(listed).to.deep.equal(daysOffByRule(year));
    });
  }

  it('has one working weekend day: Sunday 2025-01-05', () => {
    const working = reviewedCalendar.days.filter((day) => day.working).map((day) => day.date);
    expect(working).to.deep.equal(['2025-01-05']);
  });

  it('says in its notes that no other transfers are known', () => {
    expect(reviewedCalendar.notes.join(' ')).to.match(/No transfers are known for 2024, 2026/);
  });

  describe('2026', () => {
    it('keeps 16 March working: no Constitution Day in 2026', () => {
      expect(calendar.day('2026-03-16')).to.deep.equal({
        date: '2026-03-16',
        working: true,
        reason: null,
      });
      const dueAt = calendar.addWorkingTime(instant('2026-03-13T18:00:00+05:00'), HOUR_MS);
      expect(astana(dueAt)).to.equal('2026-03-16T09:30:00+05:00');
    });

    it('gives no Constitution Day off on 30 or 31 August', () => {
      expect(calendar.day('2026-08-30')).to.deep.equal({
        date: '2026-08-30',
        working: false,
        reason: 'Sunday',
      });
      expect(calendar.day('2026-08-31').working).to.equal(true);
    });

    it('carries Nauryz (21–22 March, a weekend) to 24 and 25 March', () => {
      const march = calendar.days('2026-03-20', '2026-03-26').map((day) => day.working);
      expect(march).to.deep.equal([true, false, false, false, false, false, true]);

      const dueAt = calendar.addWorkingTime(instant('2026-03-20T18:00:00+05:00'), HOUR_MS);
      expect(astana(dueAt)).to.equal('2026-03-26T09:30:00+05:00');
    });

    it('gives the carry-over days of 8 March, 9 May and 25 October', () => {
      for (const date of ['2026-03-09', '2026-05-11', '2026-10-26']) {
        expect(calendar.day(date).working, date).to.equal(false);
        expect(calendar.day(date).reason, date).to.match(/^Carry-over of /);
      }
    });
  });

  describe('2027', () => {
    it('makes 15 March Constitution Day', () => {
      expect(calendar.day('2027-03-15')).to.deep.equal({
        date: '2027-03-15',
        working: false,
        reason: 'Constitution Day',
      });
    });

    it('carries 2 January (Saturday) to Monday 4 January', () => {
      expect(calendar.day('2027-01-04')).to.deep.equal({
        date: '2027-01-04',
        working: false,
        reason: 'Carry-over of New Year (2 January, Saturday)',
      });
    });

    it('carries Nauryz of Sunday 21 March past 22–23 March to 24 March', () => {
      expect(calendar.day('2027-03-24').working).to.equal(false);
      expect(calendar.day('2027-03-25').working).to.equal(true);
    });
  });

  describe('day and days', () => {
    it('shows the reason of a weekend holiday', () => {
      expect(calendar.day('2024-07-06')).to.deep.equal({
        date: '2024-07-06',
        working: false,
        reason: 'Capital Day (Saturday)',
      });
    });

    it('lists a range inclusively', () => {
      const days = calendar.days('2025-01-01', '2025-01-07');
      expect(days.map((day) => `${day.date.slice(8)}:${day.working}`)).to.deep.equal([
        '01:false',
        '02:false',
        '03:false',
        '04:false',
        '05:true',
        '06:true',
        '07:false',
      ]);
      expect(days[3].reason).to.equal('Saturday');
      expect(days[5].reason).to.equal(null);
    });

    it('refuses a reversed range, a range over three years and a malformed date', () => {
      const cases: Array<[() => unknown, string]> = [
        [() => calendar.days('2026-02-01', '2026-01-01'), 'INVALID_RANGE'],
        [() => calendar.days('2024-01-01', '2027-12-31'), 'RANGE_TOO_LONG'],
        [() => calendar.day('2026-13-01'), 'INVALID_DATE'],
        [() => calendar.day('2026-2-01'), 'INVALID_DATE'],
      ];

      for (const [call, code] of cases) {
        expect(call).to.throw(CalendarError).with.property('code', code);
      }
    });
  });
});
