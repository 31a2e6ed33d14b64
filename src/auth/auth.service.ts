import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthenticatedError } from '../common/errors';
import { DirectoryRepository } from '../organisations/directory.repository';
import { LoginRateLimiter } from './login-rate-limiter';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import type { Principal } from './principal';
import type { LoginResponse, LoginUserView } from './dto/login.dto';

interface TokenClaims {
  sub: string;
  tv: number;
  /** A random id: two logins in one second are two sessions, each with its own CSRF value. */
  jti?: string;
}

const BAD_LOGIN = '用户名或密码错误';

@Injectable()
export class AuthService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly jwt: JwtService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResponse> {
    await this.limiter.throttle(username, address);
    const user = await this.directory.findForLogin(username);
    // Unknown users are checked against a dummy hash so that timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok || user.disabled || user.organisationDisabled) {
      await this.limiter.recordFailure(username, address);
      throw new UnauthenticatedError(BAD_LOGIN);
    }
    await this.limiter.recordSuccess(username, address);
    const principal = await this.directory.findPrincipal(user.id, user.tokenVersion);
    if (!principal) throw new UnauthenticatedError(BAD_LOGIN);
    const accessToken = await this.jwt.signAsync({ sub: user.id, tv: user.tokenVersion, jti: randomUUID() } satisfies TokenClaims);
    return { accessToken, user: toLoginUserView(principal) };
  }

  /** The principal for a bearer token; undefined when the token is invalid, expired or revoked. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const claims = await this.claimsOf(token);
    return claims && this.directory.findPrincipal(claims.sub, claims.tv);
  }

  /** Logout: ends every token of the user issued at this token's version. An invalid token changes nothing. */
  async revoke(token: string): Promise<void> {
    const claims = await this.claimsOf(token);
    if (claims) await this.directory.revokeTokens(claims.sub, claims.tv);
  }

  private async claimsOf(token: string): Promise<TokenClaims | undefined> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return undefined;
    }
    if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') return undefined;
    if (!/^[0-9a-f-]{36}$/i.test(claims.sub)) return undefined;
    return claims;
  }
}

export function toLoginUserView(p: Principal): LoginUserView {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    role: p.role,
    organisationId: p.organisationId,
    organisationName: p.organisationName,
    jurisdictionCode: p.jurisdictionCode,
    level: p.level,
  };
}
