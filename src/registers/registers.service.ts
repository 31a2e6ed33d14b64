import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { plotStateLabel } from '../../workflows';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { PlotsRepository } from '../plots/plots.repository';
import { ScreeningService } from '../screening/screening.service';
import { checkLandUse, loadLandUseTable, parseUse } from './land-use';
import { loadPriorityModel } from './priority-model';
import { byPriority, registerEntries, type RegisterEntry, type RegisterRow } from './register-entries';

const REGISTER_COLUMNS = `p.id, p.code, p.name, p.address, p.jurisdiction_code AS jurisdiction, j.name AS "jurisdictionName",
  p.area_m2::float8 AS "areaM2", p.planned_land_class AS "plannedLandClass", o.name AS "holderOrganisationName", p.state,
  p.snapshot->'context' AS context,
  (SELECT r.conclusion->'pollutants' FROM reports r WHERE r.plot_id = p.id AND r.kind = 'risk_assessment'
    ORDER BY r.created_at DESC LIMIT 1) AS "assessedPollutants",
  (SELECT max(a.at) FROM audit_log a WHERE a.entity_type = 'plot' AND a.entity_id = p.id AND a.to_state LIKE 'listed.%'
    AND (a.from_state IS NULL OR a.from_state NOT LIKE 'listed.%')) AS "listedAt"`;
/** On the register: a listed sub-state (the stage column serves the plots_stage_idx index). */
const LISTED = `p.stage = 'listed' AND p.state LIKE 'listed.%'`;
const REGISTER_FROM = `plots p JOIN jurisdictions j ON j.code = p.jurisdiction_code JOIN organisations o ON o.id = p.holder_organisation_id`;

/** The jurisdictions of the register a caller reads: the administrator all (null), a bureau its own. */
function registerScope(me: Principal): string[] | null {
  if (me.role === 'admin') return null;
  return me.jurisdictionCode ? [me.jurisdictionCode] : [];
}

/** The registers (DESIGN §5), the land-use check, and what of them the public reads. */
@Injectable()
export class RegistersService {
  private readonly model = loadPriorityModel();
  private readonly landUses = loadLandUseTable();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly screening: ScreeningService,
    private readonly plots: PlotsRepository,
  ) {}

  /** 建设用地土壤污染风险管控和修复名录: bureaus their jurisdiction, admin all. */
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

  async landUseCheck(me: Principal, plotId: string, use: string) {
    const requested = parseUse(this.landUses, use);
    if (!requested) {
      const known = this.landUses.uses.map((u) => u.name).join('、');
      throw new ValidationFailedError([{ field: 'use', message: `未知的用途“${use}”：应为 GB 50137 用地名称（${known}）、用地类别 1 或 2，或“风险管控和修复工程”` }]);
    }
    const plot = await this.plots.findVisible(me, plotId);
    if (!plot) throw new NotFoundError('地块不存在或无权查看');
    const context = (plot.snapshot as { context: Record<string, unknown> }).context;
    const verdict = checkLandUse(this.landUses, { state: plot.state, plannedLandClass: Number(plot.plannedLandClass) as 1 | 2, context }, requested);
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
    const counts: Array<{ code: string; n: number }> = await this.ds.query(
      `SELECT p.jurisdiction_code AS code, count(*)::int AS n FROM plots p
        WHERE ${LISTED} AND ($1::varchar IS NULL OR p.jurisdiction_code = $1)
        GROUP BY p.jurisdiction_code ORDER BY p.jurisdiction_code`,
      [jurisdiction],
    );
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
    const entries = shown.length ? await this.entries(shown) : [];
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
    const rows = await this.ds.query(
      `SELECT d.number, d.kind, d.variant, d.title, p.code AS "plotCode", p.name AS "plotName", d.issued_at AS "issuedAt",
              d.digest, o.name AS issuer
         FROM documents d LEFT JOIN plots p ON p.id = d.plot_id JOIN organisations o ON o.id = d.issuer_org_id
        WHERE d.published ORDER BY d.issued_at DESC, d.number LIMIT 1000`,
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        number: r.number,
        kind: r.kind,
        variant: r.variant ?? null,
        title: r.title,
        plotCode: r.plotCode ?? null,
        plotName: r.plotName ?? null,
        issuer: r.issuer,
        issuedAt: new Date(r.issuedAt as string).toISOString(),
        digest: r.digest,
        verifyUrl: `/public/verify/${String(r.digest)}`,
      })),
    };
  }

  /** Every listed plot of the jurisdictions given (null: of all), scored and ranked within each jurisdiction. */
  private async entries(jurisdictions: string[] | null): Promise<RegisterEntry[]> {
    const rows: RegisterRow[] = await this.ds.query(
      `SELECT ${REGISTER_COLUMNS} FROM ${REGISTER_FROM}
        WHERE ${LISTED} AND ($1::varchar[] IS NULL OR p.jurisdiction_code = ANY ($1))
        ORDER BY p.code`,
      [jurisdictions],
    );
    return registerEntries(rows, await this.screening.exceedances(rows), this.model);
  }
}
