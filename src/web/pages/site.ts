import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { i18n } from 'i18next';

import { detectLanguage } from '../../i18n/http-language';
import { createTranslator } from '../../i18n/translator';
import type { WebDeps } from '../deps';
import { csrfProtection } from '../session/csrf';
import { currentUser } from '../session/current-user';
import { rememberLanguage } from '../session/remember-language';
import { isHttps, sessionMiddleware } from '../session/session-store';
import { signInLimiter } from '../session/sign-in-limit';
import { signInRoutes } from '../session/sign-in-routes';
import { StaffAccounts } from '../session/staff-accounts';
import { staffApiAuth } from '../session/staff-auth';
import { adminRoutes } from './admin-routes';
import { dashboardRoutes } from './dashboard-routes';
import { noticeRoutes } from './notice-routes';
import { pageContext } from './page-context';
import { pageErrorPage } from './page-errors';
import { statusRoutes } from './status-routes';
import { supervisorRoutes } from './supervisor-routes';

/**
 * The desk's pages, built once per web process: staff sign-in, the
 * operator dashboard, the administrator console, the supervisor's report,
 * and the public status and notices pages.
 *
 * - `context` runs before any page: session, language, CSRF, layout data.
 * - `pages` are the routes; `errors` renders failures as pages.
 * - `apiAuth` lets the staff API take a session beside bearer tokens.
 */
export interface Site {
  translator: i18n;
  accounts: StaffAccounts;
  context: Router;
  pages: Router;
  errors: ErrorRequestHandler;
  apiAuth: RequestHandler[];
}

export function createSite(deps: WebDeps): Site {
  const translator = createTranslator(deps.config.rootDir);
  const accounts = new StaffAccounts(deps.store, deps.now);
  const session = sessionMiddleware(deps);

  const context = Router();
  context.use(session);
  context.use(currentUser(accounts));
  context.use(detectLanguage(translator));
  context.use(rememberLanguage(accounts, isHttps(deps)));
  context.use(express.urlencoded({ extended: false, limit: deps.config.bodyLimit }));
  context.use(csrfProtection);
  context.use(pageContext(deps.config.zone));

  const pages = Router();
  pages.use(signInRoutes({ accounts, logger: deps.logger }, signInLimiter(deps)));
  pages.use(noticeRoutes(deps));
  pages.use(statusRoutes(deps));
  pages.use(dashboardRoutes(deps));
  pages.use(adminRoutes(deps));
  pages.use(supervisorRoutes(deps, accounts));

  return {
    translator,
    accounts,
    context,
    pages,
    errors: pageErrorPage(deps.logger, translator, deps.config.zone),
    apiAuth: staffApiAuth(deps, session, accounts),
  };
}
