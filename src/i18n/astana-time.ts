import { DateTime } from 'luxon';

/**
 * Instants shown to people read as they are written in Kazakhstan,
 * `04.12.2026 18:45`, in Astana time (the IANA zone in config, `Asia/Almaty`),
 * whatever the language of the page.
 */
export const ASTANA_FORMAT = 'dd.MM.yyyy HH:mm';

export function astanaText(at: Date | string | null | undefined, zone: string): string {
  if (!at) return '';
  return DateTime.fromJSDate(new Date(at), { zone }).toFormat(ASTANA_FORMAT);
}

/** Reads `dd.MM.yyyy HH:mm` (or an ISO local time) as Astana time; null when it is neither. */
export function parseAstanaInput(value: unknown, zone: string): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;

  const text = value.trim();
  const shown = DateTime.fromFormat(text, ASTANA_FORMAT, { zone });
  const parsed = shown.isValid ? shown : DateTime.fromISO(text, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The Astana calendar date `YYYY-MM-DD` an instant falls on. */
export function astanaDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}
