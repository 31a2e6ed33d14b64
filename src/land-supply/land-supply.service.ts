import { Injectable } from '@nestjs/common';
import { plotStateLabel, type LandClass } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ValidationFailedError } from '../common/errors';
import { Transactions } from '../database/transactions';
import type { GeoJsonPolygon } from '../evidence/geojson';
import { checkBoundary } from '../geometry/polygon-check';
import { bboxOf, overlapAreaM2, OVERLAP_TOLERANCE_M2 } from '../map/plot-geometry';
import { KeyUnitsRepository } from '../key-units/key-units.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { matchingPlots } from '../proposals/plot-matching';
import { ProposalsRepository, type ProposalRow } from '../proposals/proposals.repository';
import { ProposalsService } from '../proposals/proposals.service';
import { checkLandUse, loadLandUseTable, parseUse } from '../registers/land-use';
import { stateLabel as keyUnitStateLabel } from '../../workflows/key-unit/v1/labels';
import type { LandSupplyCheckDto } from './dto/land-supply-check.dto';
import { summarise } from './land-supply-verdict';

/** Open proposals read for one parcel: a parcel is a few hectares, a district's open proposals of it a handful. */
const PROPOSAL_LIMIT = 50;

/**
 * 供地核查 (issue 18): before the land bureau supplies a parcel or changes its use — the plots of the caller's subtree
 * the parcel is (same code or a shared area), each with its stage and the land-use check's verdict for the intended
 * use (src/registers/land-use.ts, as GET /land-use-check), the suspected plots still proposed on it, and one line.
 */
@Injectable()
export class LandSupplyService {
  private readonly landUses = loadLandUseTable();

  constructor(
    private readonly transactions: Transactions,
    private readonly plots: PlotsRepository,
    private readonly proposals: ProposalsRepository,
    private readonly proposalsService: ProposalsService,
    private readonly keyUnits: KeyUnitsRepository,
  ) {}

  async check(me: Principal, dto: LandSupplyCheckDto) {
    const boundary = dto.boundary ? checkBoundary(dto.boundary as unknown as GeoJsonPolygon, undefined, 'boundary').polygon : null;
    const code = dto.parcelCode ?? null;
    if (!code && !boundary) throw new ValidationFailedError([{ field: 'parcelCode', message: '请填写宗地编码或宗地边界（至少一项）' }]);
    const requested = parseUse(this.landUses, dto.intendedUse);
    if (!requested) {
      const known = this.landUses.uses.map((u) => u.name).join('、');
      throw new ValidationFailedError([{ field: 'intendedUse', message: `未知的用途“${dto.intendedUse}”：应为 GB 50137 用地名称（${known}）、用地类别 1 或 2，或“风险管控和修复工程”` }]);
    }
    const em = this.transactions.outside;
    const matches = (await matchingPlots(this.plots, em, me, { code, boundary })).filter((m) => m.visible);
    const plots = [];
    for (const m of matches) {
      const row = await this.plots.findVisible(me, m.id, { em });
      if (!row) continue;
      const context = (row.snapshot as { context: Record<string, unknown> }).context;
      const verdict = checkLandUse(this.landUses, { state: row.state, plannedLandClass: Number(row.plannedLandClass) as LandClass, context }, requested);
      plots.push({
        plot: { id: row.id, code: row.code, name: row.name, jurisdictionCode: row.jurisdictionCode },
        matchedBy: m.by, overlapM2: m.overlapM2, state: row.state, stage: plotStateLabel(row.state), verdict,
      });
    }
    const proposals = await this.openProposals(me, code, boundary);
    const units = boundary ? await this.keyUnitSites(me, boundary) : [];
    // A unit whose site is already a plot is judged by that plot; the others' land is to be investigated first (第六十七条).
    const summary = summarise(this.proposalsService.ref, plots, proposals.length, units.filter((u) => !u.sitePlotId && u.state !== 'removed').length);
    return {
      summary,
      plots,
      proposals: proposals.map((p) => ({
        id: p.id, name: p.name, parcelCode: p.parcelCode, reason: p.reason,
        reasonLabel: this.proposalsService.ref.reasons[p.reason].label, listId: p.listId, statusLabel: '待确认',
      })),
      keyUnits: units.map((u) => ({ id: u.id, name: u.name, creditCode: u.creditCode, stateLabel: keyUnitStateLabel(u.state), sitePlotId: u.sitePlotId, overlapM2: u.overlapM2 })),
      use: requested.kind === 'use' ? { name: requested.use.name, code: requested.use.code, landClass: requested.use.class } : requested.kind === 'class' ? { landClass: requested.landClass } : { name: requested.name },
    };
  }

  /** Key units of the caller's view whose site shares area with the parcel (土壤法第六十七条). */
  private async keyUnitSites(me: Principal, boundary: GeoJsonPolygon) {
    const found = [];
    for (const u of await this.keyUnits.sitesMeeting(this.transactions.outside, bboxOf(boundary), me)) {
      const shared = overlapAreaM2(boundary, u.siteBoundary);
      if (shared > OVERLAP_TOLERANCE_M2) found.push({ ...u, overlapM2: Math.round(shared * 10) / 10 });
    }
    return found;
  }

  /** Proposals still open on the parcel: the same code, or a boundary sharing area with it. */
  private async openProposals(me: Principal, code: string | null, boundary: GeoJsonPolygon | null): Promise<ProposalRow[]> {
    const em = this.transactions.outside;
    const found = new Map<string, ProposalRow>();
    if (code) for (const p of await this.proposals.openByParcel(em, code, me, PROPOSAL_LIMIT)) found.set(p.id, p);
    if (boundary) {
      for (const p of await this.proposals.openMeeting(em, bboxOf(boundary), me, PROPOSAL_LIMIT)) {
        if (p.boundary && overlapAreaM2(boundary, p.boundary) > OVERLAP_TOLERANCE_M2) found.set(p.id, p);
      }
    }
    return [...found.values()];
  }
}
