import type { NoticeDoc } from '../store/notice-model';

/**
 * Why a transport call failed, and whether trying again can help. A 4xx
 * answer (other than 429) means the gateway understood and refused: the
 * same request will be refused again, so the notice fails at once.
 */
export type DeliveryErrorCode =
  | 'TRANSPORT_NOT_CONFIGURED'
  | 'GATEWAY_REJECTED'
  | 'GATEWAY_UNAVAILABLE'
  | 'GATEWAY_TIMEOUT'
  | 'TRANSPORT_ERROR';

export interface DeliveryErrorOptions {
  retryable: boolean;
  /** The gateway's HTTP status or SMTP reply code, when it answered. */
  status?: number;
  cause?: unknown;
}

export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly status?: number;

  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    options: DeliveryErrorOptions,
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/** HTTP statuses worth retrying: rate limits, timeouts and the server's own troubles. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * One failed delivery attempt of a notice, with the notice as recorded
 * after it. `final` when the notice is now failed for good (the gateway
 * refused it, or its attempts are spent): its job must not be retried.
 */
export class NoticeAttemptError extends DeliveryError {
  constructor(
    readonly notice: NoticeDoc,
    readonly final: boolean,
    cause: DeliveryError,
  ) {
    const what = final ? 'failed for good' : `attempt ${notice.attempts} failed`;
    super(cause.code, `notice ${String(notice._id)} ${what}: ${cause.message}`, {
      retryable: !final,
      status: cause.status,
      cause,
    });
    this.name = 'NoticeAttemptError';
  }
}

/** Anything a transport threw, as a `DeliveryError`; an unexpected throw is worth a retry. */
export function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;

  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError('TRANSPORT_ERROR', `transport failed: ${message}`, {
    retryable: true,
    cause: err,
  });
}
