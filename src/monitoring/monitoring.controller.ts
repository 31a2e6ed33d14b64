import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { UuidParam } from '../common/pipes';
import type { StagedFile } from '../reports/upload-staging';
import { CampaignsService } from './campaigns.service';
import { CreatePointDto } from './dto/create-point.dto';
import { ListCampaignsQuery, ListPointsQuery, ListWarningsQuery, SeriesQuery } from './dto/monitoring.query';
import { MonitoringUploadInterceptor } from './monitoring-upload.interceptor';
import { PointsService } from './points.service';
import { WarningsService } from './warnings.service';

type Files = { file?: StagedFile[]; samples?: StagedFile[] } | undefined;

/** 土壤环境监测网络与预警 (issue 20; 上政文〔2017〕147号 三（一）2、4). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(private readonly points: PointsService, private readonly campaigns: CampaignsService, private readonly warnings: WarningsService) {}

  @Post('points')
  @Roles('eeb')
  @ApiBody({ type: CreatePointDto })
  createPoint(@CurrentUser() me: Principal, @Body() body: unknown) {
    // The body is judged only after the caller's right (PointsService.assertMayManage).
    return this.points.create(me, body);
  }

  /** The kinds of point with their frequency, the media, lands and crops, in words (reference/monitoring.json): the forms pick from them. */
  @Get('config')
  @Roles('eeb', 'land', 'holder', 'consultant', 'admin')
  config() {
    return this.points.config();
  }

  @Post('points/import')
  @Roles('eeb')
  @UseInterceptors(MonitoringUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  importPoints(@CurrentUser() me: Principal, @UploadedFiles() files: Files) {
    return this.points.import(me, files?.file?.[0] ?? files?.samples?.[0]);
  }

  @Get('points')
  @Roles('eeb', 'land', 'holder', 'consultant', 'admin')
  listPoints(@CurrentUser() me: Principal, @Query() q: ListPointsQuery) {
    return this.points.page(me, q);
  }

  @Get('points/:id')
  getPoint(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.points.get(me, id);
  }

  @Get('points/:id/series')
  series(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Query() q: SeriesQuery) {
    return this.points.series(me, id, q.cas);
  }

  @Post('campaigns')
  @Roles('eeb')
  @UseInterceptors(MonitoringUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  upload(@CurrentUser() me: Principal, @UploadedFiles() files: Files, @Body() body: Record<string, string>) {
    return this.campaigns.upload(me, {
      name: typeof body?.name === 'string' ? body.name : undefined,
      year: typeof body?.year === 'string' ? body.year : undefined,
      file: files?.file?.[0],
      samples: files?.samples?.[0],
    });
  }

  /** The campaigns of the caller's subtree, each with its D19 (GET /documents/:id/pdf). */
  @Get('campaigns')
  @Roles('eeb', 'land', 'admin')
  listCampaigns(@CurrentUser() me: Principal, @Query() q: ListCampaignsQuery) {
    return this.campaigns.page(me, q);
  }

  @Get('warnings')
  @Roles('eeb', 'land', 'holder', 'consultant', 'admin')
  listWarnings(@CurrentUser() me: Principal, @Query() q: ListWarningsQuery) {
    return this.warnings.page(me, q);
  }

  @Get('warnings/:id')
  getWarning(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.warnings.get(me, id);
  }

  @Get('warnings/:id/history')
  history(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.warnings.history(me, id);
  }

  @Post('warnings/:id/events')
  @Roles('eeb')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，只执行一次' })
  send(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: unknown, @IdempotencyKey() key?: string) {
    return this.warnings.send(me, id, body, key);
  }
}
