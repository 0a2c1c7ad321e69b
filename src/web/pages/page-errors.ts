import type { NextFunction, Request, Response } from 'express';
import type { i18n, TFunction } from 'i18next';

import { FALLBACK_LANGUAGE } from '../../i18n/languages';
import type { Logger } from '../../logger';
import { toAppError } from '../error-handler';

/**
 * Errors on pages become a page in the reader's language. Known errors say
 * what happened by their code (`errors.<CODE>` in the locale files); any
 * other is a 500, logged once with the method and path. An error raised
 * before the language was picked (Redis away while loading the session)
 * is shown in the fallback language.
 */
export function pageErrorPage(logger: Logger, translator: i18n, zone: string) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = toAppError(err);
    if (!known || known.status >= 500) {
      logger.error({ err, method: req.method, path: req.path }, 'page failed');
    }

    const status = known?.status ?? 500;
    const t: TFunction = req.t ?? translator.getFixedT(FALLBACK_LANGUAGE);
    res.locals.t ??= t;
    res.locals.lang ??= req.language ?? FALLBACK_LANGUAGE;
    res.locals.zone ??= zone;

    if (status === 503) res.set('Retry-After', '5');
    res.status(status).render('error', {
      title: t('errors.title'),
      heading: t(status === 404 ? 'errors.notFound' : 'errors.heading'),
      message: t(`errors.${known?.code ?? 'INTERNAL'}`, { defaultValue: t('errors.generic') }),
      signIn: status === 401,
    });
  };
}
