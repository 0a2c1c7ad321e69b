import type { Request } from 'express';

/**
 * The few texts the page scripts need (countdowns, connection state), taken
 * raw from the locale files with their `{{h}}`-style placeholders, which the
 * script fills in itself.
 */
export function clientStrings(req: Request, ...sections: string[]): Record<string, unknown> {
  const pick = (section: string) =>
    req.i18n.getResource(req.language, 'translation', section) ??
    req.i18n.getResource('kk', 'translation', section);

  return Object.fromEntries(sections.map((section) => [section, pick(section)]));
}
