import { banInForce } from '../credit/credit-ban';
import { CreditRepository } from '../credit/credit.repository';
import { banReason } from '../../workflows/plot-lifecycle/v2/ban';
import { Inject, Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ReportKind } from '../../workflows';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { ForbiddenError, GuardRefusedError, NotFoundError, UnsupportedMediaTypeError, ValidationFailedError, type FieldError } from '../common/errors';
import { jsonShapeProblem } from '../common/json-depth';
import { findPrototypeKey, flattenValidationErrors } from '../common/validation';
import { refuseNulStrings } from '../common/text-rules';
import { checkPdfFile } from '../evidence/pdf-check-thread';
import { digestFileName } from '../evidence/file-name';
import type { SampleRow } from '../evidence/sample-csv';
import { parseSampleFile, sampleFileFormat } from '../evidence/sample-file';
import type { ScreeningResult } from '../evidence/screening';
import { PlotsRepository, type PlotRow } from '../plots/plots.repository';
import { ScreeningService } from '../screening/screening.service';
import { BLOB_STORE, type BlobStore } from './blob-store';
import {
  CONCLUSION_CLASSES,
  BUREAU_KINDS,
  HOLDER_KINDS,
  KINDS_BY_WORK,
  KINDS_WITH_SAMPLES,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
} from './dto/conclusions.dto';
import { ReportsRepository, type ReportRow } from './reports.repository';
import { decidingReportsOf } from '../screening/screening.service';
import type { RemediationTarget } from './dto/evidence-conclusions.dto';
import { assertRiskAcceptableAllowed, assertStageExpects, assertTargetsAchieved, missingRequiredItems, resolveTargets } from './upload-evidence';
import { discardStaged, type StagedFile } from './upload-staging';

export interface UploadProgress {
  phase: 'parse' | 'store';
  rows: number;
  /** Rows in all; 0 while parsing an .xlsx (known only at its end: see fraction). */
  total: number;
  /** While parsing: how much of the sample file has been read (0–1). */
  fraction?: number;
}

export interface UploadInput {
  kind?: string;
  conclusion?: string;
  /**
   * The report and the sample file, staged (upload-staging.ts). The service owns
   * them: it moves the report into the blob store and removes what is left,
   * whatever the outcome.
   */
  file?: StagedFile;
  samples?: StagedFile;
  /** Long imports report how far they are (the command-line import draws a progress bar). */
  onProgress?: (p: UploadProgress) => void;
}

/** A key unit a report is uploaded for, and which of its kinds (code → Chinese label) the caller may upload. */
export interface UnitUploadTarget {
  unitId: string;
  jurisdictionCode: string;
  kinds: Readonly<Record<string, string>>;
  allowed: readonly string[];
  withSamples: readonly string[];
}

export interface UploadResult {
  id: string;
  kind: ReportKind;
  sha256: string;
  fileName: string;
  pages: number;
  sampleCount: number;
  screening?: ScreeningResult;
  /** GB 36600 Table 1 items a preliminary investigation's samples miss (Chinese names); submission needs them or a reason. */
  missingRequiredItems?: string[];
}

/** Third-party reports and sample data: who may upload what, checked by content, stored immutably. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly plots: PlotsRepository,
    private readonly reports: ReportsRepository,
    private readonly screening: ScreeningService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly credit: CreditRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /**
   * Whether the caller may upload to this plot at all — asked before any of the
   * body is read, so that a refusal costs nothing whatever the size: the holder
   * for its own organisation's plots, a consultant where it holds a commission;
   * nobody else. Which kinds each may upload is checked once the kind is known.
   */
  async assertMayUploadTo(me: Principal, plotId: string): Promise<PlotRow> {
    const plot = await this.plots.findVisible(me, plotId);
    if (!plot) throw new NotFoundError('地块不存在或无权查看');
    if (answersFor(plot, me.organisationId)) {
      // The holder, or whoever carries its duties after 收回 or 转让, or the responsible party (土壤法 arts. 45–47, 68).
    } else if (me.role === 'holder') {
      throw new ForbiddenError('只能为本单位承担义务的地块提交材料');
    } else if (me.role === 'consultant') {
      const commissions = await this.plots.commissions(plot.id);
      if (!commissions.some((c) => c.organisationId === me.organisationId)) throw new ForbiddenError('贵单位未受委托承担本地块的工作，不能上传报告');
    } else if (me.role === 'eeb') {
      // The district records the decisions of bodies outside the system, with their scans (DESIGN §1.1).
      if (plot.jurisdictionCode !== me.jurisdictionCode) throw new ForbiddenError('只有地块所在地生态环境部门可以上传决定文书扫描件和监测报告');
    } else {
      throw new ForbiddenError('只有土地使用权人（或承担其义务的单位）、受委托的第三方机构和所在地生态环境部门可以上传材料');
    }
    return plot;
  }

  async upload(me: Principal, plotId: string, input: UploadInput): Promise<UploadResult> {
    try {
      return await this.store(me, plotId, input);
    } finally {
      await discardStaged(input.file, input.samples);
    }
  }

  private async store(me: Principal, plotId: string, input: UploadInput): Promise<UploadResult> {
    const plot = await this.assertMayUploadTo(me, plotId);
    const kind = parseKind(input.kind);
    await this.assertMayUploadKind(me, plot, kind);
    await this.assertNotBanned(me);
    const file = await this.checkFile(input.file);
    const conclusion = await parseConclusion(kind, input.conclusion);
    const samples = await this.parseSamples(kind, input.samples, input.onProgress);
    await this.checkEvidence(plot, kind, conclusion, samples);
    const screening = samples ? this.screening.screen(samples, plot.plannedLandClass, plot) : undefined;
    const missing = missingRequiredItems(kind, samples, this.screening.standard);
    const blob = { sha256: file.staged.sha256, size: file.staged.size };
    const fileName = reportFileNames(kind, blob.sha256).utf8;
    const id = await this.reports.transaction(async (em) => {
      // The file in the report row's transaction: with the PostgreSQL store both commit or neither.
      await this.blobs.adopt(file.staged, em);
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
    return {
      id, kind, sha256: blob.sha256, fileName, pages: file.pages, sampleCount: samples?.length ?? 0, screening,
      ...(kind === 'preliminary_investigation' && samples ? { missingRequiredItems: missing } : {}),
    };
  }

  /**
   * A key unit's report (土壤法第二十一条第二款, 第五款; 第二十二条第二款): the same file, conclusion and sample checks
   * as a plot's, of the kinds `target.kinds` allows the caller; its samples are screened as 第二类用地 (GB 36600-2018:
   * the land of an operating industrial enterprise), so a 数据异常 is known when it is filed (第二十一条第四款).
   */
  async uploadForUnit(me: Principal, target: UnitUploadTarget, input: UploadInput): Promise<UploadResult> {
    try {
      const kind = input.kind;
      if (!kind || !Object.hasOwn(target.kinds, kind)) {
        throw new ValidationFailedError([{ field: 'kind', message: `报告类型必须是${Object.values(target.kinds).join('、')}之一` }]);
      }
      if (!target.allowed.includes(kind)) throw new ForbiddenError(`${target.kinds[kind]}不由贵单位报送`);
      const file = await this.checkFile(input.file);
      const conclusion = await parseConclusion('monitoring', input.conclusion);
      if (input.samples && !target.withSamples.includes(kind)) {
        throw new ValidationFailedError([{ field: 'samples', message: `${target.kinds[kind]}不附样品数据` }]);
      }
      const samples = await this.parseSamples('monitoring', input.samples, input.onProgress);
      const screening = samples ? this.screening.screen(samples, 2, { jurisdictionCode: target.jurisdictionCode }) : undefined;
      const blob = { sha256: file.staged.sha256, size: file.staged.size };
      const fileName = digestFileName(target.kinds[kind], blob.sha256);
      const id = await this.reports.transaction(async (em) => {
        await this.blobs.adopt(file.staged, em);
        const reportId = await this.reports.insert(em, {
          plotId: null, unitId: target.unitId, kind, authorOrganisationId: me.organisationId, uploadedBy: me.userId,
          fileSha256: blob.sha256, fileSize: blob.size, fileName, pages: file.pages, conclusion,
          sampleCount: samples?.length ?? 0, screening: screening ?? null,
        });
        if (samples) await this.reports.insertSamples(em, reportId, { unitId: target.unitId }, samples);
        return reportId;
      });
      return { id, kind: kind as ReportKind, sha256: blob.sha256, fileName, pages: file.pages, sampleCount: samples?.length ?? 0, screening };
    } finally {
      await discardStaged(input.file, input.samples);
    }
  }

  /**
   * The rules of evidence at upload (issue 17): a report only in a stage that expects it (409);
   * a risk assessment's targets name known analytes (400) and it cannot find the risk acceptable
   * above an intervention value of the plot's reviewed samples (422); an effect evaluation cannot
   * claim the targets achieved while one of its own samples exceeds its target (422).
   */
  private async checkEvidence(plot: PlotRow, kind: ReportKind, conclusion: Record<string, unknown>, samples: SampleRow[] | undefined) {
    assertStageExpects(plot.state, kind);
    if (kind === 'risk_assessment') {
      resolveTargets(conclusion, this.screening.analytes);
      if (conclusion.riskAcceptable === true) assertRiskAcceptableAllowed(conclusion, (await this.screening.screenPlot(plot)).analytes);
    }
    if (kind === 'effect_evaluation' && conclusion.targetsAchieved === true && samples?.length) {
      // v2 names the approved reports; a plot still on v1 keeps no such list, and its last risk assessment set the targets.
      const context = (plot.snapshot as { context?: { approvedReportIds?: unknown } } | undefined)?.context;
      const reportIds = Array.isArray(context?.approvedReportIds) ? decidingReportsOf(plot.state, context) : null;
      const targets = (await this.reports.targetsOf(plot.id, reportIds)) as RemediationTarget[];
      assertTargetsAchieved(conclusion, samples, targets);
    }
  }

  async list(me: Principal, plotId: string): Promise<ReportRow[]> {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    // Reports stored before names were built by the server still carry the client's name.
    return (await this.reports.listForPlot(plotId)).map((r) => ({ ...r, fileName: reportFileNames(r.kind, r.fileSha256).utf8 }));
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

  /** Which kinds an admitted caller (assertMayUploadTo) may upload (README, Evidence and screening). */
  private async assertMayUploadKind(me: Principal, plot: PlotRow, kind: ReportKind) {
    const label = REPORT_KIND_LABELS[kind];
    if (me.role === 'holder' || (answersFor(plot, me.organisationId) && HOLDER_KINDS.includes(kind))) {
      if (!HOLDER_KINDS.includes(kind)) throw new ForbiddenError(`${label}须由受委托的第三方机构上传`);
      return;
    }
    if (me.role === 'eeb') {
      if (!BUREAU_KINDS.includes(kind)) throw new ForbiddenError(`生态环境部门只能上传决定文书扫描件和本部门的监测报告，${label}须由其编制单位上传`);
      return;
    }
    const commissions = await this.plots.commissions(plot.id);
    if (!commissions.some((c) => c.organisationId === me.organisationId && KINDS_BY_WORK[c.work].includes(kind))) {
      throw new ForbiddenError(`贵单位未受委托承担本地块的${label}相关工作，不能上传该报告`);
    }
  }

  /** 土壤法第九十条: a firm banned from the business files no report while its ban lasts. */
  private async assertNotBanned(me: Principal) {
    if (me.organisationKind !== 'consultant') return;
    const ban = await this.reports.transaction((em) => banInForce(this.credit, em, me.organisationId, this.clock.today()));
    if (ban) throw new GuardRefusedError('consultantNotBanned', banReason(ban));
  }

  private async checkFile(file: StagedFile | undefined) {
    if (!file) throw new ValidationFailedError([{ field: 'file', message: '缺少报告文件（PDF）' }]);
    const check = await checkPdfFile(file.path);
    if (!check.ok) {
      const message = {
        activeContent: `报告文件含有可自动执行或隐藏的内容，为保护审查人员的计算机，不予接收：${check.reason}。请导出不含脚本、附件和自动动作的 PDF 后重新上传`,
        tooComplex: `报告文件未能通过检查：${check.reason}`,
        notPdf: `报告文件不是有效的 PDF：${check.reason}`,
      }[check.problem];
      throw new UnsupportedMediaTypeError(message, 'file');
    }
    return { staged: file, pages: check.pages };
  }

  private async parseSamples(
    kind: ReportKind,
    file: StagedFile | undefined,
    onProgress?: (p: UploadProgress) => void,
  ): Promise<SampleRow[] | undefined> {
    if (!file) return undefined;
    if (!KINDS_WITH_SAMPLES.includes(kind)) {
      throw new ValidationFailedError([{ field: 'samples', message: `${REPORT_KIND_LABELS[kind]}不附样品数据` }]);
    }
    // CSV or .xlsx by content (an .xlsx is a zip); either is read back as a stream, never whole.
    const format = await sampleFileFormat(file.path);
    const total = onProgress && format === 'csv' ? (await countLines(file.path)) - 1 : 0;
    const result = await parseSampleFile(file.path, this.screening.analytes, {
      onProgress: onProgress && ((rows, fraction) => onProgress({ phase: 'parse', rows, total, fraction })),
    }, format);
    if (!result.ok) {
      const errors = result.errors.map((e) => ({ field: 'samples', line: e.line, column: e.column, header: e.header, message: e.message }));
      throw new ValidationFailedError(errors as FieldError[], `样品数据有 ${errors.length} 处错误，未导入任何数据`);
    }
    return result.rows;
  }
}

/** A report's download names: the kind's Chinese label for people, its code where only ASCII is read. */
export function reportFileNames(kind: ReportKind, sha256: string): { utf8: string; ascii: string } {
  return { utf8: digestFileName(REPORT_KIND_LABELS[kind], sha256), ascii: digestFileName(kind, sha256) };
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return last === 0x0a ? n : n + 1;
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
    const problem = jsonShapeProblem(text);
    if (problem) {
      throw new ValidationFailedError([{ field: 'conclusion', message: `结论：${problem}` }]);
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

/**
 * Whether an organisation answers for the plot's holder duties: the holder itself, or the organisation that carries
 * them after 收回 or 转让 or as the responsible party (plot-lifecycle v2's `parties`; 土壤法 arts. 45–47, 68).
 */
function answersFor(plot: PlotRow, organisationId: string): boolean {
  if (plot.holderOrganisationId === organisationId) return true;
  const parties = (plot.snapshot as { context?: { parties?: { investigationDuty?: string; controlDuty?: string } } })?.context?.parties;
  return parties?.investigationDuty === organisationId || parties?.controlDuty === organisationId;
}
