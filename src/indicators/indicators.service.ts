import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { ConflictError, ForbiddenError, GuardRefusedError, NotFoundError, ValidationFailedError } from '../common/errors';
import { jurisdictionCovers, levelOf } from '../common/jurisdiction';
import { Transactions } from '../database/transactions';
import { DirectoryRepository } from '../organisations/directory.repository';
import { landClassOfPlannedUse, plannedUseOf } from '../plots/dto/planned-use';
import { IndicatorsRepository, type SafeUseBounds } from './indicators.repository';
import { computeSafeUse, loadSafeUseDefinition, type SafeUseDefinition, type SafeUseTarget } from './safe-use';
import type { RecordDevelopmentDto } from './dto/safe-use.dto';

export interface SafeUseFigures {
  numerator: number;
  denominator: number;
  rate: number | null;
  /** e.g. "71.43%", or "无" when no plot counts */
  rateText: string;
}

export interface SafeUseSummary extends SafeUseFigures {
  year: number;
  jurisdiction: { code: string; name: string };
  target: SafeUseTarget | null;
  meetsTarget: boolean | null;
  /** plots in the procedure by the year's end whose development had not begun: in neither count */
  notDeveloped: number;
  children: Array<SafeUseFigures & { code: string; name: string }>;
  basis: string;
}

export function rateText(numerator: number, denominator: number): string {
  return denominator === 0 ? '无' : `${((100 * numerator) / denominator).toFixed(2)}%`;
}

const figures = (numerator: number, denominator: number): SafeUseFigures => ({
  numerator, denominator, rate: denominator === 0 ? null : numerator / denominator, rateText: rateText(numerator, denominator),
});

/** 污染地块安全利用率 per jurisdiction and year (reference/safe-use-indicator.json), counted in SQL. */
@Injectable()
export class IndicatorsService {
  private readonly definition: SafeUseDefinition = loadSafeUseDefinition();

  constructor(
    private readonly repo: IndicatorsRepository,
    private readonly directory: DirectoryRepository,
    private readonly transactions: Transactions,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** The bureaus of the jurisdiction and of those above it (eeb, land), and administrators. */
  assertMayRead(me: Principal, code: string): void {
    if (me.role === 'admin') return;
    if ((me.role === 'eeb' || me.role === 'land') && jurisdictionCovers(me.jurisdictionCode, code)) return;
    throw new ForbiddenError('只能查看本辖区的污染地块安全利用率');
  }

  async safeUse(me: Principal, year: number, code: string, page = 1, pageSize = 50) {
    this.assertMayRead(me, code);
    // The figures and the page are independent reads: on the pool they run side by side.
    const [summary, rows] = await Promise.all([
      this.summary(year, code),
      this.repo.countedPage(this.bounds(year, code), pageSize, (page - 1) * pageSize),
    ]);
    // The reasons come from the pure definition, over this page's rows only.
    const judged = computeSafeUse(
      rows.map((r) => ({ id: r.id, enteredOn: r.enteredOn, state: r.state, plannedLandClass: r.plannedLandClass, permittedLandClass: r.permittedLandClass, developedFor: r.use, developedOn: r.beganOn })),
      { year, landClassOf: landClassOfPlannedUse, definition: this.definition },
    ).counted;
    const items = rows.map((r, i) => ({
      id: r.id, code: r.code, name: r.name, jurisdiction: r.jurisdictionCode, use: r.use, beganOn: r.beganOn,
      safe: judged[i].safe, reason: judged[i].reason, basis: judged[i].basis,
    }));
    return { ...summary, plots: { items, total: summary.denominator, page, pageSize } };
  }

  /** The figures without the plots' list: for the dashboard and D14 (the caller has checked access). */
  async summary(year: number, code: string): Promise<SafeUseSummary> {
    const j = await this.directory.findJurisdiction(code);
    if (!j) throw new ValidationFailedError([{ field: 'jurisdiction', message: `行政区划 ${code} 不存在` }]);
    const bounds = this.bounds(year, code);
    const byChild = levelOf(code) !== 'district' && code.length === 6;
    // One grouped count: a city's or province's total is the sum of its districts' or cities'.
    const [rows, entered] = await Promise.all([this.repo.counts(bounds, byChild), this.repo.entered(bounds)]);
    const children = byChild ? rows : [];
    const numerator = rows.reduce((n, r) => n + r.numerator, 0);
    const denominator = rows.reduce((n, r) => n + r.denominator, 0);
    const target = [...this.definition.targets].filter((t) => t.year <= year).sort((a, b) => b.year - a.year)[0] ?? null;
    const rate = denominator === 0 ? null : numerator / denominator;
    return {
      year,
      jurisdiction: { code: j.code, name: j.name },
      ...figures(numerator, denominator),
      target,
      meetsTarget: rate === null || target === null ? null : rate >= target.minRate,
      notDeveloped: entered - denominator,
      children: children.map((c) => ({ code: c.child!, name: c.childName ?? c.child!, ...figures(c.numerator, c.denominator) })),
      basis: this.definition.legalBasis.definition,
    };
  }

  /**
   * Records that the development of a plot began (the land or environment bureau of its jurisdiction), with the
   * plot's state and permitted land class as they stand now: the indicator judges a plot as it was then.
   */
  async recordDevelopment(me: Principal, plotId: string, dto: RecordDevelopmentDto) {
    const today = this.clock.today();
    return this.transactions.run(async (em) => {
      const plot = await this.repo.plotForDevelopment(em, plotId);
      const visible = plot && (me.role === 'eeb' || me.role === 'land') && jurisdictionCovers(me.jurisdictionCode, plot.jurisdictionCode);
      if (!visible) throw new NotFoundError('地块不存在或无权查看');
      if (plot.recorded) throw new ConflictError('该地块已登记开发利用，不重复登记');
      if (dto.beganOn > today) throw new GuardRefusedError('developmentNotInFuture', '开发利用开始日期不能晚于今天');
      if (dto.beganOn < plot.enteredOn) throw new GuardRefusedError('developmentAfterEntry', `开发利用开始日期不能早于地块纳入管理之日（${plot.enteredOn}）`);
      const use = plannedUseOf(dto.use)!;
      const permitted = plot.permitted === 1 || plot.permitted === 2 ? plot.permitted : null;
      await this.repo.insertDevelopment(em, {
        plotId, use: use.name, landClass: use.class, beganOn: dto.beganOn, stateAtStart: plot.state,
        permittedClassAtStart: permitted, recordedBy: me.userId,
        jurisdictionCode: plot.jurisdictionCode, enteredAt: plot.enteredAt, plannedLandClass: plot.planned,
      });
      return { plotId, use: use.name, landClass: use.class, beganOn: dto.beganOn, state: plot.state, permittedLandClass: permitted };
    });
  }

  private bounds(year: number, code: string): SafeUseBounds {
    return { code, lastDay: `${year}-12-31`, yearEnd: `${year + 1}-01-01T00:00:00+08:00`, concludedStates: this.definition.concludedStates };
  }
}
