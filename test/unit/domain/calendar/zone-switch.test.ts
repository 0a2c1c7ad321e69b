import { expect } from 'chai';

import {
  astana,
  CONTACT_CENTER_DAY_MS,
  contactCenterCalendar,
  HOUR_MS,
  instant,
  MINUTE_MS,
} from '../../../fixtures/calendars';

/**
 * Kazakhstan moved from UTC+6 to UTC+5 at 00:00 on 1 March 2024, repeating
 * local 23:00–23:59 on Thursday 29 February (calendar.md, "Time zone").
 */
describe('WorkingCalendar across the 2024-03-01 offset change', () => {
  const calendar = contactCenterCalendar();

  describe('isWorkingTime', () => {
    it('opens and closes 29 February at +06', () => {
      expect(calendar.isWorkingTime(instant('2024-02-29T02:59:59.999Z'))).to.equal(false);
      expect(calendar.isWorkingTime(instant('2024-02-29T03:00:00Z'))).to.equal(true);
      expect(calendar.isWorkingTime(instant('2024-02-29T12:29:59.999Z'))).to.equal(true);
      expect(calendar.isWorkingTime(instant('2024-02-29T12:30:00Z'))).to.equal(false);
    });

    it('opens and closes 1 March at +05', () => {
      expect(calendar.isWorkingTime(instant('2024-03-01T03:30:00Z'))).to.equal(false);
      expect(calendar.isWorkingTime(instant('2024-03-01T04:00:00Z'))).to.equal(true);
      expect(calendar.isWorkingTime(instant('2024-03-01T13:29:59.999Z'))).to.equal(true);
      expect(calendar.isWorkingTime(instant('2024-03-01T13:30:00Z'))).to.equal(false);
    });
  });

  describe('addWorkingTime', () => {
    it('takes PT3H from 29 Feb 17:00 (+06) to 1 Mar 10:30 (+05)', () => {
      const startedAt = instant('2024-02-29T17:00:00+06:00');
      const dueAt = calendar.addWorkingTime(startedAt, 3 * HOUR_MS);

      expect(startedAt.toISOString()).to.equal('2024-02-29T11:00:00.000Z');
      expect(dueAt.toISOString()).to.equal('2024-03-01T05:30:00.000Z');
      expect(astana(dueAt)).to.equal('2024-03-01T10:30:00+05:00');
    });

    it('takes P1D from 29 Feb 12:00 (+06) to 1 Mar 12:00 (+05), 25 h later', () => {
      const startedAt = instant('2024-02-29T12:00:00+06:00');
      const dueAt = calendar.addWorkingTime(startedAt, CONTACT_CENTER_DAY_MS);

      expect(dueAt.toISOString()).to.equal('2024-03-01T07:00:00.000Z');
      expect(dueAt.getTime() - startedAt.getTime()).to.equal(25 * HOUR_MS);
    });

    it('keeps +06 on the day before the change', () => {
      const startedAt = instant('2024-02-28T12:00:00+06:00');
      const dueAt = calendar.addWorkingTime(startedAt, CONTACT_CENTER_DAY_MS);
      expect(astana(dueAt)).to.equal('2024-02-29T12:00:00+06:00');
    });

    it('starts an off-hours clock of 29 Feb at the +05 opening of 1 Mar', () => {
      const startedAt = instant('2024-02-29T20:00:00+06:00');
      const dueAt = calendar.addWorkingTime(startedAt, 30 * MINUTE_MS);
      expect(dueAt.toISOString()).to.equal('2024-03-01T04:30:00.000Z');
    });
  });

  describe('nextOpening', () => {
    it('opens 1 March at 09:00 +05 after closing on 29 February', () => {
      const opening = calendar.nextOpening(instant('2024-02-29T18:30:00+06:00'));
      expect(opening.toISOString()).to.equal('2024-03-01T04:00:00.000Z');
      expect(astana(opening)).to.equal('2024-03-01T09:00:00+05:00');
    });
  });

  describe('workingTimeBetween', () => {
    it('counts two full working days across the change, not the 34.5 h between', () => {
      const from = instant('2024-02-29T09:00:00+06:00');
      const to = instant('2024-03-01T18:30:00+05:00');

      expect(to.getTime() - from.getTime()).to.equal(34.5 * HOUR_MS);
      expect(calendar.workingTimeBetween(from, to)).to.equal(2 * CONTACT_CENTER_DAY_MS);
    });

    it('inverts PT3H across the change', () => {
      const from = instant('2024-02-29T17:00:00+06:00');
      const to = instant('2024-03-01T10:30:00+05:00');
      expect(calendar.workingTimeBetween(from, to)).to.equal(3 * HOUR_MS);
    });
  });

  describe('when local 23:30 on 29 February happens twice', () => {
    const first = instant('2024-02-29T23:30:00+06:00');
    const second = instant('2024-02-29T23:30:00+05:00');

    it('tells the two instants apart by their offsets', () => {
      expect(first.toISOString()).to.equal('2024-02-29T17:30:00.000Z');
      expect(second.toISOString()).to.equal('2024-02-29T18:30:00.000Z');
      expect(astana(first)).to.equal('2024-02-29T23:30:00+06:00');
      expect(astana(second)).to.equal('2024-02-29T23:30:00+05:00');
    });

    it('treats both as off hours of 29 February', () => {
      expect(calendar.isWorkingTime(first)).to.equal(false);
      expect(calendar.isWorkingTime(second)).to.equal(false);
      expect(calendar.nextOpening(first).toISOString()).to.equal('2024-03-01T04:00:00.000Z');
      expect(calendar.nextOpening(second).toISOString()).to.equal('2024-03-01T04:00:00.000Z');
    });

    it('counts no working time through the repeated hour', () => {
      const from = instant('2024-02-29T17:00:00Z');
      const to = instant('2024-02-29T19:00:00Z');
      expect(calendar.workingTimeBetween(from, to)).to.equal(0);
    });

    it('makes a clock started in either reading due at the same instant', () => {
      const fromFirst = calendar.addWorkingTime(first, HOUR_MS);
      const fromSecond = calendar.addWorkingTime(second, HOUR_MS);

      expect(fromFirst.toISOString()).to.equal('2024-03-01T05:00:00.000Z');
      expect(fromSecond.toISOString()).to.equal('2024-03-01T05:00:00.000Z');
    });
  });
});
