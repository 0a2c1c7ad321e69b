import { Router, type Request, type RequestHandler } from 'express';

import { isLanguage } from '../../i18n/languages';
import type { Logger } from '../../logger';
import { homeOf } from './access';
import type { SessionUser } from './session-data';
import { sessionUserOf, type StaffAccounts } from './staff-accounts';

/**
 * `/login` and `/logout`. A successful sign-in gets a new session id (the
 * one the form was served with is dropped, so a planted cookie is useless)
 * and the person's remembered language.
 */
function safeNext(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // Only paths on this site: not `//host` nor `/\host`, which browsers read as another host.
  return /^\/(?![/\\])/.test(raw) ? raw : null;
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : resolve())),
  );
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.save((err) => (err ? reject(err) : resolve())),
  );
}

export interface SignInDeps {
  accounts: StaffAccounts;
  logger: Logger;
}

export function signInRoutes(deps: SignInDeps, limiter: RequestHandler): Router {
  const router = Router();

  router.get('/login', (req, res) => {
    const user = req.session?.user;
    if (user) return res.redirect(303, safeNext(req.query.next) ?? homeOf(user));

    return res.render('login', { title: req.t('login.title'), next: safeNext(req.query.next) });
  });

  router.post('/login', limiter, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);

    const account =
      username && password ? await deps.accounts.authenticate(username, password) : null;
    if (!account) {
      deps.logger.warn({ username: username.slice(0, 40), ip: req.ip }, 'sign-in refused');
      return res.status(401).render('login', {
        title: req.t('login.title'),
        next,
        username,
        failed: true,
      });
    }

    const language = isLanguage(account.language) ? account.language : req.language;
    await regenerate(req);
    const user: SessionUser = sessionUserOf(account);
    req.session.user = user;
    req.session.lang = language;
    await save(req);

    if (!account.language && isLanguage(language)) {
      await deps.accounts.setLanguage(user.id, language);
    }
    deps.logger.info({ username: user.username, role: user.role }, 'signed in');
    return res.redirect(303, next ?? homeOf(user));
  });

  router.post('/logout', async (req, res) => {
    const username = req.session?.user?.username;
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err) => (err ? reject(err) : resolve())),
    );

    if (username) deps.logger.info({ username }, 'signed out');
    res.redirect(303, '/login');
  });

  return router;
}
