import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { toAppError } from '../error-handler';
import type { Flash } from '../session/session-data';

/**
 * A page form's handler: do the work, then go back (POST, redirect, GET)
 * with a one-time message. A mistake the person can fix (a missing field,
 * a step the status no longer allows, a busy record) comes back as the
 * message too; anything else goes to the error page.
 */
export type FormWork = (req: Request) => Promise<Flash>;

const BACK_WITH_MESSAGE = new Set([409, 422]);

export function formAction(back: (req: Request) => string, work: FormWork): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      req.session.flash = await work(req);
    } catch (err) {
      const known = toAppError(err);
      if (!known || !BACK_WITH_MESSAGE.has(known.status)) return next(err);
      req.session.flash = { kind: 'error', key: `errors.${known.code}` };
    }
    res.redirect(303, back(req));
  };
}

/** A form field as text: '' when absent or not a string. */
export function field(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
