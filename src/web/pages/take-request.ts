import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { EventPublisher } from '../../queue/event-bus';
import type { Store } from '../../store';
import { requestLockKey, type RequestDoc } from '../../store/request-model';
import { AppError } from '../../errors';

/**
 * "Take" a request: it becomes the operator's own. The write holds the
 * request's lease, as every read-modify-write of a request must (FerretDB
 * applies concurrent updates without isolation, see `locks.ts`), so it
 * never lands between the read and the write of a workflow step.
 */
export interface TakeDeps {
  store: Pick<Store, 'requests' | 'leases'>;
  events: EventPublisher;
  logger: Logger;
  now: () => Date;
}

export class RequestClosedError extends AppError {
  constructor(number: string) {
    super(409, 'REQUEST_CLOSED', `Request ${number} is closed`);
    this.name = 'RequestClosedError';
  }
}

export async function takeRequest(
  deps: TakeDeps,
  id: string,
  username: string,
): Promise<RequestDoc> {
  const { requests, leases } = deps.store;

  const taken = await leases.withLock(requestLockKey(id), async () => {
    const before = await requests.findById(id).lean();
    if (!before) throw new NotFoundError('Request', id);
    if (before.status === 'closed') throw new RequestClosedError(before.number);
    if (before.assignee === username) return before;

    const at = deps.now();
    const after = await requests
      .findOneAndUpdate(
        { _id: before._id },
        {
          $set: { assignee: username },
          $push: {
            history: {
              at,
              actor: username,
              action: 'assign',
              fromStatus: before.status,
              toStatus: before.status,
              comment: before.assignee ? `from ${before.assignee}` : null,
            },
          },
        },
        { new: true },
      )
      .lean();
    return after!;
  });

  deps.logger.info({ requestNumber: taken.number, actor: username }, 'request taken');
  await deps.events.publish({
    type: 'request.updated',
    at: deps.now().toISOString(),
    requestId: String(taken._id),
    data: { number: taken.number, status: taken.status, action: 'assign' },
  });
  return taken;
}
