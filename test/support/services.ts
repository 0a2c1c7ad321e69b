// Where integration tests find the real services started by scripts/services.sh,
// with names unique per run so parallel runs never share (or clean) each other's data.
import { randomBytes } from 'node:crypto';

const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27117/desk';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6390';
const MAX_DB_NAME = 63; // MongoDB's limit on a database name

function randomId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * MONGODB_URI with its database replaced by a fresh `desk_test_<pid>_<random>`
 * (plus `_<suffix>` when given). Hosts, credentials and options are kept.
 */
export function testMongoUri(suffix?: string): string {
  const base = process.env.MONGODB_URI || DEFAULT_MONGODB_URI;
  // Not `new URL()`: a multi-host URI (h1:1,h2:2) is not a valid WHATWG URL.
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(base);
  if (!match) throw new Error(`MONGODB_URI is not a MongoDB URI: ${base}`);
  const tail = suffix ? `_${suffix.replace(/[^A-Za-z0-9_]/g, '_')}` : '';
  const name = `desk_test_${process.pid}_${randomId()}${tail}`.slice(0, MAX_DB_NAME);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

/** REDIS_URL, or the loopback Redis that scripts/services.sh starts. */
export function testRedisUrl(): string {
  return process.env.REDIS_URL || DEFAULT_REDIS_URL;
}

/** A BullMQ key prefix of its own, e.g. `desktest:1234a1b2c3d4`. */
export function uniquePrefix(): string {
  return `desktest:${process.pid}${randomId()}`;
}
