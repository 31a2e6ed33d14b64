import { Body, Controller, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bearer } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { Public, type Principal } from './principal';
import { SessionCookies } from './session-cookies';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  /** The token for API clients, and the same token as the console's session cookie with its CSRF value. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  async login(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const answer = await this.auth.login(body.username, body.password, ip ?? 'unknown');
    this.cookies.set(req, res, answer.accessToken);
    return answer;
  }

  /**
   * Clears both cookies. A session the guard recognised by its cookie and CSRF value is also revoked: tokens
   * carry no id of their own, so every token of the user issued before ends with it (other browsers sign in
   * again). A bearer client's token is its own to discard and stays valid until it expires. Public, so that
   * an expired session can still clear its cookies.
   */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@Req() req: Request & { principal?: Principal }, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = bearer(req.header('authorization')) ? undefined : this.cookies.tokenOf(req);
    if (req.principal && token) await this.auth.revoke(token);
    this.cookies.clear(req, res);
  }
}
