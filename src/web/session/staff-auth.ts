import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { AppError } from '../../errors';
import { bearerAuth } from '../auth';
import type { WebDeps } from '../deps';
import { CsrfError, requireCsrfHeader } from './csrf';
import { currentUser } from './current-user';
import type { StaffAccounts } from './staff-accounts';

/**
 * The staff API takes either a bearer token (integrations, scripts: the
 * existing `API_TOKENS`) or the session of a signed-in person. A call made
 * with the session cookie must also carry the CSRF token in a header, since
 * a browser would send the cookie with a forged request too.
 */
export function staffApiAuth(
  deps: Pick<WebDeps, 'config'>,
  session: RequestHandler,
  accounts: StaffAccounts,
): RequestHandler[] {
  const bearer = bearerAuth(deps.config.apiTokens);
  const loadUser = currentUser(accounts);

  const viaTokenOrSession = (req: Request, res: Response, next: NextFunction) => {
    if (req.get('authorization')) return bearer(req, res, next);
    return session(req, res, (err?: unknown) => (err ? next(err) : loadUser(req, res, next)));
  };

  const fromSession = (req: Request, _res: Response, next: NextFunction) => {
    if (req.actor) return next();

    const user = req.session?.user;
    if (!user) return next(new AppError(401, 'AUTH_REQUIRED', 'A bearer token is required'));
    if (!requireCsrfHeader(req)) return next(new CsrfError());

    req.actor = { name: user.username, role: user.role };
    return next();
  };

  return [viaTokenOrSession, fromSession];
}
