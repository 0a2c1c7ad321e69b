import type { ClockName } from '../domain/workflow/clocks';
import type { Logger } from '../logger';
import type { NoticeHooks } from '../notify/deliver';
import type { EventPublisher } from '../queue/event-bus';
import type { NoticeDoc } from '../store/notice-model';
import type { OperatorActions } from './operator-actions';

/**
 * What the workflow does with a notice's fate. Delivered: its clock stops
 * (and a refuted or eliminated request closes). Failed for good, or at risk
 * of missing its deadline: the operators hear of it at once, so they can
 * phone the participant (clause 15.4–15.5 still binds the contact center).
 */
export function noticeHooks(
  operators: OperatorActions,
  events: EventPublisher,
  logger: Logger,
  now: () => Date,
): NoticeHooks {
  const context = (notice: NoticeDoc) => ({
    requestNumber: notice.requestNumber,
    noticeId: String(notice._id),
    kind: notice.kind,
    channel: notice.channel,
    attempts: notice.attempts,
  });

  const publish = (type: 'notice.sent' | 'notice.failed' | 'notice.at-risk', notice: NoticeDoc) =>
    events.publish({
      type,
      at: now().toISOString(),
      requestId: String(notice.requestId),
      data: { ...context(notice), dueAt: notice.dueAt?.toISOString() ?? null },
    });

  return {
    async onDelivered(notice) {
      await operators.noticeDelivered({
        requestId: String(notice.requestId),
        kind: notice.kind,
        clock: notice.clock as ClockName | null,
        clockOccurrence: notice.clockOccurrence,
        sentAt: notice.sentAt ?? now(),
      });
      await publish('notice.sent', notice);
    },

    async onFailed(notice) {
      logger.warn({ ...context(notice), lastError: notice.lastError }, 'notice failed for good');
      await publish('notice.failed', notice);
    },

    async onAtRisk(notice) {
      logger.warn(
        context(notice),
        'notice at risk of missing its deadline; phone the participant',
      );
      await publish('notice.at-risk', notice);
    },
  };
}
