import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';

import type { NoticeKind, NoticeLanguage } from '../store/notice-model';

/**
 * The notices' texts: `views/notices/<kind>.<lang>.hbs`, and
 * `subject.<lang>.hbs` for e-mail. Kazakh and Russian are the participants'
 * languages (Russian when unknown); English is for staff.
 *
 * Texts are plain text for SMS, Telegram and the chat-bot, so nothing is
 * HTML-escaped: an explanation with "&" must read "&", not "&amp;".
 */

/** Fields a text cannot do without: a confirmation without its date says nothing. */
export const REQUIRED_FIELDS: Readonly<Record<NoticeKind, readonly string[]>> = {
  registration: ['requestNumber'],
  'no-failure': ['requestNumber'],
  refutation: ['requestNumber', 'explanation'],
  confirmation: ['requestNumber', 'plannedFixAt'],
  elimination: ['requestNumber'],
};

export class TemplateError extends Error {
  constructor(
    readonly code: 'TEMPLATE_MISSING' | 'TEMPLATE_FIELD_MISSING',
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export interface RenderedNotice {
  text: string;
  subject: string;
}

/** The shown format of instants: `dd.MM.yyyy HH:mm` in Astana time. */
export function formatNoticeInstant(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('dd.MM.yyyy HH:mm');
}

export class NoticeTemplates {
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(
    private readonly dir: string,
    private readonly zone: string,
  ) {}

  render(
    kind: NoticeKind,
    language: NoticeLanguage,
    data: Record<string, unknown>,
  ): RenderedNotice {
    const values = this.shown(data);

    const missing = REQUIRED_FIELDS[kind].filter((field) => isBlank(values[field]));
    if (missing.length > 0) {
      throw new TemplateError(
        'TEMPLATE_FIELD_MISSING',
        `the ${kind} notice needs ${missing.join(', ')}`,
      );
    }

    return {
      text: tidy(this.template(`${kind}.${language}`)(values)),
      subject: tidy(this.template(`subject.${language}`)(values)),
    };
  }

  /** Instants as Astana time; everything else as given. */
  private shown(data: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(data).map(([key, value]) => [
        key,
        value instanceof Date ? formatNoticeInstant(value, this.zone) : value,
      ]),
    );
  }

  private template(name: string): Handlebars.TemplateDelegate {
    const cached = this.compiled.get(name);
    if (cached) return cached;

    const file = path.join(this.dir, `${name}.hbs`);
    if (!fs.existsSync(file)) {
      throw new TemplateError('TEMPLATE_MISSING', `no notice template ${file}`);
    }

    const template = Handlebars.compile(fs.readFileSync(file, 'utf8'), { noEscape: true });
    this.compiled.set(name, template);
    return template;
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

/** Optional parts leave empty lines behind; a text is its non-empty lines. */
function tidy(rendered: string): string {
  return rendered
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
