import { expect } from 'chai';

import {
  clockAsOf,
  recordThreshold,
  startClock,
  stopClock,
  type ClockTiming,
} from '../../../../src/domain/workflow/clocks';
import {
  CONTACT_CENTER_DAY_MS,
  contactCenterCalendar,
  instant,
} from '../../../fixtures/calendars';

describe('clockAsOf', () => {
  // One working day from Friday 4 December 2026, 17:00: due Monday 7th at 17:00.
  const timing: ClockTiming = {
    calendar: contactCenterCalendar(),
    lengthMs: CONTACT_CENTER_DAY_MS,
  };
  const fractions = [0.5, 0.8];
  const clock = startClock(undefined, instant('2026-12-04T17:00:00+05:00'), timing);
  const half = instant('2026-12-07T12:15:00+05:00');
  const eightyPercent = instant('2026-12-07T15:06:00+05:00');
  const due = instant('2026-12-07T17:00:00+05:00');

  it('counts nothing before the first warning falls due', () => {
    const seen = clockAsOf(clock, timing, fractions, instant('2026-12-07T12:14:59.999+05:00'));

    expect(seen).to.deep.equal(clock);
  });

  it('counts each warning from its own instant, in working time', () => {
    expect(clockAsOf(clock, timing, fractions, half).warnedAt).to.deep.equal([half]);
    expect(clockAsOf(clock, timing, fractions, eightyPercent).warnedAt).to.deep.equal([
      half,
      eightyPercent,
    ]);
  });

  it('shows a passed deadline as a breach at its true instant, record or not', () => {
    expect(clock.dueAt).to.deep.equal(due);

    const seen = clockAsOf(clock, timing, fractions, instant('2026-12-08T10:00:00+05:00'));

    expect(seen.state).to.equal('breached');
    expect(seen.breachedAt).to.deep.equal(due);
    expect(seen.stoppedAt).to.equal(null);
  });

  it('does not repeat a threshold the record already holds', () => {
    const recorded = recordThreshold(clock, { kind: 'warning', fraction: 0.5, at: half });

    const seen = clockAsOf(recorded, timing, fractions, eightyPercent);

    expect(seen.warnedAt).to.deep.equal([half, eightyPercent]);
  });

  it('leaves a stopped clock as it was stopped', () => {
    const met = stopClock(clock, instant('2026-12-07T10:00:00+05:00'));

    const seen = clockAsOf(met, timing, fractions, instant('2026-12-09T10:00:00+05:00'));

    expect(seen).to.equal(met);
    expect(seen.state).to.equal('met');
  });
});
