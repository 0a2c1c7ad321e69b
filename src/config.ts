import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

import { CLOCK_NAMES, type ClockName } from './domain/workflow/clocks';

/**
 * The one config loader. Order, last wins: `config/default.json`, then the
 * environment. The SLA policy is `config/sla-policy.json` unless `SLA_POLICY`
 * names another file of the same shape. The result is validated and frozen;
 * nothing else in the desk reads `process.env`.
 */

export { CLOCK_NAMES, type ClockName };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

const clockPolicySchema = z.object({
  length: z.string().min(2),
  calendar: z.enum(['working', 'always']),
});

const slaPolicySchema = z.object({
  contactCenter: z.object({ openAt: hhmm, closeAt: hhmm }),
  warnAtFractions: z.array(z.number().gt(0).lt(1)).max(5),
  clocks: z.object(
    Object.fromEntries(CLOCK_NAMES.map((name) => [name, clockPolicySchema])) as Record<
      ClockName,
      typeof clockPolicySchema
    >,
  ),
});

export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const ROLES = ['operator', 'admin', 'supervisor', 'auditor', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiToken {
  name: string;
  role: Role;
  secret: string;
}

const defaultsSchema = z.object({
  port: z.number().int().min(0).max(65535),
  mongodbUri: z.string().min(1),
  redisUrl: z.string().min(1),
  queuePrefix: z.string().min(1),
  zone: z.string().min(1),
  bodyLimit: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  reconcileEverySeconds: z.number().positive(),
  calendarRefreshSeconds: z.number().positive(),
  maxClockSkewSeconds: z.number().nonnegative(),
});

export interface Config extends z.infer<typeof defaultsSchema> {
  rootDir: string;
  apiTokens: ApiToken[];
  telegramWebhookSecret: string | null;
  chatbotWebhookSecret: string | null;
  telegramApiUrl: string;
  telegramBotToken: string | null;
  smtpFrom: string;
  smsGatewayUrl: string | null;
  chatbotCallbackUrl: string | null;
  smtpUrl: string | null;
  publicUrl: string;
  slaPolicy: SlaPolicy;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

type Env = Record<string, string | undefined>;

/** The project root: the nearest folder above this file holding package.json. */
export function findRootDir(start = __dirname): string {
  let dir = start;

  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new ConfigError(`no package.json above ${start}`);
    dir = parent;
  }

  return dir;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`${what} is invalid: ${issues.join('; ')}`);
}

/** `API_TOKENS` is a comma-separated list of `name:role:secret`. */
export function parseApiTokens(raw: string | undefined): ApiToken[] {
  if (!raw || raw.trim() === '') return [];

  return raw.split(',').map((entry) => {
    const [name, role, ...rest] = entry.trim().split(':');
    const secret = rest.join(':');

    if (!name || !secret)
      throw new ConfigError(`API_TOKENS entry "${name}" needs name:role:secret`);
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError(`API_TOKENS entry "${name}" has unknown role "${role}"`);
    }
    if (secret.length < 16) {
      throw new ConfigError(`API_TOKENS entry "${name}" has a secret under 16 characters`);
    }

    return { name, role: role as Role, secret };
  });
}

function optional(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

function numberFromEnv(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;

  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new ConfigError(`${name} must be a number`);
  return parsed;
}

export function loadConfig(env: Env, rootDir = findRootDir()): Readonly<Config> {
  const defaults = readJson(path.join(rootDir, 'config', 'default.json')) as Record<
    string,
    unknown
  >;

  const merged = {
    ...defaults,
    ...(numberFromEnv(env.PORT, 'PORT') !== undefined && { port: Number(env.PORT) }),
    ...(env.MONGODB_URI && { mongodbUri: env.MONGODB_URI }),
    ...(env.REDIS_URL && { redisUrl: env.REDIS_URL }),
    ...(env.QUEUE_PREFIX && { queuePrefix: env.QUEUE_PREFIX }),
    ...(env.LOG_LEVEL && { logLevel: env.LOG_LEVEL }),
  };
  const base = parseOrThrow(defaultsSchema, merged, 'config/default.json with environment');

  const policyFile = env.SLA_POLICY
    ? path.resolve(rootDir, env.SLA_POLICY)
    : path.join(rootDir, 'config', 'sla-policy.json');
  const slaPolicy = parseOrThrow(slaPolicySchema, readJson(policyFile), policyFile);

  const config: Config = {
    ...base,
    rootDir,
    apiTokens: parseApiTokens(env.API_TOKENS),
    telegramWebhookSecret: optional(env.TELEGRAM_WEBHOOK_SECRET),
    chatbotWebhookSecret: optional(env.CHATBOT_WEBHOOK_SECRET),
    telegramApiUrl: optional(env.TELEGRAM_API_URL) ?? 'https://api.telegram.org',
    telegramBotToken: optional(env.TELEGRAM_BOT_TOKEN),
    smtpFrom: optional(env.SMTP_FROM) ?? 'desk@aleumet.egov.kz',
    smsGatewayUrl: optional(env.SMS_GATEWAY_URL),
    chatbotCallbackUrl: optional(env.CHATBOT_CALLBACK_URL),
    smtpUrl: optional(env.SMTP_URL),
    publicUrl: optional(env.PUBLIC_URL) ?? `http://127.0.0.1:${base.port}`,
    slaPolicy,
  };

  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The process's config, read once from its environment. */
let processConfig: Readonly<Config> | null = null;

export function configFromProcess(): Readonly<Config> {
  processConfig ??= loadConfig(process.env);
  return processConfig;
}

/** The runtime's time-zone data version, handed to the domain's check at start. */
export function runtimeTzVersion(): string | undefined {
  return process.versions.tz;
}
