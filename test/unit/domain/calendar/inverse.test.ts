import { expect } from 'chai';

import {
  CONTACT_CENTER_DAY_MS,
  contactCenterCalendar,
  instant,
} from '../../../fixtures/calendars';

/** mulberry32: a small seeded generator, so every run checks the same cases. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('workingTimeBetween and addWorkingTime', () => {
  const calendar = contactCenterCalendar();
  const random = seededRandom(20_240_301);
  const firstMs = instant('2024-01-01T00:00:00+06:00').getTime();
  const spanMs = instant('2027-12-20T00:00:00+05:00').getTime() - firstMs;

  /**
   * A random instant in working time: the instant itself when it is, else a
   * random point of the next working day. Never an opening exactly: an end at
   * an opening reads back as the previous closing, the same point of working
   * time.
   */
  function workingInstant(): Date {
    const at = new Date(firstMs + Math.floor(random() * spanMs));
    if (calendar.isWorkingTime(at)) return at;

    const inDayMs = 1 + Math.floor(random() * (CONTACT_CENTER_DAY_MS - 1));
    const inDay = new Date(calendar.nextOpening(at).getTime() + inDayMs);

    expect(calendar.isWorkingTime(inDay), inDay.toISOString()).to.equal(true);
    return inDay;
  }

  it('are inverses on 400 seeded random cases over 2024–2027', () => {
    for (let index = 0; index < 400; index += 1) {
      const startedAt = workingInstant();
      const lengthMs = Math.floor(random() * 12 * CONTACT_CENTER_DAY_MS);
      const dueAt = calendar.addWorkingTime(startedAt, lengthMs);

      const label = `${startedAt.toISOString()} + ${lengthMs} ms`;
      expect(calendar.workingTimeBetween(startedAt, dueAt), label).to.equal(lengthMs);
      expect(dueAt.getTime(), label).to.be.at.least(startedAt.getTime());
    }
  });

  it('give back an end in working time from the working time between', () => {
    for (let index = 0; index < 200; index += 1) {
      const [a, b] = [workingInstant(), workingInstant()];
      const [from, to] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
      const betweenMs = calendar.workingTimeBetween(from, to);

      const label = `${from.toISOString()} .. ${to.toISOString()}`;
      expect(calendar.addWorkingTime(from, betweenMs).getTime(), label).to.equal(to.getTime());
    }
  });
});
