import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { toLoginUserView } from '../auth/auth.service';
import { LoginUserView } from '../auth/dto/login.dto';
import { CurrentUser, type Principal } from '../auth/principal';

/** The signed-in caller as the login answered it; the principal is loaded on every request. */
@ApiTags('auth')
@Controller('me')
export class MeController {
  @Get()
  @ApiBearerAuth()
  @ApiOkResponse({ type: LoginUserView })
  me(@CurrentUser() user: Principal): LoginUserView {
    return toLoginUserView(user);
  }
}
