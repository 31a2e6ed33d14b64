import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { LandSupplyCheckDto } from './dto/land-supply-check.dto';
import { LandSupplyService } from './land-supply.service';

@ApiTags('land-supply')
@ApiBearerAuth()
@Controller('land-supply')
export class LandSupplyController {
  constructor(private readonly landSupply: LandSupplyService) {}

  /** 供地核查: must the parcel be investigated first, and may it be supplied for the intended use? */
  @Post('check')
  @HttpCode(200)
  @Roles('land', 'eeb', 'admin')
  check(@CurrentUser() me: Principal, @Body() dto: LandSupplyCheckDto) {
    return this.landSupply.check(me, dto);
  }
}
