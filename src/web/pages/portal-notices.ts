import { Types } from 'mongoose';

import { NotFoundError, ValidationError } from '../../errors';
import type { Store } from '../../store';
import {
  currentNoticesFilter,
  portalNoticeLockKey,
  PORTAL_NOTICE_KINDS,
  type PortalNoticeDoc,
  type PortalNoticeKind,
} from '../../store/portal-notice-model';

/**
 * Clause 14: the portal administrator publishes notices of technical
 * failures, with the planned time of their elimination, and of scheduled
 * maintenance; and withdraws them when they no longer apply.
 */
export interface NoticeDraft {
  kind: string;
  title: string;
  body: string;
  plannedFixAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

const MAX_TITLE = 200;
const MAX_BODY = 4000;

function checkDraft(draft: NoticeDraft, now: Date): PortalNoticeKind {
  const kind = draft.kind as PortalNoticeKind;
  if (!PORTAL_NOTICE_KINDS.includes(kind)) {
    throw new ValidationError('KIND_INVALID', 'kind must be failure or maintenance', 'kind');
  }
  if (!draft.title.trim() || draft.title.length > MAX_TITLE) {
    throw new ValidationError('TITLE_REQUIRED', 'A title of at most 200 characters', 'title');
  }

  if (kind === 'failure') {
    if (!draft.plannedFixAt) {
      throw new ValidationError(
        'PLANNED_FIX_REQUIRED',
        'plannedFixAt is required',
        'plannedFixAt',
      );
    }
    if (draft.plannedFixAt.getTime() <= now.getTime()) {
      throw new ValidationError(
        'PLANNED_FIX_IN_PAST',
        'plannedFixAt must be in the future',
        'plannedFixAt',
      );
    }
  }

  const { startsAt, endsAt } = draft;
  const window = startsAt && endsAt && endsAt.getTime() > startsAt.getTime();
  if (kind === 'maintenance' && !window) {
    throw new ValidationError(
      'MAINTENANCE_WINDOW_INVALID',
      'startsAt and endsAt, end after start',
      'endsAt',
    );
  }
  return kind;
}

export class PortalNotices {
  constructor(
    private readonly store: Pick<Store, 'portalNotices' | 'leases'>,
    private readonly now: () => Date,
  ) {}

  async current(): Promise<PortalNoticeDoc[]> {
    return this.store.portalNotices
      .find(currentNoticesFilter(this.now()))
      .sort({ publishedAt: -1 })
      .limit(100)
      .lean();
  }

  async publish(draft: NoticeDraft, actor: string): Promise<PortalNoticeDoc> {
    const now = this.now();
    const kind = checkDraft(draft, now);

    const created = await this.store.portalNotices.create({
      kind,
      title: draft.title.trim(),
      body: draft.body.trim().slice(0, MAX_BODY),
      plannedFixAt: kind === 'failure' ? draft.plannedFixAt : null,
      startsAt: kind === 'maintenance' ? draft.startsAt : null,
      endsAt: kind === 'maintenance' ? draft.endsAt : null,
      publishedAt: now,
      publishedBy: actor,
      withdrawnAt: null,
      withdrawnBy: null,
    });
    return created.toObject();
  }

  /** Withdrawing twice is harmless: the first withdrawal's time and actor stay. */
  async withdraw(id: string, actor: string): Promise<void> {
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError('Portal notice', id);

    await this.store.leases.withLock(portalNoticeLockKey(id), async () => {
      const notice = await this.store.portalNotices.findById(id).lean();
      if (!notice) throw new NotFoundError('Portal notice', id);
      if (notice.withdrawnAt) return;

      await this.store.portalNotices.updateOne(
        { _id: notice._id },
        { $set: { withdrawnAt: this.now(), withdrawnBy: actor } },
      );
    });
  }
}
