import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { RecordDevelopmentDto, SafeUseQuery } from './dto/safe-use.dto';
import { IndicatorsService } from './indicators.service';


/** 污染地块安全利用率 (上政文〔2017〕147号 二; reference/safe-use-indicator.json). */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('safe-use')
  @Roles('eeb', 'land', 'admin')
  safeUse(@CurrentUser() me: Principal, @Query() q: SafeUseQuery) {
    return this.indicators.safeUse(me, q.year, q.jurisdiction, q.page, q.pageSize);
  }

  /** 开发利用 began: recorded by the bureaus of the plot's jurisdiction. */
  @Post('developments/:plotId')
  @Roles('eeb', 'land')
  record(@CurrentUser() me: Principal, @Param('plotId', UuidParam) plotId: string, @Body() dto: RecordDevelopmentDto) {
    return this.indicators.recordDevelopment(me, plotId, dto);
  }
}
