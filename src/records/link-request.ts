import { Types } from 'mongoose';

import { maskIin } from '../domain/identifiers';
import { NotFoundError } from '../errors';
import type { Store } from '../store';
import { requestLockKey, type RequestDoc } from '../store/request-model';

/**
 * An operator links a request to a participant, or unlinks it with null
 * (issue 5: the match "can be re-linked by an operator"). Written under the
 * request's lease, with a line in the request's history that shows the
 * IIN masked. Linking to the participant already linked changes nothing.
 */
export async function linkRequestParticipant(
  store: Pick<Store, 'requests' | 'participants' | 'leases'>,
  requestId: Types.ObjectId,
  iin: string | null,
  actor: string,
  at: Date,
): Promise<RequestDoc> {
  if (iin !== null && !(await store.participants.exists({ _id: iin }))) {
    throw new NotFoundError('Participant', maskIin(iin));
  }

  return store.leases.withLock(requestLockKey(requestId), async () => {
    const request = await store.requests.findById(requestId).lean();
    if (!request) throw new NotFoundError('Request', String(requestId));
    if (request.participantIin === iin) return request;

    const entry = {
      at,
      actor,
      action: iin === null ? 'unlink-participant' : 'link-participant',
      fromStatus: request.status,
      toStatus: request.status,
      comment: iin === null ? null : `participant ${maskIin(iin)}`,
    };
    const updated = await store.requests
      .findOneAndUpdate(
        { _id: requestId },
        { $set: { participantIin: iin }, $push: { history: entry } },
        { new: true },
      )
      .lean();
    return updated!;
  });
}
