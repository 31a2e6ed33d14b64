import { Body, Controller, Get, HttpCode, Ip, Param, ParseIntPipe, Post, Query, Res, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { UuidParam } from '../common/pipes';
import type { StagedFile } from '../reports/upload-staging';
import { ListPublicReportsQuery, PublicReportsMapQuery } from './dto/public-report.dto';
import { PublicReportUploadInterceptor } from './public-report-upload.interceptor';
import { PublicReportsService } from './public-reports.service';

/** The public form and status page (no login). */
@ApiTags('public-reports')
@Controller('public/reports')
export class PublicReportFormController {
  constructor(private readonly reports: PublicReportsService) {}

  /** 土壤法第八十四条: anyone reports soil pollution; answered with a receipt code. */
  @Post()
  @Public()
  @UseInterceptors(PublicReportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  receive(@UploadedFiles() files: { photos?: StagedFile[] } | undefined, @Body() body: Record<string, unknown>, @Ip() ip: string) {
    return this.reports.receive(body ?? {}, files?.photos ?? [], ip ?? 'unknown');
  }

  @Get('districts')
  @Public()
  districts() {
    return this.reports.districts();
  }

  @Get(':receiptCode')
  @Public()
  status(@Param('receiptCode') code: string) {
    return this.reports.status(String(code).toUpperCase());
  }
}

/** The bureaus' cases. */
@ApiTags('public-reports')
@ApiBearerAuth()
@Controller('public-reports')
export class PublicReportsController {
  constructor(private readonly reports: PublicReportsService) {}

  @Get()
  @Roles('eeb')
  list(@CurrentUser() me: Principal, @Query() q: ListPublicReportsQuery) {
    return this.reports.list(me, q);
  }

  /** 一张图: the handling district bureau's located cases in a viewport (GeoJSON points; no reporter's identity). */
  @Get('map')
  @Roles('eeb')
  map(@CurrentUser() me: Principal, @Query() q: PublicReportsMapQuery) {
    return this.reports.mapLayer(me, q.bbox);
  }

  @Get(':id')
  @Roles('eeb')
  get(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.reports.get(me, id);
  }

  @Post(':id/events')
  @Roles('eeb')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，只执行一次' })
  send(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: unknown, @IdempotencyKey() key?: string) {
    return this.reports.sendEvent(me, id, body, key);
  }

  @Get(':id/photos/:seq')
  @Roles('eeb')
  async photo(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Param('seq', ParseIntPipe) seq: number, @Res({ passthrough: true }) res: Response) {
    const { photo, stream } = await this.reports.photo(me, id, seq);
    res.setHeader('Content-Type', photo.mediaType);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(stream);
  }
}
