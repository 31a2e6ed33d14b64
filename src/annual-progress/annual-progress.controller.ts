import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { AnnualProgressService } from './annual-progress.service';
import { AnnualProgressDto } from './dto/annual-progress.dto';

// The route stays under reports/ where clients know it; the code is named for the annual progress report (年度工作进展报告).
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/annual')
export class AnnualProgressController {
  constructor(private readonly progress: AnnualProgressService) {}

  /** The figures of the year as they stand, without issuing the document. */
  @Get()
  @Roles('eeb', 'land', 'admin')
  preview(@CurrentUser() me: Principal, @Query() q: AnnualProgressDto) {
    return this.progress.preview(me, q.year, q.jurisdiction);
  }

  /** D14 年度工作进展报告 of the caller's jurisdiction. */
  @Post()
  @Roles('eeb')
  issue(@CurrentUser() me: Principal, @Body() dto: AnnualProgressDto) {
    return this.progress.issue(me, dto.year, dto.jurisdiction);
  }
}
