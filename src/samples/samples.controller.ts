import { Controller, Get, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { contentDisposition } from '../evidence/file-name';
import { sampleTemplateCsv, sampleTemplateXlsx } from './sample-template';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sample file's template, for any signed-in user (laboratories fill it in for consultants). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('samples')
export class SamplesController {
  private xlsx: Promise<Buffer> | undefined;

  @Get('template.xlsx')
  @ApiOkResponse({ description: '样品数据模板（Excel）', content: { [XLSX_TYPE]: {} } })
  async templateXlsx(@Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    this.xlsx ??= sampleTemplateXlsx();
    return download(res, await this.xlsx, XLSX_TYPE, 'sample-template.xlsx', '样品数据模板.xlsx');
  }

  @Get('template.csv')
  @ApiOkResponse({ description: '样品数据模板（CSV，UTF-8）', content: { 'text/csv': {} } })
  templateCsv(@Res({ passthrough: true }) res: Response): StreamableFile {
    return download(res, sampleTemplateCsv(), 'text/csv; charset=utf-8', 'sample-template.csv', '样品数据模板.csv');
  }
}

function download(res: Response, body: Buffer, type: string, ascii: string, utf8: string): StreamableFile {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', contentDisposition('attachment', ascii, utf8));
  return new StreamableFile(body);
}
