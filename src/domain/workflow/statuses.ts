/**
 * A request's statuses, in the order clause 15 of the Rules walks them.
 * `queued` holds a digital request that arrived outside working hours
 * until the next opening (clause 16).
 */
export const STATUSES = [
  'queued',
  'new',
  'registered',
  'analysing',
  'escalated',
  'confirmed',
  'refuted',
  'fixing',
  'eliminated',
  'closed',
] as const;

export type Status = (typeof STATUSES)[number];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** Channels a participant can reach the contact center by (clause 16). */
export const CHANNELS = ['voice', 'telegram', 'whatsapp', 'chatbot'] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** Digital channels keep taking messages after hours; those wait for the opening. */
export function isDigital(channel: Channel): boolean {
  return channel !== 'voice';
}
