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
import { COUNT_NAMES, TallyFold, zeroCounts, type TallyCounts } from './credit-tally';
import { CreditTallyRepository, type RankedFirmRow } from './credit-tally.repository';
import { CreditRepository } from './credit.repository';
import { CreditCodeDto, RecordFindingDto } from './dto/credit.dto';
import { findingView, firmView, storedFigures, type FirmPageView, type FirmView } from './credit-view';

/** The latest returns a firm's page lists; the count covers them all. */
const RETURNS_ON_PAGE = 200;
const EXPORT_PAGE = 1000;
/** Plots read at a time by the rebuild (their review events in one query). */
const REBUILD_BATCH = 500;

/** Credit records of third-party firms (上政文〔2017〕147号 三（六）3): figures from the audit trail, findings by the bureaus. */
@Injectable()
export class CreditService {
  constructor(
    private readonly credit: CreditRepository,
    private readonly tallies: CreditTallyRepository,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** A firm's public page: its figures, each signatory's, the latest returns, and the findings against it. */
  async firm(id: string): Promise<FirmPageView> {
    const firm = await this.credit.firm(id);
    if (!firm) throw new NotFoundError('第三方机构不存在');
    const [totals, rows, returns, findings] = await Promise.all([
      this.tallies.firmTotals(id), this.tallies.ofFirm(id), this.tallies.returnsOf(id, RETURNS_ON_PAGE), this.credit.findingsOf(id),
    ]);
    const byKind: Record<string, number> = {};
    const bySignatory = new Map<string, { name: string; counts: TallyCounts; byKind: Record<string, number> }>();
    for (const r of rows) {
      byKind[r.reportKind] = (byKind[r.reportKind] ?? 0) + r.submitted;
      let s = bySignatory.get(r.signatoryUserId);
      if (!s) bySignatory.set(r.signatoryUserId, (s = { name: r.signatoryName, counts: zeroCounts(), byKind: {} }));
      for (const n of COUNT_NAMES) s.counts[n] += r[n];
      s.byKind[r.reportKind] = (s.byKind[r.reportKind] ?? 0) + r.submitted;
    }
    for (const k of Object.keys(byKind)) if (!byKind[k]) delete byKind[k];
    const view = firmView(firm, storedFigures(totals, byKind), findings, this.clock.today());
    return {
      ...view,
      figures: { ...view.figures, returns },
      signatories: [...bySignatory.values()].map((s) => ({ name: s.name, figures: storedFigures(s.counts, nonZero(s.byKind)) })),
    };
  }

  /** Every consultant firm with its figures, ranked by first-pass rate (then by rounds decided, then name), paged. */
  async ranking(page: number, pageSize: number) {
    const { total, tallied } = await this.tallies.firmCounts();
    const offset = (page - 1) * pageSize;
    const rows: Array<Pick<RankedFirmRow, 'id' | 'name' | 'creditCode'> & { counts?: TallyCounts }> = [];
    if (offset < tallied) for (const r of await this.tallies.talliedPage(pageSize, offset)) rows.push({ ...r, counts: r });
    if (rows.length < pageSize) rows.push(...(await this.tallies.untalliedPage(pageSize - rows.length, Math.max(0, offset - tallied))));
    const views = await this.views(rows);
    return { items: views.map((v, i) => ({ rank: offset + i + 1, ...v })), total, page, pageSize };
  }

  /** The export for the public credit platforms: keyed by 统一社会信用代码 (GB 32100-2015), paged; firms without a valid code apart. */
  async exportRecords(page = 1, pageSize = EXPORT_PAGE) {
    const { total } = await this.tallies.firmCounts();
    const rows = await this.tallies.exportPage(pageSize, (page - 1) * pageSize);
    const views = await this.views(rows.map((r) => ({ ...r, counts: r })));
    const records: FirmView[] = [];
    const withoutValidCode: Array<{ id: string; name: string; creditCode: string | null; reason: string }> = [];
    for (const f of views) {
      const verdict = checkCreditCode(f.creditCode);
      if (verdict.valid) records.push(f);
      else withoutValidCode.push({ id: f.id, name: f.name, creditCode: f.creditCode, reason: f.creditCode ? verdict.reason : '未登记统一社会信用代码' });
    }
    return { generatedOn: this.clock.today(), standard: 'GB 32100-2015', page, pageSize, total, records, withoutValidCode };
  }

  /** Every page of the export, for the CSV. */
  async allExportRecords(): Promise<FirmView[]> {
    const out: FirmView[] = [];
    for (let page = 1; ; page++) {
      const res = await this.exportRecords(page, EXPORT_PAGE);
      out.push(...res.records);
      if (page * EXPORT_PAGE >= res.total) return out;
    }
  }

  private async views(rows: Array<Pick<RankedFirmRow, 'id' | 'name' | 'creditCode'> & { counts?: TallyCounts }>): Promise<FirmView[]> {
    const ids = rows.map((r) => r.id);
    const [kinds, findingRows] = await Promise.all([this.tallies.kindsOf(ids), this.credit.findingsOfFirms(ids)]);
    const byKind = new Map<string, Record<string, number>>();
    for (const k of kinds) if (k.submitted) (byKind.get(k.organisationId) ?? byKind.set(k.organisationId, {}).get(k.organisationId)!)[k.reportKind] = k.submitted;
    const findings = groupBy(findingRows, (f) => f.organisationId);
    const today = this.clock.today();
    return rows.map((r) => firmView(r, storedFigures(r.counts, byKind.get(r.id) ?? {}), findings.get(r.id) ?? [], today));
  }

  /**
   * An administrator recomputes the stored figures from the audit trail (after an upgrade, or to check them): one
   * transaction that holds the tally tables against the events' own writes, plot batch by plot batch.
   */
  async rebuildTallies(me: Principal) {
    if (me.role !== 'admin') throw new ForbiddenError('只有系统管理员可以重算诚信档案统计');
    return this.tallies.transaction(async (em) => {
      await this.tallies.lockAndClear(em);
      const fold = new TallyFold();
      let after: string | null = null;
      let plots = 0;
      let events = 0;
      for (;;) {
        const upTo: string | null = await this.tallies.plotBatchEnd(em, after, REBUILD_BATCH);
        if (!upTo) break;
        for (const e of await this.tallies.reviewEventsBetween(em, after, upTo)) {
          fold.add(e);
          events++;
        }
        plots += fold.rounds.size;
        await this.tallies.insertRounds(em, [...fold.rounds]);
        await this.tallies.insertReturns(em, fold.returns);
        fold.rounds.clear();
        fold.returns.length = 0;
        after = upTo;
      }
      await this.tallies.insertTallies(em, [...fold.counts.values()]);
      return { reviewEvents: events, plotsWithRounds: plots, tallies: fold.counts.size };
    });
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
      // The decision's scan is written in the finding's own transaction (with files in PostgreSQL, neither without the other).
      const id = await this.credit.transaction(async (em) => {
        const blob = await this.blobs.adopt(file, em);
        const inserted = await this.credit.insertFinding(em, {
          organisationId: firm.id, finding: dto.finding, summary: dto.summary.trim(), plotId: dto.plotId ?? null,
          decisionNumber: dto.decisionNumber.trim(), decisionDate: dto.decisionDate, decisionSha256: blob.sha256,
          decisionSize: blob.size, decisionPages: check.pages, penaltyYuan: dto.penaltyYuan ?? null,
          banStartsOn: dto.banStartsOn ?? null, banEndsOn: dto.banEndsOn ?? null, issuerOrgId: me.organisationId, recordedBy: me.userId,
        });
        // A number already recorded: the transaction (and the scan written in it) rolls back.
        if (!inserted) throw new ConflictError(`本部门已记录文号为“${dto.decisionNumber.trim()}”的决定`);
        return inserted;
      });
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

function nonZero(byKind: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byKind).filter(([, n]) => n > 0));
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

