import { noticeLockKey, type NoticeDoc } from '../store/notice-model';
import { isAtRisk } from './at-risk';
import { asDeliveryError, NoticeAttemptError } from './delivery-error';
import type { NoticeDeps } from './deps';

/**
 * Delivers one notice from the outbox, once, however often its job runs.
 *
 * Everything happens under the notice's lease, so two runs of one job
 * (BullMQ is at-least-once; a worker whose job lock expired) take turns,
 * and the second finds the notice sent. The steps are written in order:
 * `sending` with the attempt counted, the transport call, then `sent`.
 *
 * NOTE: the one gap no database write can close is a crash after the
 * gateway accepted a notice and before `sent` is written. The notice is
 * left `sending`; BullMQ runs its job again (stalled job) or the reconciler
 * queues it again, and it is sent again with the same idempotency key (the
 * notice id), which the SMS gateway and the chat-bot use to drop the
 * repeat. Delivery is at-least-once to the gateway and exactly-once to the
 * participant wherever the gateway honours the key (Telegram does not: see
 * `transports/telegram.ts`).
 */
export interface NoticeHooks {
  /** The notice reached its gateway: the workflow stops the notice's clock. */
  onDelivered(notice: NoticeDoc): Promise<void>;
  /** The notice failed for good (refused, or retries spent). */
  onFailed(notice: NoticeDoc): Promise<void>;
  /** Delivery keeps failing close to the deadline (see `at-risk.ts`); raised once per notice. */
  onAtRisk(notice: NoticeDoc): Promise<void>;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'already-failed' | 'missing';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  notice: NoticeDoc | null;
}

export type DeliveryDeps = Pick<
  NoticeDeps,
  'notices' | 'leases' | 'transports' | 'settings' | 'now'
>;

/**
 * Sends the notice unless it is settled. Throws `NoticeAttemptError` when
 * the attempt failed: retryable unless the notice is now failed for good.
 * Hooks run at least once per outcome (again after a crash before their
 * outcome was recorded), so they must be idempotent, and they run under the
 * notice's lease, so they must not take a `notice:` lease themselves.
 */
export async function deliverNotice(
  deps: DeliveryDeps,
  noticeId: string,
  hooks: NoticeHooks,
): Promise<DeliveryResult> {
  return deps.leases.withLock(noticeLockKey(noticeId), async () => {
    const notice = await deps.notices.findById(noticeId).lean();
    if (!notice) return { outcome: 'missing', notice: null };

    if (notice.status === 'sent') {
      const reported = await report(deps, notice, (n) => hooks.onDelivered(n));
      return { outcome: 'already-sent', notice: reported };
    }
    if (notice.status === 'failed') {
      const reported = await report(deps, notice, (n) => hooks.onFailed(n));
      return { outcome: 'already-failed', notice: reported };
    }

    const attempts = notice.attempts + 1;
    const sending = await record(deps, notice, { status: 'sending', attempts });

    try {
      await deps.transports[notice.channel].send({
        id: String(notice._id),
        channel: notice.channel,
        to: notice.to,
        text: notice.text,
        subject: notice.subject,
      });
    } catch (err) {
      return recordFailure(deps, sending, err, hooks);
    }

    const sentAt = deps.now();
    const sent = await record(deps, sending, { status: 'sent', sentAt, lastError: null });
    const reported = await report(deps, sent, (n) => hooks.onDelivered(n));
    return { outcome: 'sent', notice: reported };
  });
}

async function recordFailure(
  deps: DeliveryDeps,
  notice: NoticeDoc,
  err: unknown,
  hooks: NoticeHooks,
): Promise<never> {
  const error = asDeliveryError(err);
  const final = !error.retryable || notice.attempts >= deps.settings.attempts;

  if (final) {
    const failed = await record(deps, notice, { status: 'failed', lastError: error.message });
    const reported = await report(deps, failed, (n) => hooks.onFailed(n));
    throw new NoticeAttemptError(reported, true, error);
  }

  let pending = await record(deps, notice, { status: 'pending', lastError: error.message });

  // The hook first, then its mark: a crash between raises it again rather than never.
  if (!pending.atRiskAt && isAtRisk(pending, deps.now(), deps.settings)) {
    await hooks.onAtRisk(pending);
    pending = await record(deps, pending, { atRiskAt: deps.now() });
  }

  throw new NoticeAttemptError(pending, false, error);
}

/** Hands a settled notice's outcome to the workflow, once it is recorded. */
async function report(
  deps: DeliveryDeps,
  notice: NoticeDoc,
  hook: (notice: NoticeDoc) => Promise<void>,
): Promise<NoticeDoc> {
  if (notice.reportedAt) return notice;

  await hook(notice);
  return record(deps, notice, { reportedAt: deps.now() });
}

/** One write under the lease; returns the notice as it now stands. */
async function record(
  deps: DeliveryDeps,
  notice: NoticeDoc,
  changes: Partial<NoticeDoc>,
): Promise<NoticeDoc> {
  await deps.notices.updateOne({ _id: notice._id }, { $set: changes });
  return { ...notice, ...changes };
}
