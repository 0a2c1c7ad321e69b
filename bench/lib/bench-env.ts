import mongoose from 'mongoose';
import { Redis } from 'ioredis';

/**
 * Where the benches find the services scripts/services.sh started, and the
 * names of their own: a database `desk_bench_<tag>_<pid>` and a queue prefix
 * `bench<tag><pid>` per run, dropped afterwards. Nothing else is touched;
 * Redis is never flushed.
 */
const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27117/desk';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6390';

/** The chat-bot's HMAC key in every bench desk. */
export const BENCH_CHATBOT_SECRET = 'bench-chatbot-secret-0123456789';

export function sharedMongoUri(): string {
  return process.env.MONGODB_URI || DEFAULT_MONGODB_URI;
}

export function sharedRedisUrl(): string {
  return process.env.REDIS_URL || DEFAULT_REDIS_URL;
}

/** `base` with its database replaced by `name`; hosts and options kept. */
export function withDatabase(base: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(base);
  if (!match) throw new Error(`not a MongoDB URI: ${base}`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

export function benchMongoUri(tag: string, base = sharedMongoUri()): string {
  return withDatabase(base, `desk_bench_${tag}_${process.pid}`);
}

export function benchPrefix(tag: string): string {
  return `bench${tag}${process.pid}`;
}

export async function dropDatabase(uri: string): Promise<void> {
  const conn = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 5000 })
    .asPromise();
  try {
    await conn.dropDatabase();
  } finally {
    await conn.close();
  }
}

/** Deletes the keys under `prefix:` and only those. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  let cursor = '0';
  let deleted = 0;

  try {
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** A drop on a loaded FerretDB can take minutes; the figures must not wait for it forever. */
const CLEANUP_WAIT_MS = 180_000;

function within(ms: number, work: Promise<unknown>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      process.stderr.write(`bench: ${what} still running after ${ms} ms; left to finish\n`);
      resolve();
    }, ms);
  });
  const done = work.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

export async function cleanUp(uri: string, redisUrl: string, prefix: string): Promise<void> {
  await within(CLEANUP_WAIT_MS, deleteKeys(redisUrl, prefix), `deleting keys ${prefix}:*`);
  await within(CLEANUP_WAIT_MS, dropDatabase(uri), `dropping ${uri}`);
}
