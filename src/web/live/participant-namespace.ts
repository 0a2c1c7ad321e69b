import type { Namespace, Server } from 'socket.io';

import type { Store } from '../../store';
import type { StatusCodes } from '../../store/site-secrets';
import { statusRoom } from './event-rooms';

/**
 * `/participant`: the public status page. A socket proves it knows the
 * request's number and code, exactly as the page itself does, and then
 * hears only that its own request changed.
 */
const NUMBER = /^\d{4}-\d{6}$/;

export class StatusAuthError extends Error {
  readonly code = 'NOT_FOUND';
  constructor() {
    super('NOT_FOUND');
    this.name = 'StatusAuthError';
  }
}

export function participantNamespace(
  io: Server,
  store: Pick<Store, 'requests'>,
  codes: StatusCodes,
): Namespace {
  const nsp = io.of('/participant');

  nsp.use(async (socket, next) => {
    const { number, code } = (socket.handshake.auth ?? {}) as { number?: unknown; code?: unknown };
    if (typeof number !== 'string' || !NUMBER.test(number) || typeof code !== 'string') {
      return next(new StatusAuthError());
    }

    const request = await store.requests
      .findOne({ number }, { _id: 1 })
      .lean()
      .catch(() => null);
    if (!request || !codes.matches(String(request._id), code)) return next(new StatusAuthError());

    socket.data.requestId = String(request._id);
    return next();
  });

  nsp.on('connection', (socket) => {
    void socket.join(statusRoom(socket.data.requestId as string));
  });

  return nsp;
}
