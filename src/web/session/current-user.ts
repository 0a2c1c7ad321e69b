import type { NextFunction, Request, Response } from 'express';

import type { StaffAccounts } from './staff-accounts';
import { sessionUserOf } from './staff-accounts';

/**
 * Re-reads the signed-in account on each request: a disabled account, or
 * one whose role changed, takes effect at once rather than at session end.
 */
export function currentUser(accounts: StaffAccounts) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const held = req.session?.user;
    if (!held) return next();

    const user = await accounts.findActive(held.id);
    if (!user) {
      delete req.session.user;
      return next();
    }

    req.session.user = sessionUserOf(user);
    res.locals.user = req.session.user;
    return next();
  };
}
