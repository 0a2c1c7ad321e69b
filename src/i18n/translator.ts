import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { LanguageDetector } from 'i18next-http-middleware';

import { FALLBACK_LANGUAGE, LANGUAGES } from './languages';

/**
 * Each request's language, first match wins: `?lang=kk|ru|en`, the session
 * (a signed-in person's choice), the `lang` cookie (anyone's last choice),
 * then the browser's Accept-Language. Remembering a choice is the web
 * layer's job (`remember-language.ts`), so the detector caches nothing.
 */
export const LANGUAGE_COOKIE = 'lang';

const detection = {
  order: ['querystring', 'session', 'cookie', 'header'],
  lookupQuerystring: 'lang',
  lookupSession: 'lang',
  lookupCookie: LANGUAGE_COOKIE,
  caches: false as const,
};

/**
 * One i18next instance for the web process, with every page's text read
 * from `locales/<lang>.json` at start. Loading is synchronous (resources
 * given, `initAsync: false`), so the express app can be built synchronously.
 */
export class LocaleFileError extends Error {
  readonly code = 'LOCALE_FILE_INVALID';
}

function readLocale(rootDir: string, language: string): Record<string, unknown> {
  const file = path.join(rootDir, 'locales', `${language}.json`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new LocaleFileError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function createTranslator(rootDir: string): i18n {
  const resources = Object.fromEntries(
    LANGUAGES.map((language) => [language, { translation: readLocale(rootDir, language) }]),
  );
  const instance = i18next.createInstance();

  void instance.use(LanguageDetector).init({
    detection,
    resources,
    supportedLngs: [...LANGUAGES],
    fallbackLng: FALLBACK_LANGUAGE,
    initAsync: false,
    // Handlebars escapes what the helpers return; escaping here too would double it.
    interpolation: { escapeValue: false },
    returnNull: false,
  });

  return instance;
}
