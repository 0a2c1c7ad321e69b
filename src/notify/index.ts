/** The notices of issue 3: an outbox in MongoDB, delivered by BullMQ jobs. */
export { isAtRisk } from './at-risk';
export { noticeLanguage, recipientsOf, type Recipient } from './channels';
export { deliverNotice, type DeliveryResult, type NoticeHooks } from './deliver';
export { DeliveryError, NoticeAttemptError } from './delivery-error';
export { createNoticeDeps, type NoticeDeps, type OwnedNoticeDeps } from './deps';
export { NoticeQueue, noticeJobId, type NoticePayload } from './notice-queue';
export { DEFAULT_NOTICE_SETTINGS, noticeSettings, type NoticeSettings } from './notice-settings';
export {
  listNotices,
  queueNotices,
  requeuePendingNotices,
  type NoticeSummary,
  type QueueNoticesInput,
} from './notices';
export { formatNoticeInstant } from './templates';
export { createNoticeQueuer, type NoticeQueuer } from './wiring';
