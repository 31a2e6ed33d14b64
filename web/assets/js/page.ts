// What every page module is given (main.js route()), and the signed-in user as GET /me answers.
import type { JurisdictionLevel, Role } from '@workflows/types';

/** GET /me: the Principal of src/auth/principal.ts as JSON, with what the console reads besides. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: Role;
  jurisdictionCode: string | null;
  level: JurisdictionLevel | null;
  requiredWorkingDays?: number;
}

export interface PageContext {
  /** null on a public page opened without signing in. */
  me: Me | null;
  params: Record<string, string>;
  query: URLSearchParams;
  /** False once the user went elsewhere: a page stops drawing after each await when it is no longer shown. */
  isCurrent(): boolean;
  setTitle(title: string): void;
}

/** A page for signed-in users only: main.js sends anyone else to the login page first. */
export interface SignedInContext extends PageContext {
  me: Me;
}
