import { CLOCK_NAMES, type SlaPolicy } from '../../src/config';

/**
 * The bench's SLA policy: every clock around the clock, lengths of minutes
 * (the shortest, then a minute more for each next clock), warnings at 50 %
 * and 80 % as in production. Deadlines so spread over several minutes.
 */
export function shortClockPolicy(shortestMinutes: number): SlaPolicy {
  const clocks = Object.fromEntries(
    CLOCK_NAMES.map((name, i) => [
      name,
      { length: `PT${shortestMinutes + i}M`, calendar: 'always' },
    ]),
  ) as SlaPolicy['clocks'];

  return {
    contactCenter: { openAt: '09:00', closeAt: '18:30' },
    warnAtFractions: [0.5, 0.8],
    clocks,
  };
}
