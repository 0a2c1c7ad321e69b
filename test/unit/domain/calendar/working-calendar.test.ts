import { expect } from 'chai';

import {
  CalendarError,
  WorkingCalendar,
  type WorkingCalendarOptions,
} from '../../../../src/domain/calendar';
import {
  astana,
  CONTACT_CENTER_DAY_MS,
  contactCenterCalendar,
  HOUR_MS,
  instant,
  MINUTE_MS,
} from '../../../fixtures/calendars';

describe('WorkingCalendar', () => {
  const calendar = contactCenterCalendar();

  describe('isWorkingTime', () => {
    it('includes opening and excludes closing (9:00–18:30, clause 16)', () => {
      expect(calendar.isWorkingTime(instant('2026-12-07T09:00:00+05:00'))).to.equal(true);
      expect(calendar.isWorkingTime(instant('2026-12-07T08:59:59.999+05:00'))).to.equal(false);
      expect(calendar.isWorkingTime(instant('2026-12-07T18:29:59.999+05:00'))).to.equal(true);
      expect(calendar.isWorkingTime(instant('2026-12-07T18:30:00+05:00'))).to.equal(false);
    });

    it('is false all day on a weekend and on a holiday', () => {
      expect(calendar.isWorkingTime(instant('2026-12-05T12:00:00+05:00'))).to.equal(false);
      expect(calendar.isWorkingTime(instant('2026-12-16T12:00:00+05:00'))).to.equal(false);
    });

    it('rejects an invalid Date with a typed error', () => {
      expect(() => calendar.isWorkingTime(new Date('nonsense')))
        .to.throw(CalendarError)
        .with.property('code', 'INVALID_INSTANT');
    });
  });

  describe('when a messenger message arrives Friday 2026-12-04 at 18:45', () => {
    const receivedAt = instant('2026-12-04T18:45:00+05:00');

    it('opens next on Monday 2026-12-07 at 9:00 (clause 16)', () => {
      expect(astana(calendar.nextOpening(receivedAt))).to.equal('2026-12-07T09:00:00+05:00');
      expect(calendar.nextOpening(receivedAt).toISOString()).to.equal('2026-12-07T04:00:00.000Z');
    });

    it('falls due for registration (PT3H) on Monday at 12:00 (clause 15.1)', () => {
      const dueAt = calendar.addWorkingTime(receivedAt, 3 * HOUR_MS);
      expect(astana(dueAt)).to.equal('2026-12-07T12:00:00+05:00');
    });
  });

  describe('nextOpening', () => {
    it('returns the very instant when it is working time', () => {
      const at = instant('2026-12-07T10:15:00+05:00');
      expect(calendar.nextOpening(at)).to.equal(at);
    });

    it('returns the same day opening before 9:00 on a working day', () => {
      const at = instant('2026-12-07T07:00:00+05:00');
      expect(astana(calendar.nextOpening(at))).to.equal('2026-12-07T09:00:00+05:00');
    });

    it('opens on Sunday 2025-01-05, a transferred working day', () => {
      const at = instant('2025-01-04T12:00:00+05:00');
      expect(astana(calendar.nextOpening(at))).to.equal('2025-01-05T09:00:00+05:00');
    });

    it('keeps Friday 2025-01-03 closed, its day off moved from Sunday', () => {
      const at = instant('2025-01-03T10:00:00+05:00');
      expect(calendar.isWorkingTime(at)).to.equal(false);
      expect(calendar.day('2025-01-03').working).to.equal(false);
    });
  });

  describe('addWorkingTime', () => {
    it('makes P1D from Tuesday 10:00 due Thursday 10:00, past the 16 Dec holiday', () => {
      const registeredAt = instant('2026-12-15T10:00:00+05:00');
      const dueAt = calendar.addWorkingTime(registeredAt, CONTACT_CENTER_DAY_MS);
      expect(astana(dueAt)).to.equal('2026-12-17T10:00:00+05:00');
    });

    it('makes P1D from Monday 11:00 due Tuesday 11:00 (rules.md, "The clocks")', () => {
      const registeredAt = instant('2026-12-07T11:00:00+05:00');
      const dueAt = calendar.addWorkingTime(registeredAt, CONTACT_CENTER_DAY_MS);
      expect(astana(dueAt)).to.equal('2026-12-08T11:00:00+05:00');
    });

    it('carries 30 minutes from 18:20 to 9:20 on the next working day', () => {
      const startedAt = instant('2026-12-02T18:20:00+05:00');
      const dueAt = calendar.addWorkingTime(startedAt, 30 * MINUTE_MS);
      expect(astana(dueAt)).to.equal('2026-12-03T09:20:00+05:00');
    });

    it('falls due at 18:30 itself when 10 minutes from 18:20 end exactly at closing', () => {
      const startedAt = instant('2026-12-02T18:20:00+05:00');
      const dueAt = calendar.addWorkingTime(startedAt, 10 * MINUTE_MS);
      expect(astana(dueAt)).to.equal('2026-12-02T18:30:00+05:00');
    });

    it('falls due at closing when a whole day is added from opening', () => {
      const openedAt = instant('2026-12-07T09:00:00+05:00');
      const dueAt = calendar.addWorkingTime(openedAt, CONTACT_CENTER_DAY_MS);
      expect(astana(dueAt)).to.equal('2026-12-07T18:30:00+05:00');
    });

    it('starts counting at the next opening when started off-hours', () => {
      const startedAt = instant('2026-12-05T15:00:00+05:00');
      const dueAt = calendar.addWorkingTime(startedAt, 30 * MINUTE_MS);
      expect(astana(dueAt)).to.equal('2026-12-07T09:30:00+05:00');
    });

    it('returns the instant unchanged when adding 0, even off-hours', () => {
      const working = instant('2026-12-07T10:00:00+05:00');
      const offHours = instant('2026-12-05T10:00:00+05:00');
      expect(calendar.addWorkingTime(working, 0)).to.equal(working);
      expect(calendar.addWorkingTime(offHours, 0)).to.equal(offHours);
    });

    it('crosses the New Year holidays and the transferred days of 2025', () => {
      const startedAt = instant('2024-12-31T18:00:00+05:00');
      const dueAt = calendar.addWorkingTime(startedAt, HOUR_MS);
      expect(astana(dueAt)).to.equal('2025-01-05T09:30:00+05:00');
    });

    it('rejects a negative, fractional or non-finite duration', () => {
      const at = instant('2026-12-07T10:00:00+05:00');
      for (const ms of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => calendar.addWorkingTime(at, ms))
          .to.throw(CalendarError)
          .with.property('code', 'INVALID_DURATION');
      }
    });
  });

  describe('when a request arrives at 03:00 Astana on 1 May, still 30 April in UTC', () => {
    const at = instant('2024-05-01T03:00:00+05:00');

    it('treats the instant as the 1 May holiday, not as 30 April', () => {
      expect(at.toISOString()).to.equal('2024-04-30T22:00:00.000Z');
      expect(astana(calendar.nextOpening(at))).to.equal('2024-05-02T09:00:00+05:00');
      expect(astana(calendar.addWorkingTime(at, HOUR_MS))).to.equal('2024-05-02T10:00:00+05:00');
    });

    it('counts no working time until 2 May', () => {
      const later = instant('2024-05-02T10:00:00+05:00');
      expect(calendar.workingTimeBetween(at, later)).to.equal(HOUR_MS);
    });
  });

  describe('workingTimeBetween', () => {
    it('is 0 when the end is not after the start', () => {
      const at = instant('2026-12-07T10:00:00+05:00');
      expect(calendar.workingTimeBetween(at, at)).to.equal(0);
      expect(calendar.workingTimeBetween(at, instant('2026-12-07T09:30:00+05:00'))).to.equal(0);
    });

    it('counts only working hours of working days', () => {
      const from = instant('2026-12-04T18:00:00+05:00');
      const to = instant('2026-12-07T10:00:00+05:00');
      expect(calendar.workingTimeBetween(from, to)).to.equal(90 * MINUTE_MS);
    });

    it('skips the 16 December holiday', () => {
      const from = instant('2026-12-15T09:00:00+05:00');
      const to = instant('2026-12-17T18:30:00+05:00');
      expect(calendar.workingTimeBetween(from, to)).to.equal(2 * CONTACT_CENTER_DAY_MS);
    });
  });

  describe('construction', () => {
    it('knows one working day is 9 h 30 min', () => {
      expect(calendar.workingDayMs).to.equal(CONTACT_CENTER_DAY_MS);
      expect(calendar.kind).to.equal('working');
    });

    it('rejects an unknown zone, bad hours and bad days with typed errors', () => {
      const base: WorkingCalendarOptions = {
        zone: 'Asia/Almaty',
        openAt: '09:00',
        closeAt: '18:30',
        days: [],
      };
      const badDate = { date: '2026-02-30', working: false, reason: 'no such day' };
      const twice = [
        { date: '2026-12-01', working: false, reason: 'a' },
        { date: '2026-12-01', working: true, reason: 'b' },
      ];

      const cases: Array<[WorkingCalendarOptions, string]> = [
        [{ ...base, zone: 'Asia/Nowhere' }, 'INVALID_ZONE'],
        [{ ...base, openAt: '9:00' }, 'INVALID_HOURS'],
        [{ ...base, closeAt: '08:00' }, 'INVALID_HOURS'],
        [{ ...base, days: [badDate] }, 'INVALID_DAY_ENTRY'],
        [{ ...base, overrides: twice }, 'DUPLICATE_DAY'],
      ];

      for (const [options, code] of cases) {
        expect(() => new WorkingCalendar(options))
          .to.throw(CalendarError)
          .with.property('code', code);
      }
    });

    it('refuses to search forever when no working day is left', () => {
      const allOff = Array.from({ length: 1_100 }, (_, index) => ({
        date: new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10),
        working: false,
        reason: 'shut',
      }));
      const shut = contactCenterCalendar(allOff);

      expect(() => shut.nextOpening(instant('2026-01-01T10:00:00+05:00')))
        .to.throw(CalendarError)
        .with.property('code', 'NO_WORKING_DAY');
    });
  });
});
