import Handlebars, { type HelperOptions } from 'handlebars';
import type { TFunction } from 'i18next';

import { astanaText } from '../../i18n/astana-time';

/**
 * Handlebars helpers every page may use. Text comes from the locale files
 * through `t`; what a helper returns is escaped by Handlebars like any
 * other value, so a participant's message can never become markup.
 */
interface PageRoot {
  t?: TFunction;
  zone?: string;
}

function rootOf(options: HelperOptions): PageRoot {
  return (options.data?.root ?? {}) as PageRoot;
}

function translate(options: HelperOptions, key: string, values?: Record<string, unknown>): string {
  const t = rootOf(options).t;
  return t ? String(t(key, values ?? {})) : key;
}

/** JSON safe inside `<script type="application/json">`: no `</script>` can close it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const viewHelpers = {
  eq: (a: unknown, b: unknown) => a === b,

  /** `{{t "login.title"}}`, `{{t "request.title" number=number}}`, `{{t key values}}`. */
  t(key: string, ...rest: unknown[]) {
    const options = rest.pop() as HelperOptions;
    const values = (rest[0] ?? {}) as Record<string, unknown>;
    return translate(options, key, { ...values, ...options.hash });
  },

  /** A key made of parts: `{{tk "status" status}}` → t("status.registered"). */
  tk(prefix: string, key: unknown, options: HelperOptions) {
    if (key === null || key === undefined || key === '') return '';
    return translate(options, `${prefix}.${String(key)}`, options.hash);
  },

  /** An instant as `dd.MM.yyyy HH:mm` in Astana time. */
  time(at: unknown, options: HelperOptions) {
    const zone = rootOf(options).zone ?? 'Asia/Almaty';
    return at instanceof Date || typeof at === 'string' ? astanaText(at, zone) : '';
  },

  json(value: unknown) {
    return new Handlebars.SafeString(scriptJson(value));
  },
};
