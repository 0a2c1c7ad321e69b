import { setTimeout as pause } from 'node:timers/promises';

import { Types, type mongo } from 'mongoose';
import { DateTime } from 'luxon';

import type { WorkingCalendar } from '../domain/calendar';
import type { ClockTiming } from '../domain/workflow/clocks';
import type { Channel } from '../domain/workflow/statuses';
import { matchRequestParticipant } from '../records/match-request';
import { MAX_BACKDATE_MS } from './fields';
import type { Models } from '../store';
import type { Attachment, Contact, Message, RequestDoc } from '../store/request-model';
import { requestLockKey } from '../store/request-model';
import { isDuplicateKey } from '../store/duplicate-key';
import type { SequenceBlocks } from '../store/sequence-blocks';
import {
  attachThread,
  claimThread,
  releaseClaim,
  threadRequest,
  type ThreadLink,
} from '../store/threads';
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
  models: Pick<Models, 'requests' | 'threads' | 'participants'>;
  leases: Locks;
  requestNumbers: Pick<SequenceBlocks, 'next'>;
  zone: string;
  /** The contact center's calendar: when its working day opens (clause 16). */
  contactCenter: WorkingCalendar;
  /** The registration clock's own calendar and length. */
  registration: ClockTiming;
  now: Date;
}

export interface IntakeResult {
  request: RequestDoc;
  outcome: 'created' | 'appended' | 'duplicate';
}

const CLOSED = 'closed';

/**
 * How long a conversation's claim may point at a request not yet written
 * before a later message gives up on it: the claim and the request are two
 * inserts, and the writer of the claim may be slow or may have died.
 */
const CLAIM_GRACE_MS = 10_000;
const CLAIM_POLL_MS = 100;

export async function receiveMessage(
  deps: IntakeDeps,
  inbound: InboundMessage,
): Promise<IntakeResult> {
  const threadKey = inbound.threadKey;
  if (!threadKey) return openRequest(deps, inbound, new Types.ObjectId());

  // A conversation's first message claims it with one insert and needs no
  // lease and no look-up: on FerretDB 1.x a look-up reads the whole
  // collection, and an outage of the portal is mostly first messages.
  const id = new Types.ObjectId();
  if (await claimThread(deps.models.threads, threadKey, id, deps.now)) {
    return openClaimed(deps, inbound, threadKey, id);
  }

  // Later messages of one conversation are taken one at a time, so two of
  // them arriving after its request closed open one new request, not two.
  return deps.leases.withLock(`thread:${threadKey}`, async () => {
    const { threads } = deps.models;
    const current = await threadRequest(threads, threadKey);

    if (current) {
      const earlier = await earlierCopy(deps, current, inbound);
      if (earlier) return earlier;

      const joined = await joinRequest(deps, current, inbound);
      if (joined) return joined;
    }

    const opened = await openRequest(deps, inbound, new Types.ObjectId());
    const leaving = current?.requestId ?? null;
    await attachThread(threads, threadKey, opened.request._id, deps.now, leaving);
    return opened;
  });
}

async function openClaimed(
  deps: IntakeDeps,
  inbound: InboundMessage,
  threadKey: string,
  id: Types.ObjectId,
): Promise<IntakeResult> {
  try {
    const opened = await openRequest(deps, inbound, id);

    // The message was already stored by a request this conversation lost track of.
    if (opened.outcome === 'duplicate') {
      await attachThread(deps.models.threads, threadKey, opened.request._id, deps.now, null);
    }
    return opened;
  } catch (err) {
    // The caller hears the first error; a claim that cannot be released
    // now only makes the conversation's next message wait out its grace.
    await releaseClaim(deps.models.threads, threadKey, id).catch(() => undefined);
    throw err;
  }
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

/**
 * The channel's timestamp, unless it cannot be right: never in the future
 * (a channel's clock may run ahead of ours), never more than a week back
 * (no channel holds a message that long; the staff API refuses such dates).
 */
function receivedAtOf(inbound: InboundMessage, now: Date): Date {
  const { sentAt } = inbound;
  if (!sentAt) return now;

  const ms = sentAt.getTime();
  const trusted = ms <= now.getTime() && ms >= now.getTime() - MAX_BACKDATE_MS;
  return trusted ? sentAt : now;
}

/** The message, redelivered after its conversation moved on to a new request. */
async function earlierCopy(
  deps: IntakeDeps,
  link: ThreadLink,
  inbound: InboundMessage,
): Promise<IntakeResult | null> {
  for (const id of [...link.previous].reverse()) {
    const request = await deps.models.requests.findById(id).lean();
    if (request?.messages.some((m) => m.key === inbound.messageKey)) {
      return { request, outcome: 'duplicate' };
    }
  }
  return null;
}

/** Adds the message to the open request; null when that request is closed or gone. */
async function joinRequest(
  deps: IntakeDeps,
  link: ThreadLink,
  inbound: InboundMessage,
): Promise<IntakeResult | null> {
  const { requests } = deps.models;

  return deps.leases.withLock(requestLockKey(link.requestId), async () => {
    const existing = await claimedRequest(deps, link);
    if (!existing) return null;

    if (existing.messages.some((m) => m.key === inbound.messageKey)) {
      return { request: existing, outcome: 'duplicate' as const };
    }
    if (existing.status === CLOSED) return null;

    // The update's answer is not read back: on FerretDB 1.x that costs
    // another pass over the collection, and the lease keeps it exact.
    const message = toMessage(inbound, receivedAtOf(inbound, deps.now));
    await requests.updateOne({ _id: link.requestId }, { $push: { messages: message } });
    const updated = { ...existing, messages: [...existing.messages, message] };
    return { request: updated, outcome: 'appended' as const };
  });
}

/** The conversation's request, waiting a little while a fresh claim's request is written. */
async function claimedRequest(deps: IntakeDeps, link: ThreadLink): Promise<RequestDoc | null> {
  const waitUntil = (link.claimedAt?.getTime() ?? 0) + CLAIM_GRACE_MS;

  // The claim's age is measured on the desk's clock; the wait itself on the wall.
  const giveUpAt = Date.now() + Math.max(0, waitUntil - deps.now.getTime());

  for (;;) {
    const found = await deps.models.requests.findById(link.requestId).lean();
    if (found || Date.now() >= giveUpAt) return found;

    await pause(CLAIM_POLL_MS);
  }
}

async function openRequest(
  deps: IntakeDeps,
  inbound: InboundMessage,
  id: Types.ObjectId,
): Promise<IntakeResult> {
  const { requests } = deps.models;

  // No look-up before the insert: FerretDB 1.x answers any query by reading
  // the collection, while the unique index on `originKey` refuses a second
  // copy at no cost. A redelivery therefore spends a request number; numbers
  // may skip, never repeat.
  const receivedAt = receivedAtOf(inbound, deps.now);
  const year = DateTime.fromJSDate(receivedAt, { zone: deps.zone }).year;
  const seq = await deps.requestNumbers.next(`request:${year}`);
  const match = await matchRequestParticipant(deps.models.participants, inbound.contact);
  const doc = newRequestDoc(deps, inbound, id, receivedAt, year, seq, match?.iin ?? null);

  // The driver's insert, not a mongoose document: the request is built
  // whole above, and building and validating it again was a third of the
  // web process's time per message when a portal outage lands.
  try {
    await (requests.collection as unknown as mongo.Collection<RequestDoc>).insertOne(doc);
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
  const { calendar, lengthMs } = deps.registration;
  const dueAt = calendar.addWorkingTime(startedAt, lengthMs);
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
