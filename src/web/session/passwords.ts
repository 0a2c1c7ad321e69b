import bcrypt from 'bcryptjs';

/**
 * Password hashing with bcrypt (bcryptjs: pure JavaScript, no native build).
 * Cost 12 takes about a quarter of a second here: slow for a guesser, fine
 * for a person signing in.
 */
const COST = 12;

/** bcrypt reads only the first 72 bytes; longer passwords are refused, not cut. */
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the username is unknown, so timing tells nothing. */
export const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', COST);
