import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { AnnualReportService } from './annual-report.service';
import { AnnualReportDto } from './dto/annual-report.dto';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/annual')
export class AnnualReportController {
  constructor(private readonly reports: AnnualReportService) {}

  /** The figures of the year as they stand, without issuing the document. */
  @Get()
  @Roles('eeb', 'land', 'admin')
  preview(@CurrentUser() me: Principal, @Query() q: AnnualReportDto) {
    return this.reports.preview(me, q.year, q.jurisdiction);
  }

  /** D14 年度工作进展报告 of the caller's jurisdiction. */
  @Post()
  @Roles('eeb')
  issue(@CurrentUser() me: Principal, @Body() dto: AnnualReportDto) {
    return this.reports.issue(me, dto.year, dto.jurisdiction);
  }
}
