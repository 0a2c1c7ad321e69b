import path from 'node:path';

import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store';
import type { NoticeQueue } from './notice-queue';
import { queueNotices, type QueueNoticesInput } from './notices';
import { NoticeTemplates } from './templates';

export { NoticeQueue } from './notice-queue';

/**
 * The notices as the workflow's outbox calls them: one function per
 * process, bound to its store, queue and templates. It throws only when
 * the notices could not be written (MongoDB away, a template field
 * missing); a queue that is away leaves them pending for
 * `requeuePendingNotices`.
 */
export type NoticeRequest = QueueNoticesInput['request'];

export type NoticePlanInput = Omit<QueueNoticesInput, 'request' | 'now'>;

export type NoticeQueuer = (
  request: NoticeRequest,
  plan: NoticePlanInput,
  now: Date,
) => Promise<void>;

export interface NoticeQueuerDeps {
  config: Pick<Config, 'rootDir' | 'zone'>;
  store: Pick<Store, 'notices'>;
  noticeQueue: NoticeQueue;
  logger: Logger;
}

export function createNoticeQueuer(deps: NoticeQueuerDeps): NoticeQueuer {
  const templates = new NoticeTemplates(
    path.join(deps.config.rootDir, 'views', 'notices'),
    deps.config.zone,
  );
  const queueing = {
    notices: deps.store.notices,
    queue: deps.noticeQueue,
    templates,
    logger: deps.logger,
  };

  return async (request, plan, now) => {
    await queueNotices(queueing, { request, ...plan, now });
  };
}
