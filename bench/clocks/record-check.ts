import { CLOCK_NAMES } from '../../src/domain/workflow/clocks';
import type { Store } from '../../src/store';
import { thresholdKey } from '../lib/clock-fleet';

/**
 * What MongoDB holds afterwards: every clock breached at its true deadline
 * with each warning recorded once, at its true instant.
 */
export interface RecordCheck {
  clocks: number;
  complete: number;
  wrong: string[];
}

export async function checkRecords(
  store: Pick<Store, 'requests'>,
  expected: Map<string, number>,
  warnAtFractions: readonly number[],
): Promise<RecordCheck> {
  const check: RecordCheck = { clocks: 0, complete: 0, wrong: [] };
  const cursor = store.requests.find({}, { clocks: 1 }).lean().cursor();

  for await (const doc of cursor) {
    const id = String(doc._id);
    for (const name of CLOCK_NAMES) {
      const clock = doc.clocks?.[name];
      if (!clock) continue;
      check.clocks += 1;

      const warned = clock.warnedAt.map((at) => at.getTime()).sort();
      const wantWarned = warnAtFractions
        .map((f) => expected.get(thresholdKey(id, name, f)))
        .sort();
      const wantDue = expected.get(thresholdKey(id, name, 1));
      const ok =
        clock.state === 'breached' &&
        clock.breachedAt?.getTime() === wantDue &&
        warned.length === wantWarned.length &&
        warned.every((at, i) => at === wantWarned[i]);

      if (ok) check.complete += 1;
      else if (check.wrong.length < 20) check.wrong.push(`${id}:${name}`);
    }
  }
  return check;
}
