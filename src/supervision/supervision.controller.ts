import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { ListDutiesQuery, UrgeDutyDto } from './dto/supervision.dto';
import { SupervisionService } from './supervision.service';

/** 监督：every open duty in a bureau's jurisdiction subtree, its figures, 催办 and 督办 (issue 22). */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('duties')
  @Roles('eeb', 'land', 'admin')
  duties(@CurrentUser() me: Principal, @Query() q: ListDutiesQuery) {
    return this.supervision.duties(me, q);
  }

  @Get('figures')
  @Roles('eeb', 'land', 'admin')
  figures(@CurrentUser() me: Principal) {
    return this.supervision.figures(me);
  }

  @Post('duties/:id/urge')
  @Roles('eeb', 'land')
  @HttpCode(200)
  @ApiBody({ type: UrgeDutyDto })
  urge(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: unknown) {
    // The body is judged only after the duty is found in the caller's scope (SupervisionService.urge).
    return this.supervision.urge(me, id, body);
  }
}
