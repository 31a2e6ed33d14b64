import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WarningInput } from '../../workflows/monitoring-warning/v1/context';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import type { StartPlan, WorkflowAdapter } from '../engine/workflow-entity';
import { WARNING_EVENT_DTOS } from './dto/warning-events.dto';
import { addDays, monitoringReference } from './monitoring-reference';
import { MonitoringRepository, type PointRow, type WarningRow } from './monitoring.repository';

/** What raises one warning: the point, the analyte, the rule and the result, as the campaign upload found them. */
export interface WarningRaise {
  point: PointRow;
  cas: string;
  analyte: string;
  rule: 'aboveScreening' | 'risingTrend';
  factor: number | null;
  resultId: string;
  /** the point's last values of the analyte, oldest first (the rising-trend rule's facts) */
  risingValues: number[];
  consecutiveExceedances: number;
}

/** How the transition engine reads and writes monitoring warnings (workflows/monitoring-warning/v1). */
@Injectable()
export class WarningWorkflowAdapter implements WorkflowAdapter<WarningRow, WarningRaise> {
  readonly entityType = 'warning' as const;
  readonly machineName = 'monitoring-warning' as const;
  readonly eventDtos = WARNING_EVENT_DTOS;
  readonly notFoundMessage = '监测预警不存在或无权查看';
  // Every event is tried with a stand-in note or reason, so that its other guards (measures recorded, a lasting
  // exceedance, what the point watches) decide whether the console offers it.
  readonly probes: Record<string, Record<string, unknown>> = {
    VERIFY_START: { note: '核实' }, CONFIRM: { note: '确认' }, DISMISS: { reason: '误报' }, RECORD_MEASURES: { note: '措施' },
    PROPOSE_INVESTIGATION: { note: '建议' }, PROPOSE_HIDDEN_DANGER_INSPECTION: { note: '建议' }, CLOSE: { reason: '关闭' },
  };

  constructor(private readonly monitoring: MonitoringRepository, @Inject(CLOCK) private readonly clock: AppClock) {}

  async prepareStart(em: EntityManager, me: Principal, id: string, r: WarningRaise): Promise<StartPlan> {
    const today = this.clock.today();
    const ref = monitoringReference();
    const input: WarningInput = {
      warningId: id, pointId: r.point.id, pointCode: r.point.code, jurisdiction: r.point.jurisdictionCode, cas: r.cas, analyte: r.analyte,
      rule: r.rule, factor: r.factor, raisedOn: today, plotId: r.point.plotId, unitId: r.point.unitId,
      consecutiveExceedances: r.consecutiveExceedances, lastingCampaigns: ref.lastingExceedanceCampaigns,
      verifyDueOn: addDays(today, ref.handling.verifyWithinDays),
    };
    return {
      plotId: null,
      input: input as unknown as Record<string, unknown>,
      scopeFacts: { holderOrganisationId: r.point.responsibleOrganisationId, jurisdiction: r.point.jurisdictionCode, assignedConsultants: [] },
      guardFacts: { rule: r.rule, factor: r.factor, risingValues: r.risingValues },
      payload: { pointId: r.point.id, pointCode: r.point.code, cas: r.cas, analyte: r.analyte, rule: r.rule, factor: r.factor, resultId: r.resultId },
      insert: (first) =>
        this.monitoring.insertWarning(em, {
          id, pointId: r.point.id, cas: r.cas, analyte: r.analyte, factor: r.factor, resultId: r.resultId, rule: r.rule,
          jurisdiction: r.point.jurisdictionCode, ...first, createdBy: me.userId,
        }),
    };
  }

  load(em: EntityManager, me: Principal, id: string, lock: boolean) {
    return this.monitoring.findWarning(me, id, { em, lock });
  }

  async scopeFacts(_em: EntityManager, row: WarningRow) {
    return { holderOrganisationId: '', jurisdiction: row.jurisdictionCode, assignedConsultants: [] };
  }

  /** Today in China; a confirmation's handling deadline (reference/monitoring.json handling.handleWithinDays). */
  async enrich(_em: EntityManager, _row: WarningRow, type: string) {
    const today = this.clock.today();
    const facts: Record<string, unknown> = { today };
    if (type === 'CONFIRM') facts.handleDueOn = addDays(today, monitoringReference().handling.handleWithinDays);
    return facts;
  }

  filings() {
    return [];
  }
}
