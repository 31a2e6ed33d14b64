import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { stateLabel } from '../../workflows/key-unit/v1/labels';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { DEADLINE_LABELS, type DeadlineKind } from '../deadlines/deadline-rules';
import { UnitDeadlinesRepository } from '../deadlines/unit-deadlines.repository';
import { UNIT_DEADLINE_KIND } from './key-unit-duties';
import { KeyUnitsRepository } from './key-units.repository';

export interface KeyUnitTask {
  kind: 'key_unit';
  id: string;
  plotId: null;
  code: string;
  name: string;
  /** what is overdue, in words: 上街区某碳素有限公司：报送有毒有害物质排放情况年度报告（2026-03-31 到期）已逾期 */
  title: string;
  state: string;
  stateLabel: string;
  events: string[];
  overdue: boolean;
  dueDate: string | null;
  deadlines: Array<{ kind: DeadlineKind; label: string; dueDate: string; status: 'overdue' }>;
  /** a demolition seen without a filed plan, not yet cured by a plan filed since */
  violation?: { observedOn: string; note: string };
}

const UNIT_OWN: DeadlineKind[] = [UNIT_DEADLINE_KIND.selfMonitoring, UNIT_DEADLINE_KIND.hiddenDangerInspection, UNIT_DEADLINE_KIND.toxicDischarge];
const BUREAU: DeadlineKind[] = [...UNIT_OWN, UNIT_DEADLINE_KIND.bureauMonitoring];

/**
 * The overdue duties of key units on the to-do list (上政文〔2017〕147号 三（二）1; 土壤法第二十一条): the district
 * environment bureau sees those of its district's units, its own monitoring included; the unit its own reports.
 */
@Injectable()
export class KeyUnitTasks {
  constructor(
    private readonly deadlines: UnitDeadlinesRepository,
    private readonly units: KeyUnitsRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /**
   * The district environment bureau's follow-up of demolitions seen without a filed 土壤污染防治工作方案 (土壤法第二十二条
   * 第二款; issue 18): each stays on its to-do until the unit files a plan on or after the day it was seen.
   */
  async violations(em: EntityManager, me: Principal, limit: number): Promise<KeyUnitTask[]> {
    if (me.role !== 'eeb' || !me.jurisdictionCode) return [];
    const params: unknown[] = [me.jurisdictionCode];
    const rows = await this.units.uncuredViolations(em, 'k.jurisdiction_code = $1', params, limit);
    return rows.map((r) => ({
      kind: 'key_unit',
      id: r.unitId,
      plotId: null,
      code: r.creditCode,
      name: r.name,
      title: `${r.name}：${r.observedOn} 发现未备案土壤污染防治工作方案即拆除，须责令改正并补报方案（土壤法第二十二条第二款）`,
      state: r.state,
      stateLabel: stateLabel(r.state),
      events: [],
      overdue: true,
      dueDate: null,
      deadlines: [],
      violation: { observedOn: r.observedOn, note: r.note },
    }));
  }

  async overdue(em: EntityManager, me: Principal, limit: number): Promise<KeyUnitTask[]> {
    const params: unknown[] = [];
    let visible: string;
    if (me.role === 'eeb' && me.jurisdictionCode) visible = `k.jurisdiction_code = $${params.push(me.jurisdictionCode)}`;
    else if (me.role === 'holder') visible = `k.organisation_id = $${params.push(me.organisationId)}`;
    else return [];
    const kinds = me.role === 'eeb' ? BUREAU : UNIT_OWN;
    const rows = await this.deadlines.overdueOfUnits(em, `${visible} AND k.state <> 'removed'`, params, this.clock.today(), kinds, limit);
    return rows.map((r) => ({
      kind: 'key_unit',
      id: r.unitId,
      plotId: null,
      code: r.creditCode,
      name: r.name,
      title: `${r.name}：${DEADLINE_LABELS[r.kind]}（${r.dueDate} 到期）已逾期`,
      state: r.state,
      stateLabel: stateLabel(r.state),
      events: [],
      overdue: true,
      dueDate: r.dueDate,
      deadlines: [{ kind: r.kind, label: DEADLINE_LABELS[r.kind], dueDate: r.dueDate, status: 'overdue' }],
    }));
  }
}
