import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { PlotListQuery } from './dto/plot-list.query';
import { PlotListService } from './plot-list.service';

/** The plot list's statistics by stage (everyone who sees plots) and its export to Excel (the bureaus). */
@ApiTags('plots')
@ApiBearerAuth()
@Controller('plot-list')
export class PlotListController {
  constructor(private readonly list: PlotListService) {}

  @Get('stages')
  @Roles('eeb', 'land', 'holder', 'consultant', 'expert', 'admin')
  stages(@CurrentUser() me: Principal, @Query() q: PlotListQuery) {
    return this.list.stages(me, { jurisdiction: q.jurisdiction, overdue: q.overdue });
  }

  @Get('export')
  @Roles('eeb', 'land', 'admin')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  export(@CurrentUser() me: Principal, @Query() q: PlotListQuery, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="plots.xlsx"; filename*=UTF-8''${encodeURIComponent('地块清单.xlsx')}`);
    return new StreamableFile(this.list.export(me, { stage: q.stage, jurisdiction: q.jurisdiction, overdue: q.overdue }));
  }
}
