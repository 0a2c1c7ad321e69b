import { Types } from 'mongoose';

import { withClocksAsOf, type ClockReader } from '../../desk/clock-reader';
import { CLOCK_NAMES, type ClockRecord } from '../../domain/workflow/clocks';
import { allowedActions, isIncidentOpen } from '../../domain/workflow/transitions';
import { NotFoundError } from '../../errors';
import type { Store } from '../../store';
import type { RequestDoc } from '../../store/request-model';

/**
 * Everything the request page shows: messages with their attachments,
 * history, clocks, notices, the incident it is linked to, and the open
 * incidents it could be escalated to.
 */
const NUMBER = /^\d{4}-\d{6}$/;

export async function findRequestDoc(
  store: Pick<Store, 'requests'>,
  id: string,
): Promise<RequestDoc> {
  let doc: RequestDoc | null = null;

  if (/^[0-9a-f]{24}$/i.test(id)) doc = await store.requests.findById(id).lean();
  else if (NUMBER.test(id)) doc = await store.requests.findOne({ number: id }).lean();

  if (!doc) throw new NotFoundError('Request', id);
  return doc;
}

function clocksOf(doc: RequestDoc) {
  return CLOCK_NAMES.filter((name) => doc.clocks?.[name]).map((name) => {
    const clock = doc.clocks[name] as ClockRecord;
    return {
      name,
      startedAt: clock.startedAt,
      dueAt: clock.dueAt,
      stoppedAt: clock.stoppedAt,
      state: clock.state,
      running: !clock.stoppedAt,
      startMs: new Date(clock.startedAt).getTime(),
      dueMs: new Date(clock.dueAt).getTime(),
    };
  });
}

export async function requestPage(
  store: Pick<Store, 'requests' | 'notices' | 'incidents'>,
  id: string,
  viewer: string,
  read: ClockReader,
) {
  const doc = withClocksAsOf(await findRequestDoc(store, id), read);
  const [notices, incident, openIncidents] = await Promise.all([
    store.notices.find({ requestId: doc._id }).sort({ createdAt: 1 }).lean(),
    doc.incidentId ? store.incidents.findById(doc.incidentId).lean() : null,
    store.incidents
      .find(
        { status: { $in: ['open', 'confirmed', 'fixing'] } },
        { number: 1, title: 1, status: 1 },
      )
      .sort({ createdAt: -1 })
      .limit(50)
      .lean(),
  ]);
  const actions = allowedActions(doc.status);

  return {
    id: String(doc._id),
    number: doc.number,
    status: doc.status,
    channel: doc.channel,
    receivedAt: doc.receivedAt,
    contact: doc.contact,
    description: doc.description,
    findings: doc.findings,
    assignee: doc.assignee,
    mine: doc.assignee === viewer,
    canTake: doc.status !== 'closed' && doc.assignee !== viewer,
    messages: doc.messages,
    attachments: doc.messages.flatMap((m) => m.attachments.map((a) => ({ ...a, at: m.at }))),
    history: doc.history,
    clocks: clocksOf(doc),
    notices,
    incident: incident && {
      id: String(incident._id),
      number: incident.number,
      status: incident.status,
      plannedFixAt: incident.plannedFixAt,
    },
    can: {
      register: actions.includes('register'),
      analysis: actions.includes('analysis'),
      escalate: actions.includes('escalate'),
    },
    openIncidents: openIncidents
      .filter((i) => isIncidentOpen(i.status))
      .map((i) => ({ id: String(i._id as Types.ObjectId), number: i.number, title: i.title })),
  };
}
