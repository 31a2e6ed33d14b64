import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import type { StagedFile } from '../reports/upload-staging';
import { creditCsv } from './credit-view';
import { FindingUploadInterceptor } from './credit-upload.interceptor';
import { CreditService } from './credit.service';
import { CreditExportQuery, CreditFirmsQuery } from './dto/credit.dto';

@ApiTags('credit')
@Controller('credit')
export class CreditController {
  constructor(private readonly credit: CreditService) {}

  /** The public ranking of third-party firms by first-pass rate (上政文〔2017〕147号 三（六）3). */
  @Get('firms')
  @Public()
  ranking(@Query() q: CreditFirmsQuery) {
    return this.credit.ranking(q.page, q.pageSize);
  }

  @Get('firms/:id')
  @Public()
  firm(@Param('id', UuidParam) id: string) {
    return this.credit.firm(id);
  }

  @Get('export.json')
  @Public()
  exportJson(@Query() q: CreditExportQuery) {
    return this.credit.exportRecords(q.page, q.pageSize);
  }

  @Get('export.csv')
  @Public()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="credit-records.csv"')
  async exportCsv() {
    return creditCsv(await this.credit.allExportRecords());
  }

  /** 土壤法第九十条: a 生态环境 bureau records a finding with its decision document (multipart: file + fields). */
  @Post('findings')
  @Roles('eeb')
  @ApiBearerAuth()
  @UseInterceptors(FindingUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  record(
    @CurrentUser() me: Principal,
    @UploadedFiles() files: { file?: StagedFile[]; samples?: StagedFile[] } | undefined,
    @Body() body: Record<string, unknown>,
  ) {
    return this.credit.recordFinding(me, body ?? {}, files?.file?.[0]);
  }

  /** Recomputes the stored figures from the audit trail (administrators; after an upgrade, once). */
  @Post('tallies/rebuild')
  @Roles('admin')
  @ApiBearerAuth()
  @HttpCode(200)
  rebuild(@CurrentUser() me: Principal) {
    return this.credit.rebuildTallies(me);
  }

  @Put('firms/:id/credit-code')
  @Roles('admin')
  @ApiBearerAuth()
  setCreditCode(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: unknown) {
    return this.credit.setCreditCode(me, id, body);
  }
}
