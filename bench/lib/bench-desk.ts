import fs from 'node:fs';
import path from 'node:path';

import { loadConfig, type Config, type SlaPolicy } from '../../src/config';
import {
  BENCH_CHATBOT_SECRET,
  benchMongoUri,
  benchPrefix,
  cleanUp,
  sharedMongoUri,
  sharedRedisUrl,
} from './bench-env';
import { outDir } from './out-dir';

/**
 * One desk for one bench: a database and queue prefix of its own, the
 * environment its web and worker processes get, and the same as a config
 * for the bench's in-process runtime.
 */
export const BENCH_OPERATOR_TOKEN = 'bench-operator-secret-0123456789';

export interface BenchDesk {
  mongodbUri: string;
  redisUrl: string;
  queuePrefix: string;
  env: Record<string, string>;
  config(): Readonly<Config>;
  cleanUp(): Promise<void>;
}

export interface BenchDeskOptions {
  mongoBase?: string;
  redisUrl?: string;
  policy?: SlaPolicy;
  env?: Record<string, string>;
}

/** Writes a bench SLA policy to bench/out and returns its path for SLA_POLICY. */
export function writePolicy(name: string, policy: SlaPolicy): string {
  const file = path.join(outDir('policies'), `${name}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}

export function benchDesk(tag: string, options: BenchDeskOptions = {}): BenchDesk {
  const mongodbUri = benchMongoUri(tag, options.mongoBase ?? sharedMongoUri());
  const redisUrl = options.redisUrl ?? sharedRedisUrl();
  const queuePrefix = benchPrefix(tag);
  const env: Record<string, string> = {
    MONGODB_URI: mongodbUri,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    CHATBOT_WEBHOOK_SECRET: BENCH_CHATBOT_SECRET,
    API_TOKENS: `bench-operator:operator:${BENCH_OPERATOR_TOKEN}`,
    LOG_LEVEL: 'info',
    ...(options.policy && { SLA_POLICY: writePolicy(tag, options.policy) }),
    ...options.env,
  };

  return {
    mongodbUri,
    redisUrl,
    queuePrefix,
    env,
    config: () => loadConfig({ ...env, LOG_LEVEL: 'warn' }),
    cleanUp: () => cleanUp(mongodbUri, redisUrl, queuePrefix),
  };
}
