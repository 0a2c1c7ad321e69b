/**
 * How notices are retried, timed out and escalated. Defaults suit the
 * shortest notice clock, 30 minutes (clause 15.4–15.5): six attempts 10 s
 * apart, doubling, give up after about five minutes, well before it falls
 * due; tests shrink every figure to milliseconds.
 */
export interface NoticeSettings {
  /** Transport calls before a notice fails for good; also its job's attempts. Default 6. */
  attempts: number;
  /** BullMQ's exponential backoff base, ms: retry n waits base × 2^(n-1). Default 10 000. */
  backoffMs: number;
  /** One transport call's time limit, ms. Default 8 000. */
  requestTimeoutMs: number;
  /**
   * How long one delivery may hold the notice's lease, ms; longer than a
   * transport call plus the hooks. A worker killed mid-delivery leaves its
   * lease, which the next delivery breaks after this long. Default 30 000.
   */
  leaseMs: number;
  /** Wait for a busy lease, ms; over leaseMs, to outwait a dead holder. Default 32 000. */
  leaseWaitMs: number;
  /** A failing notice is at risk with this little left to its deadline, ms. Default 600 000. */
  atRiskLeftMs: number;
  /** … or once this share of its window (creation → deadline) has passed. Default 0.5. */
  atRiskFraction: number;
  /** How long queueing waits for Redis before leaving it to the reconciler, ms. Default 2 000. */
  enqueueTimeoutMs: number;
}

export const DEFAULT_NOTICE_SETTINGS: Readonly<NoticeSettings> = Object.freeze({
  attempts: 6,
  backoffMs: 10_000,
  requestTimeoutMs: 8_000,
  leaseMs: 30_000,
  leaseWaitMs: 32_000,
  atRiskLeftMs: 10 * 60_000,
  atRiskFraction: 0.5,
  enqueueTimeoutMs: 2_000,
});

export function noticeSettings(overrides: Partial<NoticeSettings> = {}): Readonly<NoticeSettings> {
  return Object.freeze({ ...DEFAULT_NOTICE_SETTINGS, ...overrides });
}
