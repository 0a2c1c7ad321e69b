import { Types } from 'mongoose';

import type { ClockRecord } from '../domain/workflow/clocks';
import type { Models } from '../store';
import type { Locks } from '../store/locks';
import { requestLockKey } from '../store/request-model';

export interface ReleaseDeps {
  models: Pick<Models, 'requests'>;
  leases: Locks;
}

/**
 * Moves a request that waited for the opening into the operators' queue
 * (clause 16) and answers its registration clock, whose timers start now.
 * Null when the request is no longer queued: a late or repeated release,
 * or one after an operator, changes nothing.
 */
export async function releaseRequest(
  deps: ReleaseDeps,
  requestId: string,
  now: Date,
): Promise<ClockRecord | null> {
  const id = new Types.ObjectId(requestId);

  // FerretDB 1.x applies a conditional update without isolation: the lease
  // keeps an operator's change and this one from overwriting each other.
  return deps.leases.withLock(requestLockKey(id), async () => {
    const doc = await deps.models.requests.findById(id, { status: 1, clocks: 1 }).lean();
    if (!doc || doc.status !== 'queued') return null;

    await deps.models.requests.updateOne(
      { _id: id },
      {
        $set: { status: 'new' },
        $inc: { version: 1 },
        $push: {
          history: {
            at: now,
            actor: 'desk',
            action: 'release',
            fromStatus: 'queued',
            toStatus: 'new',
            comment: 'working day opened',
          },
        },
      },
    );
    return doc.clocks.registration;
  });
}

interface QueuedRequest {
  id: string;
  opensAt: Date;
}

/** Queued requests, split into those whose opening has come and those still waiting. */
export async function queuedRequests(models: Pick<Models, 'requests'>, now: Date) {
  const docs = await models.requests
    .find({ status: 'queued' }, { _id: 1, 'clocks.registration.startedAt': 1 })
    .lean();

  const due: QueuedRequest[] = [];
  const waiting: QueuedRequest[] = [];
  for (const doc of docs) {
    const opensAt = doc.clocks.registration.startedAt;
    (opensAt.getTime() <= now.getTime() ? due : waiting).push({ id: String(doc._id), opensAt });
  }

  return { due, waiting };
}
