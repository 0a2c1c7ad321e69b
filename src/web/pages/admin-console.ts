import type { ClockReader } from '../../desk/clock-reader';
import type { ClockRecord } from '../../domain/workflow/clocks';
import { incidentAllowedActions } from '../../domain/workflow/transitions';
import type { Store } from '../../store';

/**
 * The administrator's view of open failures: each incident with its linked
 * requests and the start-of-fix clock (clause 15.5: one working day from
 * receiving the request), the earliest running one first.
 */
const OPEN = ['open', 'confirmed', 'fixing'];

export async function openIncidents(
  store: Pick<Store, 'incidents' | 'requests'>,
  read: ClockReader,
) {
  const incidents = await store.incidents
    .find({ status: { $in: OPEN } })
    .sort({ createdAt: 1 })
    .limit(100)
    .lean();
  const requests = await store.requests
    .find(
      { incidentId: { $in: incidents.map((i) => i._id) } },
      { number: 1, status: 1, incidentId: 1, clocks: 1, channel: 1 },
    )
    .sort({ receivedAt: 1 })
    .lean();

  return incidents.map((incident) => {
    const linked = requests
      .filter((r) => String(r.incidentId) === String(incident._id))
      .map((r) => {
        const recorded = r.clocks?.fixStart as ClockRecord | undefined;
        const fixStart = recorded && read('fixStart', recorded);
        return {
          id: String(r._id),
          number: r.number,
          status: r.status,
          channel: r.channel,
          fixStart: fixStart && {
            dueAt: fixStart.dueAt,
            state: fixStart.state,
            running: !fixStart.stoppedAt,
            startMs: new Date(fixStart.startedAt).getTime(),
            dueMs: new Date(fixStart.dueAt).getTime(),
          },
        };
      });
    const running = linked
      .map((r) => r.fixStart)
      .filter((c): c is NonNullable<typeof c> => !!c && c.running)
      .sort((a, b) => a.dueMs - b.dueMs);
    const actions = incidentAllowedActions(incident.status);

    return {
      id: String(incident._id),
      number: incident.number,
      title: incident.title,
      status: incident.status,
      createdAt: incident.createdAt,
      plannedFixAt: incident.plannedFixAt,
      linked,
      fixStartDue: running[0] ?? null,
      can: {
        confirm: actions.includes('confirm'),
        refute: actions.includes('refute'),
        startFix: actions.includes('start-fix'),
        eliminate: actions.includes('eliminate'),
      },
    };
  });
}
