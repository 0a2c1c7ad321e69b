import type { Worker } from 'bullmq';

import { noticeHooks } from '../src/desk/notice-hooks';
import type { NoticeHooks } from '../src/notify/deliver';
import { workerConnection } from '../src/queue/connection';
import type { Runtime } from '../src/runtime';
import { startReconciler } from './reconciler';
import { startClockWorkers } from './clock-worker';
import { startNoticeWorker } from './notice-worker';
import { startReleaseWorker } from './release-worker';

/** Everything the worker process runs, startable in-process by tests. */
export interface RunningWorker {
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** What the workflow does with a notice's outcome; the desk's own by default. */
  noticeHooks?: NoticeHooks;
}

export function startWorker(runtime: Runtime, options: WorkerOptions = {}): RunningWorker {
  const connection = workerConnection(runtime.config.redisUrl);
  const hooks =
    options.noticeHooks ??
    noticeHooks(runtime.operators, runtime.events, runtime.logger, runtime.now);
  const notices = startNoticeWorker(runtime, connection, hooks);
  const workers: Worker[] = [
    startReleaseWorker(runtime, connection),
    ...startClockWorkers(runtime, connection),
  ];

  for (const worker of workers) {
    worker.on('failed', (job, err) =>
      runtime.logger.error({ err, queue: worker.name, jobId: job?.id }, 'job failed'),
    );
    worker.on('error', (err) => runtime.logger.debug({ err, queue: worker.name }, 'worker error'));
  }

  const stopReconciler = startReconciler(runtime, runtime.config.reconcileEverySeconds * 1000);

  return {
    async close() {
      stopReconciler();
      await Promise.all(workers.map((w) => w.close()));
      await notices.close();
      connection.disconnect();
    },
  };
}
