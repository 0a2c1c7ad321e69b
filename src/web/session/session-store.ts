import RedisStore from 'connect-redis';
import session from 'express-session';
import type { RequestHandler } from 'express';

import type { WebDeps } from '../deps';
import './session-data';

/**
 * Staff sessions live in Redis, so every web process behind one address
 * knows every session, and a restart signs nobody out. The cookie is
 * httpOnly and sameSite=lax always, and secure when the desk is served
 * over https (PUBLIC_URL). An idle session ends after `IDLE_HOURS`.
 */
export const SESSION_COOKIE = 'desk.sid';
const IDLE_HOURS = 8;

export function isHttps(deps: Pick<WebDeps, 'config'>): boolean {
  return new URL(deps.config.publicUrl).protocol === 'https:';
}

export function sessionMiddleware(
  deps: Pick<WebDeps, 'config' | 'redis' | 'sessionKey'>,
): RequestHandler {
  const maxAgeMs = IDLE_HOURS * 3600 * 1000;

  return session({
    name: SESSION_COOKIE,
    secret: deps.sessionKey,
    store: new RedisStore({
      client: deps.redis,
      prefix: `${deps.config.queuePrefix}:sess:`,
      ttl: maxAgeMs / 1000,
    }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: isHttps(deps),
      maxAge: maxAgeMs,
      path: '/',
    },
  });
}
