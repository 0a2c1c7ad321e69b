import type { NextFunction, Request, Response } from 'express';

import { LANGUAGES } from '../../i18n/languages';
import { mayAccess } from '../session/access';
import type { SessionUser } from '../session/session-data';

/**
 * What every page's layout needs: the translator, the language and its
 * switcher, the person signed in and the places they may go, and the
 * one-time message a form left behind.
 */
interface NavItem {
  href: string;
  key: string;
  current: boolean;
}

function navFor(user: SessionUser | undefined, path: string): NavItem[] {
  const items: Array<{ href: string; key: string; show: boolean }> = [
    { href: '/dashboard', key: 'nav.dashboard', show: mayAccess(user, 'dashboard', 'read') },
    { href: '/admin', key: 'nav.admin', show: mayAccess(user, 'admin', 'read') },
    { href: '/supervisor/sla', key: 'nav.sla', show: mayAccess(user, 'supervisor', 'read') },
    { href: '/supervisor/queues', key: 'nav.queues', show: mayAccess(user, 'supervisor', 'read') },
    { href: '/supervisor/users', key: 'nav.users', show: mayAccess(user, 'supervisor', 'read') },
    { href: '/notices', key: 'nav.notices', show: true },
    { href: '/status', key: 'nav.status', show: !user },
  ];

  return items
    .filter((item) => item.show)
    .map(({ href, key }) => ({
      href,
      key,
      current: path === href || path.startsWith(`${href}/`),
    }));
}

/** The same page in each language: the current address with `lang` replaced. */
function languageLinks(req: Request, current: string) {
  return LANGUAGES.map((language) => {
    const url = new URL(req.originalUrl, 'http://desk.invalid');
    url.searchParams.set('lang', language);
    return {
      language,
      href: `${url.pathname}${url.search}`,
      current: language === current,
    };
  });
}

export function pageContext(zone: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = req.session?.user;
    const lang = req.language;

    res.locals.t = req.t;
    res.locals.lang = lang;
    res.locals.zone = zone;
    res.locals.user = user;
    res.locals.nav = navFor(user, req.path);
    res.locals.languages = languageLinks(req, lang);

    if (req.session?.flash) {
      res.locals.flash = req.session.flash;
      delete req.session.flash;
    }
    return next();
  };
}
