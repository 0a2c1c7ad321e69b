import type { Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';

import { AppError } from '../../errors';
import type { WebDeps } from '../deps';

/**
 * Failed sign-ins and status look-ups are counted in Redis, so the limit
 * holds across every web process. Sign-in counts per address and username
 * (one person mistyping does not lock out a whole office behind one NAT);
 * status look-ups per address.
 */
export class TooManyAttemptsError extends AppError {
  constructor(code: string) {
    super(429, code, 'Too many attempts; wait a few minutes and try again');
    this.name = 'TooManyAttemptsError';
  }
}

export interface AttemptLimit {
  /** The window, ms. */
  windowMs: number;
  /** Failed attempts allowed in the window. */
  limit: number;
}

export const SIGN_IN_LIMIT: AttemptLimit = { windowMs: 15 * 60 * 1000, limit: 10 };
export const STATUS_LOOKUP_LIMIT: AttemptLimit = { windowMs: 15 * 60 * 1000, limit: 30 };

function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

function limiter(
  deps: Pick<WebDeps, 'config' | 'redis'>,
  name: string,
  code: string,
  options: AttemptLimit,
  keyOf: (req: Request) => string,
) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failures count: a person who signs in at last starts afresh.
    skipSuccessfulRequests: true,
    keyGenerator: keyOf,
    store: new RedisStore({
      prefix: `${deps.config.queuePrefix}:rl:${name}:`,
      sendCommand: (command: string, ...args: string[]) =>
        deps.redis.call(command, ...args) as Promise<never>,
    }),
    handler: (_req, _res, next) => next(new TooManyAttemptsError(code)),
  });
}

export function signInLimiter(deps: Pick<WebDeps, 'config' | 'redis'>) {
  return limiter(deps, 'sign-in', 'SIGN_IN_LIMITED', SIGN_IN_LIMIT, (req) => {
    const username = (req.body as { username?: unknown } | undefined)?.username;
    const name = typeof username === 'string' ? username.trim().toLowerCase().slice(0, 40) : '';
    return `${addressOf(req)}:${name}`;
  });
}

export function statusLookupLimiter(deps: Pick<WebDeps, 'config' | 'redis'>) {
  return limiter(deps, 'status', 'STATUS_LOOKUP_LIMITED', STATUS_LOOKUP_LIMIT, addressOf);
}
