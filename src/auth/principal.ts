import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { JurisdictionLevel, Role } from '../../workflows';

/** The authenticated caller, as loaded from the database on every request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: Role;
  jurisdictionCode: string | null;
  /** The organisation's level of government (a bureau's: province, city, district); null for every other kind. */
  level: JurisdictionLevel | null;
}

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Marks a route that needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
