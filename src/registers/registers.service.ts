import { Injectable } from '@nestjs/common';
import { addCalendarMonths, plotStateLabel, type LandClass } from '../../workflows';
import { DecisionConfig } from '../decisions/decision-config';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { DocumentsRepository } from '../documents/documents.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { ScreeningService } from '../screening/screening.service';
import { checkLandUse, loadLandUseTable, parseUse } from './land-use';
import { loadPriorityModel } from './priority-model';
import { byPriority, registerEntries, type RegisterEntry } from './register-entries';
import { RegistersRepository } from './registers.repository';

/** The most plots the aftercare watch list returns in one answer. */
const AFTERCARE_PAGE = 500;

/** The part of the register a caller reads: the administrator all, a bureau its jurisdiction's subtree (DESIGN §1.1), others none. */
function registerScope(me: Principal): { jurisdictions: string[] | null; within: string | null } {
  if (me.role === 'admin') return { jurisdictions: null, within: null };
  return me.jurisdictionCode ? { jurisdictions: null, within: me.jurisdictionCode } : { jurisdictions: [], within: null };
}

/** The registers (README, Registers), the land-use check, and what of them the public reads. */
@Injectable()
export class RegistersService {
  private readonly model = loadPriorityModel();
  private readonly landUses = loadLandUseTable();

  constructor(
    private readonly registers: RegistersRepository,
    private readonly screening: ScreeningService,
    private readonly plots: PlotsRepository,
    private readonly documents: DocumentsRepository,
    private readonly decisions: DecisionConfig,
  ) {}

  /** 建设用地土壤污染风险管控和修复名录: bureaus their jurisdiction's subtree, admin all. */
  async listed(me: Principal): Promise<{ items: RegisterEntry[]; total: number }> {
    const items = await this.entries(registerScope(me));
    items.sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || (a.listedAt ?? '').localeCompare(b.listedAt ?? '') || a.code.localeCompare(b.code));
    return { items, total: items.length };
  }

  /** 优先控制名录: ranked by the land bureau's rank, then by the model's score. */
  async priority(me: Principal) {
    const items = (await this.entries(registerScope(me))).sort(byPriority);
    return { items: items.map((e, i) => ({ position: i + 1, ...e })), total: items.length, model: this.model };
  }

  /** 后期管理 watch list (土壤法第四十二条): the caller's subtree (an administrator's: all), at most 500 plots, overdue first. */
  async aftercare(me: Principal) {
    const within = me.role === 'admin' ? null : me.jurisdictionCode;
    if (me.role !== 'admin' && within === null) return { items: [], total: 0 };
    const items = await this.registers.aftercare(within, AFTERCARE_PAGE);
    return { items: items.map((r) => ({ ...r, stateLabel: plotStateLabel(r.state) })), total: items.length, truncated: items.length === AFTERCARE_PAGE };
  }

  async landUseCheck(me: Principal, plotId: string, use: string) {
    const requested = parseUse(this.landUses, use);
    if (!requested) {
      const known = this.landUses.uses.map((u) => u.name).join('、');
      throw new ValidationFailedError([{ field: 'use', message: `未知的用途“${use}”：应为 GB 50137 用地名称（${known}）、用地类别 1 或 2，或“风险管控和修复工程”` }]);
    }
    const plot = await this.plots.findVisible(me, plotId);
    if (!plot) throw new NotFoundError('地块不存在或无权查看');
    const context = (plot.snapshot as { context: Record<string, unknown> }).context;
    const verdict = checkLandUse(this.landUses, { state: plot.state, plannedLandClass: Number(plot.plannedLandClass) as LandClass, context }, requested);
    return {
      ...verdict,
      plot: { id: plot.id, code: plot.code, name: plot.name, state: plot.state, stateLabel: plotStateLabel(plot.state) },
      use: requested.kind === 'use' ? { name: requested.use.name, code: requested.use.code, landClass: requested.use.class } : requested.kind === 'class' ? { landClass: requested.landClass } : { name: requested.name },
    };
  }

  /**
   * The register as the public reads it, of all jurisdictions or one: no
   * internal ids, no people, no case files. Ordered by jurisdiction, then by
   * priority within it; a page computes only the jurisdictions it shows
   * (ranks are per jurisdiction), so a province-wide register stays cheap.
   */
  async publicRegister(jurisdiction: string | null = null, page = 1, pageSize = 100) {
    const counts = await this.registers.listedCounts(jurisdiction);
    const total = counts.reduce((sum, c) => sum + c.n, 0);
    const from = (page - 1) * pageSize;
    const shown: string[] = [];
    let before = 0;
    let skipped = 0;
    for (const c of counts) {
      if (before + c.n > from && before < from + pageSize) shown.push(c.code);
      else if (before + c.n <= from) skipped += c.n;
      before += c.n;
    }
    const entries = shown.length ? await this.entries({ jurisdictions: shown, within: null }) : [];
    const items = entries
      .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || byPriority(a, b))
      .slice(from - skipped, from - skipped + pageSize);
    return {
      items: items.map((e) => ({
        code: e.code,
        name: e.name,
        jurisdiction: e.jurisdiction,
        jurisdictionName: e.jurisdictionName,
        state: e.state,
        stateLabel: e.stateLabel,
        stage: e.stage,
        stageLabel: e.stageLabel,
        pollutants: e.pollutants,
        rank: e.rank,
        negativeList: e.negativeList,
        listedAt: e.listedAt,
      })),
      total,
      page,
      pageSize,
    };
  }

  /** Published notices (名录公告, 施工公告牌, 移出名录决定 …): the documents marked published. */
  async publicNotices() {
    const rows = await this.documents.published(1000);
    return {
      items: rows.map((r) => ({
        number: r.number,
        kind: r.kind,
        variant: r.variant ?? null,
        title: r.title,
        plotCode: r.plotCode ?? null,
        plotName: r.plotName ?? null,
        issuer: r.issuer,
        issuedAt: new Date(r.issuedAt).toISOString(),
        digest: r.digest,
        verifyUrl: `/public/verify/${String(r.digest)}`,
      })),
    };
  }

  /**
   * 公示: the effect-evaluation reports in their public period (at least the configured months, 42号令) and the
   * removal decisions in their publicity, with the day each period ends.
   */
  async publicPeriods(today: string) {
    const months = this.decisions.limit('effectEvaluationPublicMonths').value;
    const items = (await this.registers.inPublicPeriod())
      .map((r) => ({ ...r, until: r.kind === 'effectEvaluation' && r.since ? addCalendarMonths(r.since, months) : r.until }))
      .filter((r) => r.kind === 'removalPublicity' || (r.until !== null && r.until >= today))
      .map((r) => ({ ...r, label: r.kind === 'effectEvaluation' ? '效果评估报告公开' : '移出名录决定公示' }));
    return { today, items };
  }

  /** Every listed plot of the scope, scored and ranked within each jurisdiction. */
  private async entries(scope: { jurisdictions: string[] | null; within: string | null }): Promise<RegisterEntry[]> {
    const rows = await this.registers.listed(scope.jurisdictions, scope.within);
    return registerEntries(rows, await this.screening.exceedances(rows), this.model);
  }
}
