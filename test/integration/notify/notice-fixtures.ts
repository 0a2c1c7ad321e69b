import { Types } from 'mongoose';

import { createNoticeDeps, type OwnedNoticeDeps } from '../../../src/notify/deps';
import type { NoticeHooks } from '../../../src/notify/deliver';
import type { NoticeSettings } from '../../../src/notify/notice-settings';
import type { NoticeDoc } from '../../../src/store/notice-model';
import type { Contact, RequestDoc } from '../../../src/store/request-model';
import type { TestDesk } from '../../support/desk';

/** Retries in milliseconds rather than minutes, so a test sees all of them. */
export const FAST_SETTINGS: Partial<NoticeSettings> = {
  attempts: 4,
  backoffMs: 50,
  requestTimeoutMs: 1000,
  leaseMs: 3000,
  leaseWaitMs: 4000,
  enqueueTimeoutMs: 300,
};

/** Notice deps with a queue of their own, built with `settings`, not the runtime's. */
export function fastDeps(desk: TestDesk, settings: Partial<NoticeSettings> = {}): OwnedNoticeDeps {
  return createNoticeDeps(
    { ...desk.runtime, noticeQueue: undefined },
    { ...FAST_SETTINGS, ...settings },
  );
}

let sequence = 0;

export interface RequestOptions {
  channel?: string;
  contact?: Partial<Contact>;
}

/** A registered request as the store holds it; only what notices read matters. */
export async function createRequest(
  desk: TestDesk,
  options: RequestOptions = {},
): Promise<RequestDoc> {
  sequence += 1;
  const now = desk.clock.now();

  const doc = await desk.runtime.store.requests.create({
    number: `2026-N${String(sequence).padStart(5, '0')}`,
    year: 2026,
    seq: sequence,
    channel: options.channel ?? 'voice',
    originKey: `test:${new Types.ObjectId().toHexString()}`,
    receivedAt: now,
    createdAt: now,
    status: 'new',
    contact: {
      name: 'Айгүл Сәрсенова',
      phone: '+77012345678',
      iin: null,
      email: null,
      language: null,
      telegramChatId: null,
      chatbotSessionId: null,
      ...options.contact,
    },
  });
  return doc.toObject();
}

/** Hooks that remember every call, in order. */
export class RecordingHooks implements NoticeHooks {
  readonly delivered: NoticeDoc[] = [];
  readonly failed: NoticeDoc[] = [];
  readonly atRisk: NoticeDoc[] = [];

  async onDelivered(notice: NoticeDoc): Promise<void> {
    this.delivered.push(notice);
  }

  async onFailed(notice: NoticeDoc): Promise<void> {
    this.failed.push(notice);
  }

  async onAtRisk(notice: NoticeDoc): Promise<void> {
    this.atRisk.push(notice);
  }
}
