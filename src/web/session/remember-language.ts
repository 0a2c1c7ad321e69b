import type { NextFunction, Request, Response } from 'express';

import { LANGUAGE_COOKIE } from '../../i18n/translator';
import { isLanguage } from '../../i18n/languages';
import type { StaffAccounts } from './staff-accounts';

/**
 * A `?lang=` choice is remembered: in a cookie for anyone (participants
 * too), and for signed-in staff in the session and on their account, so it
 * follows them to another browser.
 */
const YEAR_MS = 365 * 24 * 3600 * 1000;

export function rememberLanguage(accounts: StaffAccounts, secure: boolean) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const chosen = req.query.lang;
    if (!isLanguage(chosen)) return next();

    res.cookie(LANGUAGE_COOKIE, chosen, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: YEAR_MS,
      path: '/',
    });

    const user = req.session?.user;
    if (user && req.session.lang !== chosen) {
      req.session.lang = chosen;
      await accounts.setLanguage(user.id, chosen);
    }
    return next();
  };
}
