import type { ClockName, SlaPolicy } from '../config';
import { AlwaysCalendar, WorkingCalendar, clockLengthMs, type DayEntry } from '../domain/calendar';
import { CLOCK_NAMES, type ClockTiming } from '../domain/workflow/clocks';
import { ValidationError } from '../errors';
import type { Models } from '../store';
import type { Locks } from '../store/locks';

/**
 * The contact center's working calendar as the desk sees it right now: the
 * reviewed days shipped in `config/calendar`, under the administrator's
 * overrides kept in MongoDB. Each process caches it and reloads it after a
 * short while, so a change made through one web process reaches the others
 * and the worker within `refreshMs`.
 */
export interface CalendarServiceOptions {
  zone: string;
  policy: SlaPolicy;
  baseDays: readonly DayEntry[];
  /** How long a loaded calendar is trusted, in milliseconds. */
  refreshMs: number;
  now: () => Date;
}

export interface DayChange {
  date: string;
  working: boolean;
  reason: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarService {
  private cached: { calendar: WorkingCalendar; loadedAt: number; load: number } | null = null;
  /** Counts reloads begun, so a slower earlier one never replaces a later one's calendar. */
  private loadsBegun = 0;
  private readonly always = new AlwaysCalendar();
  private refreshing: Promise<void> | null = null;
  private timingCache: {
    of: WorkingCalendar;
    byName: ReadonlyMap<ClockName, ClockTiming>;
  } | null = null;
  private readonly listeners: Array<() => Promise<unknown>> = [];

  constructor(
    private readonly models: Pick<Models, 'calendarDays'> & { leases: Locks },
    private readonly options: CalendarServiceOptions,
  ) {}

  /** Called after every change of a day, once the new calendar is loaded. */
  onChange(listener: () => Promise<unknown>): void {
    this.listeners.push(listener);
  }

  private async changed(): Promise<void> {
    await this.reload();
    for (const listener of this.listeners) await listener();
  }

  async contactCenter(): Promise<WorkingCalendar> {
    const now = this.options.now().getTime();
    const fresh = this.cached && now - this.cached.loadedAt < this.options.refreshMs;

    if (!fresh) await this.refresh();
    return this.cached!.calendar;
  }

  /**
   * Callers that find the calendar stale at once share one reload: at 200
   * messages a second each would otherwise read the overrides again. A
   * change of a day does not join it (a reload begun before the write
   * could miss it) and reloads on its own.
   */
  private refresh(): Promise<void> {
    this.refreshing ??= this.reload().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /**
   * A clock's calendar and its length in working time, as the SLA policy
   * sets them; worked out once per loaded calendar, since the reconciler
   * asks for every clock of every open request.
   */
  async timing(name: ClockName): Promise<ClockTiming> {
    return (await this.timings()).get(name)!;
  }

  /** Every clock's timing, for a reader of many clocks at once. */
  async timings(): Promise<ReadonlyMap<ClockName, ClockTiming>> {
    const contactCenter = await this.contactCenter();

    if (this.timingCache?.of !== contactCenter) {
      const byName = new Map(
        CLOCK_NAMES.map((name) => [name, this.timingOn(contactCenter, name)]),
      );
      this.timingCache = { of: contactCenter, byName };
    }
    return this.timingCache.byName;
  }

  private timingOn(contactCenter: WorkingCalendar, name: ClockName): ClockTiming {
    const policy = this.options.policy.clocks[name];
    const calendar = policy.calendar === 'always' ? this.always : contactCenter;
    const lengthMs = clockLengthMs(policy.length, policy.calendar, contactCenter.workingDayMs);

    return { calendar, lengthMs };
  }

  async reload(): Promise<void> {
    const load = ++this.loadsBegun;
    const overrides = await this.models.calendarDays.find({ active: true }).lean();
    const { zone, policy, baseDays } = this.options;

    const calendar = new WorkingCalendar({
      zone,
      openAt: policy.contactCenter.openAt,
      closeAt: policy.contactCenter.closeAt,
      days: baseDays,
      overrides: overrides.map((o) => ({ date: o._id, working: o.working, reason: o.reason })),
    });

    // A refresh that read the overrides before a day changed may finish
    // after the change's own reload; its calendar is the older one.
    if (this.cached && this.cached.load > load) return;
    this.cached = { calendar, loadedAt: this.options.now().getTime(), load };
  }

  /** Sets an override; the audit entry lands in the same update, under the day's lease. */
  async setDay(change: DayChange, actor: string): Promise<void> {
    assertDate(change.date);
    await this.models.leases.withLock(`calendar-day:${change.date}`, () =>
      this.writeDay(change, actor),
    );
    await this.changed();
  }

  private async writeDay(change: DayChange, actor: string): Promise<void> {
    await this.assertBuilds(change);

    const previous = await this.models.calendarDays.findById(change.date).lean();
    const before = previous?.active
      ? { working: previous.working, reason: previous.reason }
      : null;
    const after = { working: change.working, reason: change.reason };
    const at = this.options.now();

    await this.models.calendarDays.updateOne(
      { _id: change.date },
      {
        $set: { ...after, active: true, updatedAt: at, updatedBy: actor },
        $push: { audit: { at, actor, action: 'set', before, after } },
      },
      { upsert: true },
    );
  }

  /** A change the calendar itself refuses is refused before it is stored. */
  private async assertBuilds(change: DayChange): Promise<void> {
    const current = await this.contactCenter();
    const overrides = await this.models.calendarDays.find({ active: true }).lean();
    const others = overrides
      .filter((o) => o._id !== change.date)
      .map((o) => ({ date: o._id, working: o.working, reason: o.reason }));

    new WorkingCalendar({
      zone: current.zone,
      openAt: current.openAt,
      closeAt: current.closeAt,
      days: this.options.baseDays,
      overrides: [...others, change],
    });
  }

  /** Drops an override; returns false when the day had none. */
  async deleteDay(date: string, actor: string): Promise<boolean> {
    assertDate(date);
    const dropped = await this.models.leases.withLock(`calendar-day:${date}`, () =>
      this.dropDay(date, actor),
    );

    if (dropped) await this.changed();
    return dropped;
  }

  private async dropDay(date: string, actor: string): Promise<boolean> {
    const previous = await this.models.calendarDays.findById(date).lean();
    if (!previous?.active) return false;

    const before = { working: previous.working, reason: previous.reason };
    const at = this.options.now();

    const result = await this.models.calendarDays.updateOne(
      { _id: date, active: true },
      {
        $set: { active: false, updatedAt: at, updatedBy: actor },
        $push: { audit: { at, actor, action: 'delete', before, after: null } },
      },
    );

    return result.modifiedCount === 1;
  }

  async audit(date: string) {
    assertDate(date);
    const doc = await this.models.calendarDays.findById(date).lean();
    return doc?.audit ?? [];
  }
}

function assertDate(date: string): void {
  const valid = DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
  const roundTrips = valid && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  const inRange = date >= '2000-01-01' && date <= '2099-12-31';

  if (!roundTrips || !inRange) {
    throw new ValidationError('INVALID_DATE', `"${date}" is not a YYYY-MM-DD date`, 'date');
  }
}
