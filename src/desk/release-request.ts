import { Types } from 'mongoose';

import type { Models } from '../store';

/**
 * Moves a request that waited for the opening into the operators' queue
 * (clause 16). Conditional on its status, so a late or repeated release,
 * or one racing an operator, changes nothing.
 */
export async function releaseRequest(
  models: Pick<Models, 'requests'>,
  requestId: string,
  now: Date,
): Promise<boolean> {
  const result = await models.requests.updateOne(
    { _id: new Types.ObjectId(requestId), status: 'queued' },
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

  return result.modifiedCount === 1;
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
