import type { RequestHandler } from 'express';
import type { Namespace, Server, Socket } from 'socket.io';

import type { Logger } from '../../logger';
import { mayAccess, type Area } from '../session/access';
import type { SessionUser } from '../session/session-data';
import { sessionUserOf, type StaffAccounts } from '../session/staff-accounts';
import { INCIDENTS_ROOM, QUEUE_ROOM, requestRoom } from './event-rooms';

/**
 * `/staff`: the dashboard, request pages and administrator console. A
 * socket is accepted only with the session of an enabled account of a
 * staff role that reads one of those areas; each room it asks for is
 * checked against the same access table as the pages.
 */
export interface StaffSocketData {
  user: SessionUser;
}

type NoEvents = Record<string, never>;
type StaffSocket = Socket<NoEvents, NoEvents, NoEvents, StaffSocketData>;

interface WatchRequest {
  view?: unknown;
  id?: unknown;
}

type Ack = (answer: { ok: boolean; error?: string }) => void;

const ROOM_AREAS: Record<string, Area> = {
  queue: 'dashboard',
  request: 'dashboard',
  incidents: 'admin',
};
const REQUEST_ID = /^[0-9a-f]{24}$/i;

export class SocketAuthError extends Error {
  constructor(readonly code: 'SIGN_IN_REQUIRED' | 'FORBIDDEN') {
    super(code);
    this.name = 'SocketAuthError';
  }
}

/** Runs the session middleware on a socket's handshake only, as socket.io's docs advise. */
export function handshakeOnly(middleware: RequestHandler) {
  return (req: { _query?: { sid?: string } }, res: unknown, next: (err?: unknown) => void) => {
    if (req._query?.sid === undefined) return (middleware as Function)(req, res, next);
    return next();
  };
}

export function staffNamespace(io: Server, accounts: StaffAccounts, logger: Logger): Namespace {
  const nsp = io.of('/staff');

  nsp.use(async (socket, next) => {
    const held = (socket.request as { session?: { user?: SessionUser } }).session?.user;
    const account = held ? await accounts.findActive(held.id).catch(() => null) : null;
    if (!account) return next(new SocketAuthError('SIGN_IN_REQUIRED'));

    const user = sessionUserOf(account);
    const reads = ['dashboard', 'admin'].some((area) => mayAccess(user, area as Area, 'read'));
    if (!reads) return next(new SocketAuthError('FORBIDDEN'));

    socket.data.user = user;
    return next();
  });

  nsp.on('connection', (socket: StaffSocket) => {
    socket.on('watch', (what: WatchRequest, ack?: Ack) => {
      void watch(nsp, socket, what).then(
        (answer) => ack?.(answer),
        (err) => {
          logger.warn({ err, username: socket.data.user.username }, 'live watch failed');
          ack?.({ ok: false, error: 'INTERNAL' });
        },
      );
    });

    socket.on('disconnecting', () => {
      const rooms = [...socket.rooms].filter((room) => room.startsWith('request:'));
      // After the socket has left, so it is not counted among the viewers.
      setImmediate(() => rooms.forEach((room) => void announcePresence(nsp, room, logger)));
    });
  });

  return nsp;
}

async function watch(nsp: Namespace, socket: StaffSocket, what: WatchRequest) {
  const view = typeof what?.view === 'string' ? what.view : '';
  const area = ROOM_AREAS[view];
  if (!area || !mayAccess(socket.data.user, area, 'read'))
    return { ok: false, error: 'FORBIDDEN' };

  if (view === 'queue') await socket.join(QUEUE_ROOM);
  if (view === 'incidents') await socket.join(INCIDENTS_ROOM);
  if (view === 'request') {
    const id = typeof what.id === 'string' && REQUEST_ID.test(what.id) ? what.id : null;
    if (!id) return { ok: false, error: 'NOT_FOUND' };

    await socket.join(requestRoom(id));
    await announcePresence(nsp, requestRoom(id));
  }
  return { ok: true };
}

/** Everyone who has a request open, on any web process, told to all of them. */
async function announcePresence(nsp: Namespace, room: string, logger?: Logger): Promise<void> {
  try {
    const sockets = await nsp.in(room).fetchSockets();
    const viewers = new Map<string, { username: string; name: string }>();
    for (const s of sockets) {
      const user = (s.data as StaffSocketData).user;
      if (user) viewers.set(user.username, { username: user.username, name: user.displayName });
    }

    nsp.to(room).emit('presence', { room, viewers: [...viewers.values()] });
  } catch (err) {
    // A web process that does not answer in time leaves presence stale until the next change.
    logger?.warn({ err, room }, 'presence not announced');
  }
}
