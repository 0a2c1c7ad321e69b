import type { Types } from 'mongoose';

import {
  noticeDedupeKey,
  type NoticeDoc,
  type NoticeKind,
  type NoticeModel,
} from '../store/notice-model';
import type { RequestDoc } from '../store/request-model';
import { isDuplicateKey } from '../store/duplicate-key';
import { noticeLanguage, recipientsOf, type Recipient } from './channels';
import type { NoticeDeps } from './deps';

/**
 * The outbox's entry point: a notice is written to MongoDB first, then
 * handed to BullMQ. Queueing the same notice again (a double click, a
 * workflow step retried after a crash) finds it by its dedupe key and
 * neither writes nor sends a second one.
 */
export interface QueueNoticesInput {
  request: Pick<RequestDoc, '_id' | 'number' | 'channel' | 'contact'>;
  kind: NoticeKind;
  /** The template's fields; `Date` values are shown as `dd.MM.yyyy HH:mm` Astana time. */
  data: Record<string, unknown>;
  /** The request clock the notice stops, e.g. `confirmationNotice`. */
  clock: string | null;
  clockOccurrence: number | null;
  dueAt: Date | null;
  now: Date;
}

export type QueueingDeps = Pick<NoticeDeps, 'notices' | 'queue' | 'templates' | 'logger'>;

export async function queueNotices(
  deps: QueueingDeps,
  input: QueueNoticesInput,
): Promise<NoticeDoc[]> {
  const { request } = input;
  const recipients = recipientsOf(request);

  if (recipients.length === 0) {
    deps.logger.warn(
      { requestNumber: request.number, kind: input.kind, channel: request.channel },
      'no channel reaches the participant; no notice queued',
    );
    return [];
  }

  const notices: NoticeDoc[] = [];
  for (const recipient of recipients) {
    notices.push(await insertOnce(deps, input, recipient));
  }

  await enqueueUnsettled(deps, request.number, notices);
  return notices;
}

/** A unique insert has one winner; the losers read what the winner wrote. */
async function insertOnce(
  deps: QueueingDeps,
  input: QueueNoticesInput,
  recipient: Recipient,
): Promise<NoticeDoc> {
  const { request, kind } = input;
  const dedupeKey = noticeDedupeKey(request._id, kind, input.clockOccurrence, recipient.channel);

  const existing = await deps.notices.findOne({ dedupeKey }).lean();
  if (existing) return existing;

  const language = noticeLanguage(request.contact);
  const rendered = deps.templates.render(kind, language, {
    ...input.data,
    requestNumber: request.number,
  });

  try {
    const created = await deps.notices.create({
      dedupeKey,
      requestId: request._id,
      requestNumber: request.number,
      kind,
      channel: recipient.channel,
      to: recipient.to,
      language,
      text: rendered.text,
      ...(recipient.channel === 'email' && { subject: rendered.subject }),
      clock: input.clock,
      clockOccurrence: input.clockOccurrence,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: input.now,
      sentAt: null,
      dueAt: input.dueAt,
      atRiskAt: null,
      reportedAt: null,
    });
    return created.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;

    const winner = await deps.notices.findOne({ dedupeKey }).lean();
    if (!winner) throw err;
    return winner;
  }
}

/**
 * Best effort: with Redis away the notices stay pending in MongoDB and the
 * reconciler's `requeuePendingNotices` hands them over later.
 */
async function enqueueUnsettled(
  deps: QueueingDeps,
  requestNumber: string,
  notices: NoticeDoc[],
): Promise<void> {
  const unsettled = notices.filter((notice) => !notice.reportedAt);

  try {
    for (const notice of unsettled) await deps.queue.enqueue(String(notice._id));
  } catch (err) {
    deps.logger.warn(
      { err, requestNumber, noticeIds: unsettled.map((notice) => String(notice._id)) },
      'notices not queued; the reconciler will queue them',
    );
  }
}

export interface RequeueResult {
  /** Notices not yet settled (delivered or failed, and reported). */
  unsettled: number;
  /** Of those, whose job was missing or finished and is queued again. */
  requeued: number;
}

/** Most notices a reconciler pass hands over; the next pass takes the rest. */
const REQUEUE_BATCH = 500;

/**
 * For the reconciler: every notice created by `now` that is not settled
 * gets a job again unless one is waiting or running. Throws when Redis is
 * away; the next pass tries again.
 */
export async function requeuePendingNotices(
  deps: Pick<NoticeDeps, 'notices' | 'queue'>,
  now: Date,
): Promise<RequeueResult> {
  const unsettled = await deps.notices
    .find({ reportedAt: null, createdAt: { $lte: now } }, { _id: 1 })
    .sort({ createdAt: 1 })
    .limit(REQUEUE_BATCH)
    .lean();

  let requeued = 0;
  for (const notice of unsettled) {
    if (await deps.queue.requeue(String(notice._id))) requeued += 1;
  }

  return { unsettled: unsettled.length, requeued };
}

/** What `GET /api/requests/:id` shows of its notices, to staff who see the contact anyway. */
export interface NoticeSummary {
  id: string;
  kind: NoticeKind;
  channel: NoticeDoc['channel'];
  to: string;
  language: NoticeDoc['language'];
  status: NoticeDoc['status'];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  dueAt: Date | null;
}

export async function listNotices(
  notices: NoticeModel,
  requestId: Types.ObjectId | string,
): Promise<NoticeSummary[]> {
  const docs = await notices.find({ requestId }).sort({ createdAt: 1, _id: 1 }).lean();

  return docs.map((doc) => ({
    id: String(doc._id),
    kind: doc.kind,
    channel: doc.channel,
    to: doc.to,
    language: doc.language,
    status: doc.status,
    attempts: doc.attempts,
    lastError: doc.lastError,
    createdAt: doc.createdAt,
    sentAt: doc.sentAt,
    dueAt: doc.dueAt,
  }));
}
