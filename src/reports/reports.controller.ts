import { Body, Controller, Get, Param, Post, Res, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { contentDisposition } from '../evidence/file-name';
import { REPORT_KINDS } from './dto/conclusions.dto';
import { reportFileNames, ReportsService } from './reports.service';
import type { StagedFile } from './upload-staging';
import { ReportUploadInterceptor } from './upload.interceptor';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('plots/:plotId/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @UseInterceptors(ReportUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'PDF' },
        kind: { type: 'string', enum: [...REPORT_KINDS] },
        conclusion: { type: 'string', description: 'JSON text, e.g. {"riskAcceptable":false}' },
        samples: {
          type: 'string',
          format: 'binary',
          description: 'CSV or .xlsx (template: GET /samples/template.xlsx); headers in Chinese or English, any order: 样品编号/sample_id, 经度/x, 纬度/y, 采样深度/depth_m, 检测项目/analyte, 检测值/value, 单位/unit, 检出限/detection_limit, 介质/medium (optional)',
        },
      },
    },
  })
  upload(
    @CurrentUser() me: Principal,
    @Param('plotId', UuidParam) plotId: string,
    @UploadedFiles() files: { file?: StagedFile[]; samples?: StagedFile[] } | undefined,
    @Body() body: Record<string, string>,
  ) {
    return this.reports.upload(me, plotId, {
      kind: typeof body?.kind === 'string' ? body.kind : undefined,
      conclusion: typeof body?.conclusion === 'string' ? body.conclusion : undefined,
      file: files?.file?.[0],
      samples: files?.samples?.[0],
    });
  }

  @Get()
  list(@CurrentUser() me: Principal, @Param('plotId', UuidParam) plotId: string) {
    return this.reports.list(me, plotId);
  }

  @Get(':reportId/file')
  async download(
    @CurrentUser() me: Principal,
    @Param('plotId', UuidParam) plotId: string,
    @Param('reportId', UuidParam) reportId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { report, stream } = await this.reports.open(me, plotId, reportId);
    res.setHeader('Content-Type', 'application/pdf');
    // The name is the server's (kind and digest), not the one the uploader's file had.
    const names = reportFileNames(report.kind, report.fileSha256);
    res.setHeader('Content-Disposition', contentDisposition('attachment', names.ascii, names.utf8));
    res.setHeader('X-Content-SHA256', report.fileSha256);
    return new StreamableFile(stream);
  }
}
