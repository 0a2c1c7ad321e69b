import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { expect } from 'chai';

import { probeAnswers } from '../../../fixtures/tz-probe';

/** The compiled probe, beside this compiled test wherever the build went. */
const PROBE_SCRIPT = path.resolve(__dirname, '../../../fixtures/tz-probe.js');

const ZONES: Array<[string, number]> = [
  ['UTC', 0],
  ['America/New_York', 240],
  ['Asia/Tokyo', -540],
  ['Pacific/Kiritimati', -840],
];

interface ProbeOutput {
  processOffsetMinutes: number;
  answers: unknown;
}

function runProbe(tz: string): ProbeOutput {
  const result = spawnSync(process.execPath, [PROBE_SCRIPT], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 15_000,
  });

  if (result.status !== 0) {
    throw new Error(`Probe under TZ=${tz} failed: ${result.stderr || String(result.error)}`);
  }
  return JSON.parse(result.stdout) as ProbeOutput;
}

/** ARCHITECTURE.md, "Never": the domain never reads the process time zone. */
describe('the calendar under different process time zones', () => {
  const expected = JSON.parse(JSON.stringify(probeAnswers())) as unknown;

  for (const [tz, offsetMinutes] of ZONES) {
    it(`gives the same answers with TZ=${tz}`, () => {
      const output = runProbe(tz);

      // The child really ran in that zone (June 2024, no daylight saving but New York's).
      expect(output.processOffsetMinutes).to.equal(offsetMinutes);
      expect(output.answers).to.deep.equal(expected);
    });
  }

  it('answers the known cases in the probe correctly', () => {
    const answers = expected as { instants: Array<{ at: string; nextOpening: string }> };
    const friday = answers.instants.find((row) => row.at === '2026-12-04T18:45:00+05:00');
    expect(friday?.nextOpening).to.equal('2026-12-07T09:00:00+05:00');
  });
});
