/**
 * The languages of the desk's pages: Kazakh (the state language), Russian
 * and English. Kazakh is the fallback when a person's browser asks for none
 * of them.
 */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'kk';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
