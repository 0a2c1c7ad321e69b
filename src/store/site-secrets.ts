import crypto from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

import { isDuplicateKey } from './duplicate-key';

/**
 * Keys every web process must share and keep across restarts: the session
 * cookie's signing key and the key participants' status codes derive from.
 * Made at first start and kept in MongoDB; a unique insert decides which of
 * two starting processes makes each one, so all of them read the same.
 */
interface SiteSecretDoc {
  _id: string;
  value: string;
  createdAt: Date;
}

const siteSecretSchema = new Schema<SiteSecretDoc>(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'site_secrets', versionKey: false },
);

export type SiteSecretModel = Model<SiteSecretDoc>;

export function siteSecretModel(conn: Connection): SiteSecretModel {
  return conn.models.SiteSecret ?? conn.model<SiteSecretDoc>('SiteSecret', siteSecretSchema);
}

export async function siteSecret(model: SiteSecretModel, name: string): Promise<string> {
  const existing = await model.findById(name).lean();
  if (existing) return existing.value;

  try {
    const value = crypto.randomBytes(32).toString('base64url');
    await model.create({ _id: name, value, createdAt: new Date() });
    return value;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const winner = await model.findById(name).lean();
    return winner!.value;
  }
}

/** No 0/O, 1/I/L: the code is read aloud on the phone and typed by hand. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/**
 * A participant's short status code, derived from the request id with a
 * secret key (HMAC-SHA256), so it needs no write when the registration
 * notice is built and nothing but the key is stored. 8 characters of a
 * 31-letter alphabet: about 2^39 codes per request.
 */
export class StatusCodes {
  constructor(private readonly key: string) {}

  codeFor(requestId: string): string {
    const digest = crypto.createHmac('sha256', this.key).update(`status:${requestId}`).digest();
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i += 1) {
      code += CODE_ALPHABET[digest[i] % CODE_ALPHABET.length];
    }
    return code;
  }

  /** Case and spaces do not matter; the comparison takes constant time. */
  matches(requestId: string, given: string): boolean {
    const normalized = given.replace(/[\s-]/g, '').toUpperCase();
    const expected = Buffer.from(this.codeFor(requestId));
    const actual = Buffer.from(normalized.padEnd(CODE_LENGTH).slice(0, 64));
    return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  }
}
