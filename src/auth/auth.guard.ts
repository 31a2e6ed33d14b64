import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../workflows';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import { AuthService } from './auth.service';
import { IS_PUBLIC, ROLES_KEY, type Principal } from './principal';
import { isUnsafeMethod, SessionCookies } from './session-cookies';

const CSRF_REFUSED = '页面的安全校验未通过，请刷新页面后重试';

/**
 * Requires a valid login on every route not marked @Public(), then checks @Roles(). The login is a bearer token
 * (API clients) or the console's session cookie; with the cookie, an unsafe method must echo the CSRF value
 * (OWASP CSRF prevention cheat sheet, signed double-submit cookie). Guards run before every interceptor,
 * so a refused upload is refused before its stream is read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const header = bearer(req.header('authorization'));
    const cookie = header ? undefined : this.cookies.tokenOf(req);
    const token = header ?? cookie;
    const forged = Boolean(cookie) && isUnsafeMethod(req.method) && !this.cookies.csrfMatches(req, cookie!);
    if (isPublic) {
      // Public routes still learn who is calling when a valid login comes along (a cookie only with its CSRF value).
      if (token && !forged) req.principal = await this.auth.authenticate(token);
      return true;
    }
    if (!token) throw new UnauthenticatedError('缺少登录凭证，请先登录');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw new UnauthenticatedError();
    if (forged) throw new ForbiddenError(CSRF_REFUSED);
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenError(`此操作仅限${roles.map((r) => ROLE_LABELS[r]).join('、')}，当前角色为${ROLE_LABELS[principal.role]}`);
    }
    return true;
  }
}

export function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
  return m?.[1];
}
