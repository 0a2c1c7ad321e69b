import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';

import { maskRecipient } from '../src/notify/mask';
import { createNoticeDeps, type NoticeBase } from '../src/notify/deps';
import { deliverNotice, type DeliveryResult, type NoticeHooks } from '../src/notify/deliver';
import { NoticeAttemptError } from '../src/notify/delivery-error';
import type { NoticePayload } from '../src/notify/notice-queue';
import type { NoticeSettings } from '../src/notify/notice-settings';
import { QUEUE_NAMES } from '../src/queue/names';
import type { NoticeDoc } from '../src/store/notice-model';

/**
 * Delivers the notices' outbox; thin, the rules live in src/notify. Logs one
 * line per attempt with the notice's ids and a masked address.
 */
export interface NoticeWorkerOptions {
  /** Deliveries at once. Default 8. */
  concurrency?: number;
  /**
   * BullMQ's job lock, ms; a killed worker's jobs run again once it lapses.
   * Default 30 000 (BullMQ's own).
   */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for, ms. Default 30 000. */
  stalledIntervalMs?: number;
  /**
   * How often a job may stall before BullMQ fails it. A repeat is harmless
   * here (the notice's state and the gateway's key make it so), hence more
   * than BullMQ's 1. Default 5.
   */
  maxStalledCount?: number;
  settings?: Partial<NoticeSettings>;
}

export interface RunningNoticeWorker {
  worker: Worker<NoticePayload>;
  close(): Promise<void>;
}

export function startNoticeWorker(
  runtime: NoticeBase,
  connection: ConnectionOptions,
  hooks: NoticeHooks,
  options: NoticeWorkerOptions = {},
): RunningNoticeWorker {
  const deps = createNoticeDeps(runtime, options.settings);
  const { logger } = runtime;

  const worker = new Worker<NoticePayload>(
    QUEUE_NAMES.notices,
    async (job) => {
      try {
        const result = await deliverNotice(deps, job.data.noticeId, hooks);
        logOutcome(runtime, job, result);
        return { outcome: result.outcome };
      } catch (err) {
        throw failure(runtime, job, err);
      }
    },
    {
      connection,
      prefix: runtime.config.queuePrefix,
      concurrency: options.concurrency ?? 8,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 5,
    },
  );

  worker.on('error', (err) => logger.debug({ err, queue: QUEUE_NAMES.notices }, 'worker error'));

  return {
    worker,
    async close() {
      await worker.close();
      await deps.close();
    },
  };
}

function noticeFields(notice: NoticeDoc) {
  return {
    noticeId: String(notice._id),
    requestNumber: notice.requestNumber,
    kind: notice.kind,
    channel: notice.channel,
    to: maskRecipient(notice.channel, notice.to),
    attempts: notice.attempts,
  };
}

function logOutcome(runtime: NoticeBase, job: Job<NoticePayload>, result: DeliveryResult): void {
  if (!result.notice) {
    runtime.logger.warn(
      { jobId: job.id, noticeId: job.data.noticeId },
      'job for a missing notice',
    );
    return;
  }

  const fields = { jobId: job.id, ...noticeFields(result.notice) };
  if (result.outcome === 'sent') runtime.logger.info(fields, 'notice sent');
  else runtime.logger.debug({ ...fields, outcome: result.outcome }, 'notice already settled');
}

/** A notice failed for good must not be retried: BullMQ's UnrecoverableError says so. */
function failure(runtime: NoticeBase, job: Job<NoticePayload>, err: unknown): Error {
  if (!(err instanceof NoticeAttemptError)) {
    const ids = { jobId: job.id, noticeId: job.data.noticeId };
    runtime.logger.warn({ err, ...ids }, 'delivery interrupted');
    return err instanceof Error ? err : new Error(String(err));
  }

  const fields = {
    jobId: job.id,
    ...noticeFields(err.notice),
    code: err.code,
    status: err.status,
  };
  if (!err.final) {
    runtime.logger.warn(fields, 'notice attempt failed; will retry');
    return err;
  }

  runtime.logger.error(fields, 'notice failed for good');
  return new UnrecoverableError(err.message);
}
