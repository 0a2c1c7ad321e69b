import pino from 'pino';

/**
 * Structured logs, one line per event, at the edges (middleware, workers).
 * Personal data never goes in unmasked: see `maskPhone` and the domain's
 * `maskIin`.
 */
export type Logger = pino.Logger;

export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { proc: name } });
}

/** `+77012345678` → `+7701*****78`: enough for an operator to recognise, no more. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 8) return '*'.repeat(phone.length);
  return phone.slice(0, 5) + '*'.repeat(phone.length - 7) + phone.slice(-2);
}
