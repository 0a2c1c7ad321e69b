import type { NoticeDoc } from '../store/notice-model';
import type { NoticeSettings } from './notice-settings';

/**
 * Whether a notice that just failed an attempt puts its clock's deadline at
 * risk, so operators should phone the participant instead of waiting for
 * the retries. At risk when little is left before the deadline (default
 * 10 minutes: time to place a call), or when more than a share of its
 * window has passed (default half: on a 30-minute clock that leaves 15
 * minutes, on a 3-hour one 90). A notice that stops no clock is never at
 * risk; if it fails for good, `onFailed` says so.
 */
export type AtRiskRule = Pick<NoticeSettings, 'atRiskLeftMs' | 'atRiskFraction'>;

export function isAtRisk(
  notice: Pick<NoticeDoc, 'createdAt' | 'dueAt'>,
  now: Date,
  rule: AtRiskRule,
): boolean {
  if (!notice.dueAt) return false;

  const dueMs = new Date(notice.dueAt).getTime();
  const createdMs = new Date(notice.createdAt).getTime();
  if (dueMs - now.getTime() <= rule.atRiskLeftMs) return true;

  const windowMs = dueMs - createdMs;
  return windowMs > 0 && now.getTime() - createdMs >= windowMs * rule.atRiskFraction;
}
