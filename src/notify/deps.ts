import path from 'node:path';
import type { ConnectionOptions } from 'bullmq';

import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { Locks } from '../store/locks';
import type { NoticeModel } from '../store/notice-model';
import { NoticeQueue } from './notice-queue';
import { noticeSettings, type NoticeSettings } from './notice-settings';
import { NoticeTemplates } from './templates';
import { closeTransports, createTransports, type Transports } from './transports';

/** What queueing and delivering notices need; built once per process. */
export interface NoticeDeps {
  notices: NoticeModel;
  /** Leases sized for a delivery (`settings.leaseMs`), on the store's `locks`. */
  leases: Locks;
  queue: NoticeQueue;
  transports: Transports;
  templates: NoticeTemplates;
  settings: Readonly<NoticeSettings>;
  logger: Logger;
  now: () => Date;
}

/** The parts of a process runtime the notices are built from (a `Runtime` fits). */
export interface NoticeBase {
  config: Readonly<Config>;
  store: Pick<Store, 'notices' | 'locks'>;
  redis: ConnectionOptions;
  logger: Logger;
  now: () => Date;
  /** The process's notice queue when it has one; else one is made (and closed) here. */
  noticeQueue?: NoticeQueue;
}

export interface OwnedNoticeDeps extends NoticeDeps {
  close(): Promise<void>;
}

export function createNoticeDeps(
  base: NoticeBase,
  overrides: Partial<NoticeSettings> = {},
): OwnedNoticeDeps {
  const { config, logger } = base;
  const settings = noticeSettings(overrides);
  const queue =
    base.noticeQueue ??
    new NoticeQueue(base.redis, config.queuePrefix, settings, (err) =>
      logger.debug({ err }, 'notice queue connection error'),
    );
  const ownsQueue = queue !== base.noticeQueue;
  const transports = createTransports(config, settings.requestTimeoutMs);

  return {
    notices: base.store.notices,
    leases: new Locks(base.store.locks, {
      leaseMs: settings.leaseMs,
      waitMs: settings.leaseWaitMs,
    }),
    queue,
    transports,
    templates: new NoticeTemplates(path.join(config.rootDir, 'views', 'notices'), config.zone),
    settings,
    logger,
    now: base.now,
    async close() {
      if (ownsQueue) await queue.close();
      await closeTransports(transports);
    },
  };
}
