import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

import type { ApiToken, Role } from '../config';
import { AppError } from '../errors';

/**
 * Staff API authentication: `Authorization: Bearer <secret>` against the
 * `API_TOKENS` list. Secrets are compared in constant time.
 */
export interface Actor {
  name: string;
  role: Role;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function bearerAuth(tokens: readonly ApiToken[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return next(new AppError(401, 'AUTH_REQUIRED', 'A bearer token is required'));
    }

    const token = tokens.find((t) => sameSecret(match[1], t.secret));
    if (!token) return next(new AppError(401, 'AUTH_INVALID', 'The bearer token is not valid'));

    req.actor = { name: token.name, role: token.role };
    return next();
  };
}

/** Supervisors may do what operators and administrators may. */
export function requireRole(...roles: Role[]) {
  const allowed = new Set<Role>([...roles, 'supervisor']);

  return (req: Request, _res: Response, next: NextFunction) => {
    const role = req.actor?.role;
    if (role && allowed.has(role)) return next();

    return next(
      new AppError(403, 'FORBIDDEN', `This action needs the role ${[...allowed].join(' or ')}`, {
        details: { role: role ?? null },
      }),
    );
  };
}
