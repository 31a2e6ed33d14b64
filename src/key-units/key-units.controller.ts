import { Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { UuidParam } from '../common/pipes';
import type { StagedFile } from '../reports/upload-staging';
import { CreateKeyUnitDto } from './dto/create-key-unit.dto';
import { ListKeyUnitsQuery, PublicKeyUnitsQuery } from './dto/list-key-units.query';
import { KeyUnitReportUploadInterceptor } from './key-unit-upload.interceptor';
import { KeyUnitsService } from './key-units.service';

@ApiTags('key-units')
@ApiBearerAuth()
@Controller('key-units')
export class KeyUnitsController {
  constructor(private readonly units: KeyUnitsService) {}

  /** 列入重点监管单位名录 (the district environment bureau). */
  @Post()
  @Roles('eeb')
  @ApiBody({ type: CreateKeyUnitDto })
  list(@CurrentUser() me: Principal, @Body() body: unknown) {
    // The body is judged only after the caller's right to list (a bureau above the district is refused first).
    return this.units.list(me, body);
  }

  @Get()
  @Roles('eeb', 'land', 'miit', 'holder', 'admin')
  page(@CurrentUser() me: Principal, @Query() q: ListKeyUnitsQuery) {
    return this.units.page(me, q);
  }

  @Get(':id')
  get(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.units.get(me, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，只执行一次' })
  @ApiBody({ schema: { type: 'object', required: ['type'], additionalProperties: true, description: 'e.g. {"type":"CLOSE","reason":"closure","on":"2026-11-30"}; see GET /workflows/key-unit' } })
  send(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() body: unknown, @IdempotencyKey() key?: string) {
    return this.units.sendEvent(me, id, body, key);
  }

  @Get(':id/history')
  history(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.units.history(me, id);
  }

  @Post(':id/reports')
  @UseInterceptors(KeyUnitReportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  upload(
    @CurrentUser() me: Principal,
    @Param('id', UuidParam) id: string,
    @UploadedFiles() files: { file?: StagedFile[]; samples?: StagedFile[] } | undefined,
    @Body() body: Record<string, string>,
  ) {
    return this.units.upload(me, id, {
      kind: typeof body?.kind === 'string' ? body.kind : undefined,
      conclusion: typeof body?.conclusion === 'string' ? body.conclusion : undefined,
      file: files?.file?.[0],
      samples: files?.samples?.[0],
    });
  }

  @Get(':id/documents')
  documents(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.units.documentsOf(me, id);
  }

  @Get(':id/reports')
  reports(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.units.reportsOf(me, id);
  }
}

/** 上政文〔2017〕147号 三（二）1: the published list of key supervised units, without login. */
@ApiTags('public')
@Controller('public/key-units')
export class PublicKeyUnitsController {
  constructor(private readonly units: KeyUnitsService) {}

  @Get()
  @Public()
  list(@Query() q: PublicKeyUnitsQuery) {
    return this.units.publicList(q.page, q.pageSize);
  }
}
