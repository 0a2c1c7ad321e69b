import { Types } from 'mongoose';

import { ConflictError, ValidationError } from '../../errors';
import type { Store } from '../../store';
import { isStaffRole, type StaffRole, type UserDoc } from '../../store/user-model';
import {
  DUMMY_HASH,
  hashPassword,
  MAX_PASSWORD_BYTES,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from './passwords';
import type { SessionUser } from './session-data';
import { isDuplicateKey } from '../../store/duplicate-key';

/**
 * Staff accounts: created by the CLI (the first supervisor) or by a
 * supervisor, checked at sign-in, and re-read on each request so that a
 * disabled account stops working at once.
 */
export interface NewAccount {
  username: string;
  displayName?: string;
  role: StaffRole;
  password: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(
      'PASSWORD_TOO_SHORT',
      `The password needs at least ${MIN_PASSWORD_LENGTH} characters`,
      'password',
    );
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw new ValidationError(
      'PASSWORD_TOO_LONG',
      `The password may have at most ${MAX_PASSWORD_BYTES} bytes`,
      'password',
    );
  }
}

export function sessionUserOf(user: UserDoc): SessionUser {
  return {
    id: String(user._id),
    username: user.username,
    displayName: user.displayName,
    role: user.role,
  };
}

export class StaffAccounts {
  constructor(
    private readonly store: Pick<Store, 'users'>,
    private readonly now: () => Date,
  ) {}

  async create(account: NewAccount, createdBy: string): Promise<UserDoc> {
    const username = normalizeUsername(account.username);
    if (!USERNAME.test(username)) {
      throw new ValidationError(
        'USERNAME_INVALID',
        'A username is 2–40 letters a–z, digits, dots, dashes or underscores',
        'username',
      );
    }
    if (!isStaffRole(account.role)) {
      throw new ValidationError('ROLE_INVALID', 'Unknown role', 'role');
    }
    checkPassword(account.password);

    try {
      const created = await this.store.users.create({
        username,
        displayName: account.displayName?.trim() || username,
        role: account.role,
        passwordHash: await hashPassword(account.password),
        language: null,
        disabled: false,
        createdAt: this.now(),
        createdBy,
      });
      return created.toObject();
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw new ConflictError('USERNAME_TAKEN', `The username ${username} is taken`);
      }
      throw err;
    }
  }

  /** The account when the password matches and it is enabled; null otherwise. */
  async authenticate(rawUsername: string, password: string): Promise<UserDoc | null> {
    const username = normalizeUsername(rawUsername);
    const user = await this.store.users.findOne({ username }).lean();

    // Compare even when there is no such user, so the answer takes as long.
    const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !matches || user.disabled) return null;
    return user;
  }

  async findActive(id: string): Promise<UserDoc | null> {
    if (!Types.ObjectId.isValid(id)) return null;

    const user = await this.store.users.findById(id).lean();
    return user && !user.disabled ? user : null;
  }

  async list(): Promise<UserDoc[]> {
    return this.store.users.find().sort({ username: 1 }).lean();
  }

  /** A single-field write: no read-modify-write, so no lease is needed. */
  async setLanguage(id: string, language: string): Promise<void> {
    await this.store.users.updateOne({ _id: id }, { $set: { language } });
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.store.users.updateOne({ _id: id }, { $set: { disabled } });
  }
}
