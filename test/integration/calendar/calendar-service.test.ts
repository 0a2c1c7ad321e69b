import { expect } from 'chai';

import { startTestDesk, type TestDesk } from '../../support/desk';

describe('calendar service', () => {
  let desk: TestDesk;
  let reads: number;
  /** While set, the next read of the overrides waits for it. */
  let holdNextRead: Promise<void> | null;

  beforeEach(async () => {
    desk = await startTestDesk({ now: '2026-12-03T10:00:00+05:00' });
    await desk.runtime.calendars.contactCenter();

    const days = desk.runtime.store.calendarDays;
    const find = days.find.bind(days);
    reads = 0;
    holdNextRead = null;
    days.find = ((...args: Parameters<typeof find>) => {
      reads += 1;
      const query = find(...args);
      const hold = holdNextRead;
      if (!hold) return query;

      // The query reads now and answers once released, as a slow store would.
      holdNextRead = null;
      const answer = query.exec();
      return { lean: () => hold.then(() => answer) };
    }) as unknown as typeof days.find;
  });

  afterEach(async () => {
    await desk.close();
  });

  function afterRefreshTime(): void {
    const refreshMs = desk.config.calendarRefreshSeconds * 1000;
    desk.clock.set(new Date(desk.clock.at.getTime() + refreshMs + 1000).toISOString());
  }

  it('reads the overrides once for callers that find the calendar stale together', async () => {
    afterRefreshTime();
    const calendars = desk.runtime.calendars;

    const seen = await Promise.all([
      calendars.contactCenter(),
      calendars.contactCenter(),
      calendars.contactCenter(),
      calendars.timing('registration').then((timing) => timing.calendar),
    ]);

    expect(reads).to.equal(1);
    expect(new Set(seen).size).to.equal(1);
  });

  it('works out every clock timing from one look at the calendar', async () => {
    afterRefreshTime();

    const timings = await desk.runtime.calendars.timings();

    expect(reads).to.equal(1);
    expect(timings.get('registration')!.calendar).to.equal(
      await desk.runtime.calendars.contactCenter(),
    );
    expect(reads).to.equal(1);
  });

  it('keeps a dropped override dropped when a refresh begun before finishes after it', async () => {
    const calendars = desk.runtime.calendars;
    await calendars.setDay({ date: '2026-12-07', working: false, reason: 'test' }, 'supervisor');
    afterRefreshTime();

    let release!: () => void;
    holdNextRead = new Promise((resolve) => (release = resolve));
    const staleRefresh = calendars.contactCenter();
    await calendars.deleteDay('2026-12-07', 'supervisor');
    release();
    await staleRefresh;

    const calendar = await calendars.contactCenter();
    expect(calendar.day('2026-12-07').working).to.equal(true);
  });

  it('reads the overrides again once the loaded calendar is stale', async () => {
    await desk.runtime.calendars.timings();
    expect(reads).to.equal(0);

    afterRefreshTime();
    await desk.runtime.calendars.timings();
    expect(reads).to.equal(1);
  });
});
