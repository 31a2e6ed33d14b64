import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { checkCreditCode } from '../common/credit-code';
import { ConflictError, ForbiddenError, NotFoundError, UnsupportedMediaTypeError, ValidationFailedError } from '../common/errors';
import { flattenValidationErrors } from '../common/validation';
import { checkPdfFile } from '../evidence/pdf-check-thread';
import { BLOB_STORE, type BlobStore } from '../reports/blob-store';
import { discardStaged, type StagedFile } from '../reports/upload-staging';
import { emptyFigures, figuresByFirm, reviewRounds } from './credit-figures';
import { CreditRepository } from './credit.repository';
import { CreditCodeDto, RecordFindingDto } from './dto/credit.dto';
import { findingView, firmView, type FirmView } from './credit-view';

/** Credit records of third-party firms (上政文〔2017〕147号 三（六）3): figures from the audit trail, findings by the bureaus. */
@Injectable()
export class CreditService {
  constructor(
    private readonly credit: CreditRepository,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** A firm's public page: its figures and the findings against it. */
  async firm(id: string) {
    const firm = await this.credit.firm(id);
    if (!firm) throw new NotFoundError('第三方机构不存在');
    const figures = figuresByFirm(reviewRounds(await this.credit.reviewEventsOfFirm(id))).get(id) ?? emptyFigures();
    const findings = await this.credit.findingsOf(id);
    return firmView(firm, figures, findings, this.clock.today());
  }

  /** Every consultant firm with its figures, ranked by first-pass rate (then by rounds decided), paged. */
  async ranking(page: number, pageSize: number) {
    const all = await this.allFirms();
    all.sort(byFirstPassRate);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((v, i) => ({ rank: (page - 1) * pageSize + i + 1, ...v }));
    return { items, total: all.length, page, pageSize };
  }

  /** The export for the public credit platforms: keyed by 统一社会信用代码 (GB 32100-2015); firms without a valid code apart. */
  async exportRecords() {
    const all = await this.allFirms();
    const records: FirmView[] = [];
    const withoutValidCode: Array<{ id: string; name: string; creditCode: string | null; reason: string }> = [];
    for (const f of all) {
      const verdict = checkCreditCode(f.creditCode);
      if (verdict.valid) records.push(f);
      else withoutValidCode.push({ id: f.id, name: f.name, creditCode: f.creditCode, reason: f.creditCode ? verdict.reason : '未登记统一社会信用代码' });
    }
    records.sort((a, b) => (a.creditCode! < b.creditCode! ? -1 : 1));
    return { generatedOn: this.clock.today(), standard: 'GB 32100-2015', records, withoutValidCode };
  }

  private async allFirms(): Promise<FirmView[]> {
    const [firms, events] = await Promise.all([this.credit.firms(), this.credit.reviewEventsOfConsultants()]);
    const figures = figuresByFirm(reviewRounds(events));
    const findings = groupBy(await this.credit.findingsOfFirms(firms.map((f) => f.id)), (f) => f.organisationId);
    const today = this.clock.today();
    return firms.map((f) => firmView(f, figures.get(f.id) ?? emptyFigures(), findings.get(f.id) ?? [], today));
  }

  /** 土壤法第九十条: a bureau records a finding against a firm with its decision document (PDF). */
  async recordFinding(me: Principal, body: Record<string, unknown>, file: StagedFile | undefined) {
    try {
      if (me.role !== 'eeb') throw new ForbiddenError('只有生态环境主管部门可以记录失信认定');
      const dto = await validated(RecordFindingDto, body);
      this.checkDates(dto);
      const firm = await this.credit.firm(dto.organisationId);
      if (!firm) throw new ValidationFailedError([{ field: 'organisationId', message: '所选单位不是已登记的第三方机构' }]);
      if (!file) throw new ValidationFailedError([{ field: 'file', message: '请上传决定书扫描件（PDF）' }]);
      const check = await checkPdfFile(file.path);
      if (!check.ok) throw new UnsupportedMediaTypeError(`决定书文件不是可接收的 PDF：${check.reason}`, 'file');
      const blob = await this.blobs.adopt(file);
      const id = await this.credit.transaction((em) =>
        this.credit.insertFinding(em, {
          organisationId: firm.id, finding: dto.finding, summary: dto.summary.trim(), plotId: dto.plotId ?? null,
          decisionNumber: dto.decisionNumber.trim(), decisionDate: dto.decisionDate, decisionSha256: blob.sha256,
          decisionSize: blob.size, decisionPages: check.pages, penaltyYuan: dto.penaltyYuan ?? null,
          banStartsOn: dto.banStartsOn ?? null, banEndsOn: dto.banEndsOn ?? null, issuerOrgId: me.organisationId, recordedBy: me.userId,
        }),
      );
      if (!id) throw new ConflictError(`本部门已记录文号为“${dto.decisionNumber.trim()}”的决定`);
      const saved = (await this.credit.findingsOf(firm.id)).find((f) => f.id === id)!;
      return findingView(saved, this.clock.today());
    } finally {
      await discardStaged(file);
    }
  }

  private checkDates(dto: RecordFindingDto) {
    const today = this.clock.today();
    const errors = [];
    if (!isRealDate(dto.decisionDate)) errors.push({ field: 'decisionDate', message: '决定日期不是有效日期' });
    else if (dto.decisionDate > today) errors.push({ field: 'decisionDate', message: '决定日期不能晚于今天' });
    if ((dto.banStartsOn === undefined) !== (dto.banEndsOn === undefined)) {
      errors.push({ field: 'banEndsOn', message: '禁止从业须同时填写起止日期' });
    } else if (dto.banStartsOn && dto.banEndsOn) {
      if (!isRealDate(dto.banStartsOn) || !isRealDate(dto.banEndsOn)) errors.push({ field: 'banStartsOn', message: '禁止从业期限不是有效日期' });
      else if (dto.banEndsOn < dto.banStartsOn) errors.push({ field: 'banEndsOn', message: '禁止从业截止日期不能早于起始日期' });
      else if (dto.banStartsOn < dto.decisionDate) errors.push({ field: 'banStartsOn', message: '禁止从业不能早于决定日期开始' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }

  /** An administrator registers a firm's 统一社会信用代码, checked per GB 32100-2015. */
  async setCreditCode(me: Principal, id: string, body: unknown) {
    if (me.role !== 'admin') throw new ForbiddenError('只有系统管理员可以登记统一社会信用代码');
    const dto = await validated(CreditCodeDto, body);
    return this.credit.transaction(async (em) => {
      const holder = await this.credit.creditCodeHolder(em, dto.creditCode);
      if (holder && holder !== id) throw new ConflictError('该统一社会信用代码已登记给另一单位');
      if (!(await this.credit.setCreditCode(em, id, dto.creditCode))) throw new NotFoundError('第三方机构不存在');
      return { id, creditCode: dto.creditCode };
    });
  }
}

function byFirstPassRate(a: FirmView, b: FirmView): number {
  const ra = a.figures.firstPassRate ?? -1;
  const rb = b.figures.firstPassRate ?? -1;
  if (ra !== rb) return rb - ra;
  if (a.figures.decided !== b.figures.decided) return b.figures.decided - a.figures.decided;
  return a.name.localeCompare(b.name, 'zh');
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

async function validated<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationFailedError([{ field: 'body', message: '请求内容必须是表单或 JSON 对象' }]);
  const instance = plainToInstance(cls, { ...(body as object) });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new ValidationFailedError(flattenValidationErrors(errors));
  return instance;
}

