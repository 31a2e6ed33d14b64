import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ForbiddenError } from '../common/errors';
import { levelOf } from '../common/jurisdiction';
import { ROLE_LABELS } from '../organisations/organisation.entity';

/**
 * The lists are handed in, and their proposals decided, by the bureaus of the district the plots lie in (issue 18):
 * an officer of an organisation of the role's own kind, of a district (区、县) jurisdiction. Runs after the auth guard
 * (role) and before any interceptor or pipe reads the body.
 */
@Injectable()
export class DistrictBureauGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const me = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!me) return false;
    assertDistrictBureau(me);
    return true;
  }
}

export function assertDistrictBureau(me: Principal): void {
  if (me.organisationKind !== me.role) {
    throw new ForbiddenError(`此操作须由${ROLE_LABELS[me.role]}所在机构办理，您所在机构不是该类机构`);
  }
  if (!me.jurisdictionCode || levelOf(me.jurisdictionCode) !== 'district') {
    throw new ForbiddenError('此操作由区（县）级部门办理，市级、省级部门可查看，不能办理');
  }
}
