import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../workflows';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import { AuthService } from './auth.service';
import { IS_PUBLIC, ROLES_KEY, type Principal } from './principal';

/** Requires a valid bearer token on every route not marked @Public(), then checks @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const token = bearer(req.header('authorization'));
    if (isPublic) {
      // Public routes still learn who is calling when a valid token comes along.
      if (token) req.principal = await this.auth.authenticate(token);
      return true;
    }
    if (!token) throw new UnauthenticatedError('缺少登录凭证（Authorization: Bearer <token>）');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new UnauthenticatedError();
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenError(`此操作仅限${roles.map((r) => ROLE_LABELS[r]).join('、')}，当前角色为${ROLE_LABELS[principal.role]}`);
    }
    return true;
  }
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return m?.[1];
}
