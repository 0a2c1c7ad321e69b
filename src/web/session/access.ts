import type { NextFunction, Request, Response } from 'express';

import { AppError } from '../../errors';
import type { StaffRole } from '../../store/user-model';
import type { SessionUser } from './session-data';

/**
 * Who may see and who may act on each staff area, in one table for pages,
 * forms and sockets alike. Auditors read and never act. Supervisors see
 * everything; the queue views and SLA report are theirs alone.
 */
export const AREAS = {
  dashboard: { read: ['operator', 'supervisor', 'auditor'], act: ['operator', 'supervisor'] },
  admin: { read: ['admin', 'supervisor', 'auditor'], act: ['admin', 'supervisor'] },
  supervisor: { read: ['supervisor'], act: ['supervisor'] },
} as const satisfies Record<string, { read: readonly StaffRole[]; act: readonly StaffRole[] }>;

export type Area = keyof typeof AREAS;
export type Access = 'read' | 'act';

export function mayAccess(user: SessionUser | undefined, area: Area, access: Access): boolean {
  return !!user && (AREAS[area][access] as readonly string[]).includes(user.role);
}

/** Where a person lands after signing in. */
export function homeOf(user: SessionUser): string {
  if (user.role === 'admin') return '/admin';
  return '/dashboard';
}

export class SignInRequiredError extends AppError {
  constructor() {
    super(401, 'SIGN_IN_REQUIRED', 'Sign in to see this page');
    this.name = 'SignInRequiredError';
  }
}

export class ForbiddenError extends AppError {
  constructor(area: string) {
    super(403, 'FORBIDDEN', 'Your role does not give access to this page', { details: { area } });
    this.name = 'ForbiddenError';
  }
}

/** A page guard: signed out goes to /login (then back), the wrong role gets 403. */
export function requireArea(area: Area, access: Access = 'read') {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = req.session?.user;

    if (!user) {
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
        return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      }
      return next(new SignInRequiredError());
    }

    if (!mayAccess(user, area, access)) return next(new ForbiddenError(area));
    return next();
  };
}
