import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { INVESTIGATED_BEFORE, type ClosureReason } from '../../workflows/key-unit/v1/context';
import { CLOSURE_REASON_LABELS } from '../../workflows/key-unit/v1/labels';
import type { Principal } from '../auth/principal';
import { GuardRefusedError } from '../common/errors';
import { TransitionService } from '../engine/transition.service';
import { validatePolygon } from '../evidence/geojson';
import type { CreatePlotDto } from '../plots/dto/create-plot.dto';
import { PlotWorkflowAdapter } from '../plots/plot-workflow.adapter';
import { industryName } from './key-unit-reference';
import { KeyUnitsRepository, type KeyUnitRow } from './key-units.repository';

/** What a plot registered from a key unit's site names of it (its registration payload's `sourceUnit`). */
export interface SourceUnit {
  unitId: string;
  name: string;
  creditCode: string;
  closureReason: ClosureReason;
  closureReasonLabel: string;
  closedOn: string;
  /** the unit's CLOSE audit row */
  closeAuditId: string;
}

/**
 * A closed key unit's site becomes a plot (issue 18, 三（四）1 历史遗留污染地块排查; 土壤法第六十七条), started through the
 * engine in the CLOSE's own transaction as the caller who closed it: a refused or failing start rolls the closure back.
 * 关闭, 搬迁, 破产 of a key-industry enterprise make it a suspected plot; 用途变更, 收回, 转让 the land of a key unit to
 * be investigated before the change (registrationReason keyUnitLand).
 */
@Injectable()
export class KeyUnitSitePlot {
  constructor(
    private readonly engine: TransitionService,
    private readonly plots: PlotWorkflowAdapter,
    private readonly units: KeyUnitsRepository,
  ) {}

  async register(em: EntityManager, me: Principal, unit: KeyUnitRow, event: Record<string, unknown>, closeAuditId: string): Promise<void> {
    const reason = event.reason as ClosureReason;
    const boundary = unit.siteBoundary ? validatePolygon(unit.siteBoundary, 'siteBoundary') : undefined;
    const polygon = boundary?.ok ? boundary.polygon : undefined;
    const areaM2 = boundary?.ok ? Math.round(boundary.areaM2Approx * 100) / 100 : unit.siteAreaM2;
    if (!areaM2) {
      throw new GuardRefusedError('siteMeasured', '本单位未登记场地边界或面积，无法将其场地登记为地块；请先由生态环境部门补充场地信息后再记录关闭');
    }
    const sourceUnit: SourceUnit = {
      unitId: unit.id, name: unit.name, creditCode: unit.creditCode, closureReason: reason,
      closureReasonLabel: CLOSURE_REASON_LABELS[reason], closedOn: String(event.on), closeAuditId,
    };
    const dto = {
      code: `KU-${unit.creditCode}`,
      name: `${unit.name}场地`,
      address: unit.address,
      jurisdiction: unit.jurisdictionCode,
      areaM2,
      formerIndustry: industryName(unit.industry),
      currentUse: `工业用地（${CLOSURE_REASON_LABELS[reason]}）`,
      plannedUse: '工业用地',
      holderOrganisationId: unit.organisationId,
      registrationReason: INVESTIGATED_BEFORE.includes(reason) ? 'keyUnitLand' : 'suspected',
      sourceUnit,
    } as CreatePlotDto & { sourceUnit: SourceUnit };
    const plotId = (await this.engine.startWithin(em, this.plots, me, { dto, boundary: polygon }, async (_em, row) => row.id)) as string;
    await this.units.setSitePlot(em, unit.id, plotId);
  }
}
