import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { PlotPageService } from './plot-page.service';

@ApiTags('plots')
@ApiBearerAuth()
@Controller('plots')
export class PlotPageController {
  constructor(private readonly pages: PlotPageService) {}

  /**
   * What the console's plot page reads, in one answer: `plot` as GET /plots/:id, and `history`, `reports`, `screening`,
   * `documents`, `transports` as their own endpoints answer them (null, and named in `unavailable`, where the caller
   * may not read one).
   */
  @Get(':id/page')
  page(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.pages.page(me, id);
  }
}
