import { expect } from 'chai';

import { isAtRisk } from '../../../src/notify/at-risk';

describe('isAtRisk', () => {
  const rule = { atRiskLeftMs: 10 * 60_000, atRiskFraction: 0.5 };
  const createdAt = new Date('2026-12-07T05:00:00Z');

  function at(minutesAfterCreation: number): Date {
    return new Date(createdAt.getTime() + minutesAfterCreation * 60_000);
  }

  describe('when the notice stops a 30-minute clock', () => {
    const notice = { createdAt, dueAt: at(30) };

    it('is not at risk in the first half', () => {
      expect(isAtRisk(notice, at(14), rule)).to.equal(false);
    });

    it('is at risk from the half-way point', () => {
      expect(isAtRisk(notice, at(15), rule)).to.equal(true);
    });

    it('is at risk past its deadline', () => {
      expect(isAtRisk(notice, at(45), rule)).to.equal(true);
    });
  });

  describe('when the notice stops a 3-hour clock', () => {
    const notice = { createdAt, dueAt: at(180) };

    it('is at risk after half of it, with 90 minutes left', () => {
      expect(isAtRisk(notice, at(89), rule)).to.equal(false);
      expect(isAtRisk(notice, at(90), rule)).to.equal(true);
    });
  });

  it('is at risk with ten minutes left, whatever the share', () => {
    const notice = { createdAt, dueAt: at(12) };

    expect(isAtRisk(notice, at(1), rule)).to.equal(false);
    expect(isAtRisk(notice, at(2), rule)).to.equal(true);
  });

  it('is never at risk when the notice stops no clock', () => {
    expect(isAtRisk({ createdAt, dueAt: null }, at(10_000), rule)).to.equal(false);
  });
});
