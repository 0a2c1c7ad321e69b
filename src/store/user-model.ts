import { Schema, Types, type Connection, type Model } from 'mongoose';

/**
 * Staff accounts that sign in to the desk's pages. Only a bcrypt hash of the
 * password is kept. `username` is stored lower-cased and unique, so a unique
 * insert decides a race between two creations of one name (see `locks.ts`).
 */
export const STAFF_ROLES = ['operator', 'admin', 'supervisor', 'auditor'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export interface UserDoc {
  _id: Types.ObjectId;
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  /** The language the person last chose on a page: kk, ru or en; null until they choose. */
  language: string | null;
  disabled: boolean;
  createdAt: Date;
  createdBy: string;
}

const userSchema = new Schema<UserDoc>(
  {
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    role: { type: String, required: true, enum: STAFF_ROLES },
    passwordHash: { type: String, required: true },
    language: { type: String, default: null },
    disabled: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { collection: 'users', versionKey: false, minimize: false },
);

export type UserModel = Model<UserDoc>;

export function userModel(conn: Connection): UserModel {
  return conn.models.User ?? conn.model<UserDoc>('User', userSchema);
}

/** Every change of an account after its insert holds this lease (see `locks.ts`). */
export function userLockKey(id: Types.ObjectId | string): string {
  return `user:${String(id)}`;
}
