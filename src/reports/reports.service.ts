import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError, UnsupportedMediaTypeError, ValidationFailedError, type FieldError } from '../common/errors';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../common/json-depth';
import { findPrototypeKey, flattenValidationErrors } from '../common/validation';
import { refuseNulStrings } from '../common/text-rules';
import { checkPdf } from '../evidence/pdf-check';
import { sanitizeFileName } from '../evidence/file-name';
import { parseSampleCsv, type SampleRow } from '../evidence/sample-csv';
import type { ScreeningResult } from '../evidence/screening';
import { PlotsRepository, type PlotRow } from '../plots/plots.repository';
import { ScreeningService } from '../screening/screening.service';
import { BLOB_STORE, type BlobStore } from './blob-store';
import {
  CONCLUSION_CLASSES,
  HOLDER_KINDS,
  KINDS_BY_WORK,
  KINDS_WITH_SAMPLES,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  type ReportKind,
} from './dto/conclusions.dto';
import { ReportsRepository, type ReportRow } from './reports.repository';

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

export interface UploadProgress {
  phase: 'parse' | 'store';
  rows: number;
  total: number;
}

export interface UploadInput {
  kind?: string;
  conclusion?: string;
  file?: UploadedFile;
  samples?: UploadedFile;
  /** Long imports report how far they are (the command-line import draws a progress bar). */
  onProgress?: (p: UploadProgress) => void;
}

export interface UploadResult {
  id: string;
  kind: ReportKind;
  sha256: string;
  fileName: string;
  pages: number;
  sampleCount: number;
  screening?: ScreeningResult;
}

/** Third-party reports and sample data: who may upload what, checked by content, stored immutably. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly plots: PlotsRepository,
    private readonly reports: ReportsRepository,
    private readonly screening: ScreeningService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async upload(me: Principal, plotId: string, input: UploadInput): Promise<UploadResult> {
    const plot = await this.plots.findVisible(me, plotId);
    if (!plot) throw new NotFoundError('地块不存在或无权查看');
    const kind = parseKind(input.kind);
    await this.assertMayUpload(me, plot, kind);
    const file = await this.checkFile(input.file);
    const conclusion = await parseConclusion(kind, input.conclusion);
    const samples = await this.parseSamples(kind, input.samples, input.onProgress);
    const screening = samples ? this.screening.screen(samples, plot.plannedLandClass, plot.jurisdictionCode) : undefined;
    const blob = await this.blobs.put(file.buffer);
    const fileName = sanitizeFileName(input.file!.originalname);
    const id = await this.reports.transaction(async (em) => {
      const reportId = await this.reports.insert(em, {
        plotId: plot.id,
        kind,
        authorOrganisationId: me.organisationId,
        uploadedBy: me.userId,
        fileSha256: blob.sha256,
        fileSize: blob.size,
        fileName,
        pages: file.pages,
        conclusion,
        sampleCount: samples?.length ?? 0,
        screening: screening ?? null,
      });
      if (samples) {
        await this.reports.insertSamples(em, reportId, plot.id, samples, (rows) =>
          input.onProgress?.({ phase: 'store', rows, total: samples.length }),
        );
      }
      return reportId;
    });
    return { id, kind, sha256: blob.sha256, fileName, pages: file.pages, sampleCount: samples?.length ?? 0, screening };
  }

  async list(me: Principal, plotId: string): Promise<ReportRow[]> {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    return this.reports.listForPlot(plotId);
  }

  /** A report's file for a caller who may see its plot. */
  async open(me: Principal, plotId: string, reportId: string) {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    const report = await this.reports.find(reportId);
    if (!report || report.plotId !== plotId) throw new NotFoundError('报告不存在');
    const stream = await this.blobs.open(report.fileSha256);
    if (!stream) throw new NotFoundError('报告文件缺失，请联系管理员');
    return { report, stream };
  }

  private async assertMayUpload(me: Principal, plot: PlotRow, kind: ReportKind) {
    const label = REPORT_KIND_LABELS[kind];
    if (me.role === 'holder') {
      if (plot.holderOrganisationId !== me.organisationId) throw new ForbiddenError('只能为本单位的地块提交材料');
      if (!HOLDER_KINDS.includes(kind)) throw new ForbiddenError(`${label}须由受委托的第三方机构上传`);
      return;
    }
    if (me.role === 'consultant') {
      const commissions = await this.plots.commissions(plot.id);
      const mine = commissions.filter((c) => c.organisationId === me.organisationId);
      if (!mine.some((c) => KINDS_BY_WORK[c.work].includes(kind))) {
        throw new ForbiddenError(`贵单位未受委托承担本地块的${label}相关工作，不能上传该报告`);
      }
      return;
    }
    throw new ForbiddenError('只有土地使用权人和受委托的第三方机构可以上传报告');
  }

  private async checkFile(file: UploadedFile | undefined) {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: '缺少报告文件（PDF）' }]);
    const check = await checkPdf(file.buffer);
    if (!check.ok) throw new UnsupportedMediaTypeError(`报告文件不是有效的 PDF：${check.reason}`, 'file');
    return { buffer: file.buffer, pages: check.pages };
  }

  private async parseSamples(
    kind: ReportKind,
    file: UploadedFile | undefined,
    onProgress?: (p: UploadProgress) => void,
  ): Promise<SampleRow[] | undefined> {
    if (!file) return undefined;
    if (!KINDS_WITH_SAMPLES.includes(kind)) {
      throw new ValidationFailedError([{ field: 'samples', message: `${REPORT_KIND_LABELS[kind]}不附样品数据` }]);
    }
    const total = onProgress ? countLines(file.buffer) - 1 : 0;
    const result = await parseSampleCsv(file.buffer, this.screening.standard, {
      onProgress: onProgress && ((rows) => onProgress({ phase: 'parse', rows, total })),
    });
    if (!result.ok) {
      const errors = result.errors.map((e) => ({ field: 'samples', line: e.line, column: e.column, message: e.message }));
      throw new ValidationFailedError(errors as FieldError[], `样品数据有 ${errors.length} 处错误，未导入任何数据`);
    }
    return result.rows;
  }
}

function countLines(buf: Buffer): number {
  let n = buf.length && buf[buf.length - 1] !== 0x0a ? 1 : 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

function parseKind(kind: string | undefined): ReportKind {
  if (!kind || !(REPORT_KINDS as readonly string[]).includes(kind)) {
    throw new ValidationFailedError([{ field: 'kind', message: `报告类型必须是 ${REPORT_KINDS.join('、')} 之一` }]);
  }
  return kind as ReportKind;
}

async function parseConclusion(kind: ReportKind, text: string | undefined): Promise<Record<string, unknown>> {
  let raw: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    if (exceedsJsonDepth(text)) {
      throw new ValidationFailedError([{ field: 'conclusion', message: `结论 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层` }]);
    }
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ValidationFailedError([{ field: 'conclusion', message: '结论必须是 JSON 对象文本' }]);
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationFailedError([{ field: 'conclusion', message: '结论必须是 JSON 对象' }]);
  }
  const prototypeKey = findPrototypeKey(raw, 'conclusion');
  if (prototypeKey) throw new ValidationFailedError([{ field: prototypeKey, message: '不允许使用此键名' }]);
  refuseNulStrings(raw, 'conclusion');
  const instance = plainToInstance(CONCLUSION_CLASSES[kind], raw);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const fields = flattenValidationErrors(errors, 'conclusion');
    throw new ValidationFailedError(fields);
  }
  return { ...(instance as Record<string, unknown>) };
}
