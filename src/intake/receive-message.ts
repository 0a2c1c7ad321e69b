import { Types } from 'mongoose';
import { DateTime } from 'luxon';

import type { Calendar, WorkingCalendar } from '../domain/calendar';
import type { Channel } from '../domain/workflow/statuses';
import { matchRequestParticipant } from '../records/match-request';
import { nextSequence } from '../store/counters';
import type { Models } from '../store';
import type { Attachment, Contact, Message, RequestDoc } from '../store/request-model';
import { requestLockKey } from '../store/request-model';
import { isDuplicateKey } from '../store/duplicate-key';
import { attachThread, threadRequest } from '../store/threads';
import type { Locks } from '../store/locks';

/**
 * One message from a participant, whatever the channel, on its way to a
 * request: either it opens a new request or it joins the open request of
 * its conversation. Redelivery of the same message changes nothing.
 */
export interface InboundMessage {
  channel: Channel;
  /** Unique per message across the desk, e.g. `telegram:update:42`. */
  messageKey: string;
  /** The conversation, e.g. `telegram:chat:1001`; null for one-off requests. */
  threadKey: string | null;
  /** The channel's own timestamp, when it has one. */
  sentAt: Date | null;
  text: string;
  attachments: Attachment[];
  contact: Partial<Contact>;
  externalId: string | null;
  description?: string;
  /** Who brought it in, for the history; the channel itself by default. */
  actor?: string;
}

export interface IntakeDeps {
  models: Pick<Models, 'requests' | 'counters' | 'threads' | 'participants'>;
  leases: Locks;
  zone: string;
  /** The contact center's calendar: when its working day opens (clause 16). */
  contactCenter: WorkingCalendar;
  /** The registration clock's own calendar and length. */
  registrationCalendar: Calendar;
  registrationLengthMs: number;
  now: Date;
}

export interface IntakeResult {
  request: RequestDoc;
  outcome: 'created' | 'appended' | 'duplicate';
}

const CLOSED = 'closed';

export async function receiveMessage(
  deps: IntakeDeps,
  inbound: InboundMessage,
): Promise<IntakeResult> {
  const threadKey = inbound.threadKey;
  if (!threadKey) return openRequest(deps, inbound);

  // One conversation's messages are taken one at a time, so two first
  // messages arriving together open one request, not two.
  return deps.leases.withLock(`thread:${threadKey}`, async () => {
    const { threads } = deps.models;
    const current = await threadRequest(threads, threadKey);

    if (current) {
      const joined = await joinRequest(deps, current, inbound);
      if (joined) return joined;
    }

    const opened = await openRequest(deps, inbound);
    await attachThread(threads, threadKey, opened.request._id);
    return opened;
  });
}

function toMessage(inbound: InboundMessage, at: Date): Message {
  return {
    key: inbound.messageKey,
    at,
    from: 'participant',
    text: inbound.text,
    attachments: inbound.attachments,
  };
}

/** Never in the future: a channel's clock may run ahead of ours. */
function receivedAtOf(inbound: InboundMessage, now: Date): Date {
  if (!inbound.sentAt || inbound.sentAt.getTime() > now.getTime()) return now;
  return inbound.sentAt;
}

/** Adds the message to the open request; null when that request is closed or gone. */
async function joinRequest(
  deps: IntakeDeps,
  requestId: Types.ObjectId,
  inbound: InboundMessage,
): Promise<IntakeResult | null> {
  const { requests } = deps.models;

  return deps.leases.withLock(requestLockKey(requestId), async () => {
    const existing = await requests.findById(requestId).lean();
    if (!existing) return null;

    if (existing.messages.some((m) => m.key === inbound.messageKey)) {
      return { request: existing, outcome: 'duplicate' as const };
    }
    if (existing.status === CLOSED) return null;

    const message = toMessage(inbound, receivedAtOf(inbound, deps.now));
    const updated = await requests
      .findOneAndUpdate({ _id: requestId }, { $push: { messages: message } }, { new: true })
      .lean();
    return { request: updated!, outcome: 'appended' as const };
  });
}

async function openRequest(deps: IntakeDeps, inbound: InboundMessage): Promise<IntakeResult> {
  const { requests, counters } = deps.models;
  const id = new Types.ObjectId();

  // No look-up before the insert: FerretDB 1.x answers a query on any field
  // but `_id` by reading the whole collection, while the unique index on
  // `originKey` refuses a second copy at no cost. A redelivery therefore
  // spends a request number; numbers may skip, never repeat.
  const receivedAt = receivedAtOf(inbound, deps.now);
  const year = DateTime.fromJSDate(receivedAt, { zone: deps.zone }).year;
  const seq = await nextSequence(counters, deps.leases, `request:${year}`);
  const match = await matchRequestParticipant(deps.models.participants, inbound.contact);
  const doc = newRequestDoc(deps, inbound, id, receivedAt, year, seq, match?.iin ?? null);

  try {
    await requests.create(doc);
  } catch (err) {
    // A redelivery racing this one inserted first; theirs is the request.
    if (!isDuplicateKey(err)) throw err;
    const winner = await requests.findOne({ originKey: inbound.messageKey }).lean();
    if (!winner) throw err;
    return { request: winner, outcome: 'duplicate' };
  }

  return { request: doc, outcome: 'created' };
}

function newRequestDoc(
  deps: IntakeDeps,
  inbound: InboundMessage,
  id: Types.ObjectId,
  receivedAt: Date,
  year: number,
  seq: number,
  participantIin: string | null,
): RequestDoc {
  // Clause 16: a request that arrives outside working hours is taken up at
  // the next opening, and its registration clock starts there.
  const startedAt = deps.contactCenter.nextOpening(receivedAt);
  const dueAt = deps.registrationCalendar.addWorkingTime(startedAt, deps.registrationLengthMs);
  const waits = startedAt.getTime() > deps.now.getTime();
  const status = waits ? 'queued' : 'new';

  return {
    _id: id,
    number: `${year}-${String(seq).padStart(6, '0')}`,
    year,
    seq,
    channel: inbound.channel,
    originKey: inbound.messageKey,
    threadKey: inbound.threadKey,
    receivedAt,
    createdAt: deps.now,
    contact: {
      name: inbound.contact.name ?? null,
      phone: inbound.contact.phone ?? null,
      iin: inbound.contact.iin ?? null,
      email: inbound.contact.email ?? null,
      language: inbound.contact.language ?? null,
      telegramChatId: inbound.contact.telegramChatId ?? null,
      chatbotSessionId: inbound.contact.chatbotSessionId ?? null,
    },
    description: inbound.description ?? inbound.text,
    externalId: inbound.externalId,
    messages: [toMessage(inbound, receivedAt)],
    status,
    version: 0,
    clocks: {
      registration: {
        occurrence: 1,
        startedAt,
        dueAt,
        stoppedAt: null,
        state: 'running',
        warnedAt: [],
        breachedAt: null,
      },
    },
    history: [
      {
        at: deps.now,
        actor: inbound.actor ?? `channel:${inbound.channel}`,
        action: 'receive',
        fromStatus: null,
        toStatus: status,
        comment: waits ? 'received outside working hours; waits for the next opening' : null,
      },
    ],
    incidentId: null,
    participantIin,
    assignee: null,
    findings: null,
    outbox: [],
    outboxPending: false,
  };
}
