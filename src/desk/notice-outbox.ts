import type { NoticeKind, NoticePlan } from '../domain/workflow/notices';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { requestLockKey, type RequestDoc } from '../store/request-model';

/**
 * The notices a request owes its participant, planned inside the same
 * write as the step that owes them (`outbox` on the request), then handed
 * to the notice module, which stores one notice per channel under a dedupe
 * key and delivers it. Handing over twice creates nothing new, so the
 * reconciler can simply hand over again whatever is still marked pending.
 */
export type { NoticeKind, NoticePlan };

export type QueueNotices = (request: RequestDoc, plan: NoticePlan, now: Date) => Promise<void>;

export class NoticeOutbox {
  constructor(
    private readonly store: Pick<Store, 'requests' | 'leases'>,
    private readonly queueNotices: QueueNotices,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  async flush(requestId: string): Promise<boolean> {
    const doc = await this.store.requests.findById(requestId).lean();
    if (!doc?.outboxPending) return true;

    const plans = doc.outbox ?? [];
    try {
      for (const plan of plans) await this.queueNotices(doc, plan, this.now());
    } catch (err) {
      this.logger.warn({ err, requestNumber: doc.number }, 'notices not queued; reconciler will');
      return false;
    }

    // Cleared only if no step planned another notice meanwhile.
    await this.store.leases.withLock(requestLockKey(requestId), async () => {
      const current = await this.store.requests.findById(requestId, { outbox: 1 }).lean();
      if (current && (current.outbox ?? []).length === plans.length) {
        await this.store.requests.updateOne({ _id: doc._id }, { $set: { outboxPending: false } });
      }
    });
    return true;
  }

  async flushAll(): Promise<number> {
    const pending = await this.store.requests.find({ outboxPending: true }, { _id: 1 }).lean();
    let flushed = 0;

    for (const { _id } of pending) {
      if (await this.flush(String(_id))) flushed += 1;
    }
    return flushed;
  }
}
