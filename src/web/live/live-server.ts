import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

import { subscribeEvents, type DeskEvent } from '../../queue/event-bus';
import type { WebDeps } from '../deps';
import { sessionMiddleware } from '../session/session-store';
import { StaffAccounts } from '../session/staff-accounts';
import { participantRoomFor, staffNews, staffRoomsFor } from './event-rooms';
import { participantNamespace } from './participant-namespace';
import { handshakeOnly, staffNamespace } from './staff-namespace';

/**
 * socket.io for the live screens. Each web process subscribes to the desk's
 * event bus and tells its own sockets (`local`): every process hears every
 * event, so an event from any process reaches every screen exactly once.
 * The Redis adapter joins the processes for what sockets themselves cause
 * (who has a request open).
 *
 * No screen is silently stale: a reconnecting client re-joins its rooms and
 * reloads; and when this process's event subscription comes back after a
 * Redis outage, every socket here is told to reload, since events published
 * meanwhile are gone.
 */
export interface LiveServer {
  io: Server;
  close(): Promise<void>;
}

/** Retries forever: the live screens must come back by themselves after an outage. */
function liveConnection(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
}

/** The name of a web process's event-bus connection in Redis's CLIENT LIST. */
export function busConnectionName(prefix: string): string {
  return `${prefix}:live-bus`;
}

export async function startLive(server: http.Server, deps: WebDeps): Promise<LiveServer> {
  const { config, logger } = deps;
  const io = new Server(server, { serveClient: true });

  const pub = liveConnection(config.redisUrl, `${config.queuePrefix}:live-pub`);
  const sub = liveConnection(config.redisUrl, `${config.queuePrefix}:live-sub`);
  const bus = liveConnection(config.redisUrl, busConnectionName(config.queuePrefix));
  for (const conn of [pub, sub, bus]) {
    conn.on('error', (err) => logger.debug({ err }, 'live redis connection error'));
  }
  io.adapter(createAdapter(pub, sub, { key: `${config.queuePrefix}:socket.io` }));

  io.engine.use(handshakeOnly(sessionMiddleware(deps)));
  const staff = staffNamespace(io, new StaffAccounts(deps.store, deps.now), logger);
  const participants = participantNamespace(io, deps.store, deps.statusCodes);

  const deliver = (event: DeskEvent) => {
    const rooms = staffRoomsFor(event);
    if (rooms.length > 0) staff.local.to(rooms).emit('desk-event', staffNews(event));

    const room = participantRoomFor(event);
    if (room) participants.local.to(room).emit('desk-event', { type: 'changed' });
  };

  let lost = false;
  bus.on('close', () => {
    lost = true;
  });
  bus.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.info('event bus back; live screens told to reload');
    staff.local.emit('resync');
    participants.local.emit('resync');
  });
  const unsubscribe = await subscribeEvents(bus, config.queuePrefix, deliver);

  return {
    io,
    async close() {
      await unsubscribe().catch(() => undefined);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const conn of [pub, sub, bus]) conn.disconnect();
    },
  };
}
