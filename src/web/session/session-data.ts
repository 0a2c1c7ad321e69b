import type { StaffRole } from '../../store/user-model';

/** What a signed-in person's session holds; the password never does. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
}

/** A one-time message shown on the next page (after a form's redirect). */
export interface Flash {
  kind: 'ok' | 'error';
  /** A key in the locale files, with its values. */
  key: string;
  values?: Record<string, string>;
}

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
    lang?: string;
    flash?: Flash;
  }
}
