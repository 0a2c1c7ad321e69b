import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, Response } from 'express';

import { AppError } from '../../errors';

/**
 * CSRF protection with synchronised tokens (csrf-sync): the token lives in
 * the session and must come back with every state-changing request, in the
 * form field `_csrf` or the `X-CSRF-Token` header. sameSite=lax cookies
 * already stop most cross-site posts; the token stops the rest.
 */
export class CsrfError extends AppError {
  constructor() {
    super(403, 'CSRF_INVALID', 'The form has expired or did not come from the desk; reload it');
    this.name = 'CsrfError';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const { generateToken, isRequestValid } = csrfSync({
  getTokenFromRequest: (req) => {
    const fromForm = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof fromForm === 'string' ? fromForm : req.get('x-csrf-token');
  },
});

/** Issues the session's token to the page (`csrfToken` in views) and checks it on writes. */
export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  if (!req.session) return next(new CsrfError());

  if (!SAFE_METHODS.has(req.method) && !isRequestValid(req)) return next(new CsrfError());

  res.locals.csrfToken = generateToken(req);
  return next();
}

/** For JSON calls made with a session cookie: the header must carry the token. */
export function requireCsrfHeader(req: Request): boolean {
  return SAFE_METHODS.has(req.method) || isRequestValid(req);
}
