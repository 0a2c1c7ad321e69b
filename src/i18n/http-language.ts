import type { RequestHandler } from 'express';
import type { i18n } from 'i18next';
import { handle } from 'i18next-http-middleware';

/** Gives each request `req.t` and `req.language`, as the translator's detector decides. */
export function detectLanguage(translator: i18n): RequestHandler {
  return handle(translator) as RequestHandler;
}
