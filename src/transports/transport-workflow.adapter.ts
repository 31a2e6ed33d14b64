import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TransportSide } from '../../workflows';
import type { Principal } from '../auth/principal';
import { isIsoDate } from '../calendar/calendar-date';
import { countingWorkingDays } from '../calendar/calendar-errors';
import { CalendarService } from '../calendar/calendar.service';
import { AppClock, CLOCK } from '../clock/clock';
import { GuardRefusedError, NotFoundError, ValidationFailedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { StartPlan, WorkflowAdapter } from '../engine/workflow-entity';
import { DirectoryRepository } from '../organisations/directory.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { ReportsRepository } from '../reports/reports.repository';
import { TRANSPORT_EVENT_DTOS } from './dto/transport-events.dto';
import { TransportsRepository, type TransportRow } from './transports.repository';

/** How the transition engine reads and writes soil transports (污染土壤转运, docs/soil-transport.v2.md; v1 transports too). */
@Injectable()
export class TransportWorkflowAdapter implements WorkflowAdapter<TransportRow, string> {
  readonly entityType = 'transport' as const;
  readonly machineName = 'soil-transport' as const;
  readonly eventDtos = TRANSPORT_EVENT_DTOS;
  readonly notFoundMessage = '转运批次不存在或无权查看';
  // Payloads that let every guard not about client data pass, to tell whether an event may be sent now.
  readonly probes: Record<string, Record<string, unknown>> = {
    ACKNOWLEDGE: {},
    DISPATCH: { manifestNo: '-', hazardousManifestNo: '-', quantityT: 0.001 },
    RECORD_RECEIPT: { quantityT: 0 },
    COMPLETE: {},
  };

  constructor(
    private readonly transports: TransportsRepository,
    private readonly plots: PlotsRepository,
    private readonly reports: ReportsRepository,
    private readonly directory: DirectoryRepository,
    private readonly calendar: CalendarService,
    private readonly deadlines: DeadlinesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** Opens a batch of plot `plotId` (its request is the plot): judged on the plot, read under its lock. */
  async prepareStart(em: EntityManager, me: Principal, id: string, plotId: string): Promise<StartPlan> {
    // The plot's lock orders this against COMPLETE_WORKS, which counts the open transports.
    const plot = await this.plots.findVisible(me, plotId, { em, lock: true });
    if (!plot) throw new NotFoundError('地块不存在或无权查看');
    const { holderOrganisationId, jurisdictionCode: originJurisdiction } = plot;
    return {
      plotId,
      input: { transportId: id, plotId, holderOrganisationId, originJurisdiction },
      scopeFacts: { holderOrganisationId, jurisdiction: originJurisdiction, assignedConsultants: [] },
      guardFacts: { plotState: plot.state },
      payload: {},
      insert: (first) => this.transports.insert(em, { id, plotId, holderOrganisationId, originJurisdiction, ...first, createdBy: me.userId }),
    };
  }

  load(em: EntityManager, me: Principal, id: string, lock: boolean) {
    return this.transports.findVisible(me, id, { em, lock });
  }

  async scopeFacts(_em: EntityManager, row: TransportRow) {
    return {
      holderOrganisationId: row.holderOrganisationId,
      jurisdiction: row.originJurisdiction,
      assignedConsultants: [],
      destinationJurisdiction: row.destinationJurisdiction,
    };
  }

  async enrich(em: EntityManager, row: TransportRow, type: string, payload: Record<string, unknown>) {
    switch (type) {
      case 'SUBMIT':
        return this.submitFacts(em, row, payload);
      case 'ACKNOWLEDGE':
        return { sides: sidesOf(row) };
      case 'DISPATCH':
        return { today: this.clock.today(), acknowledgeBeforeDispatch: this.config.transport.acknowledgeBeforeDispatch };
      case 'RECORD_RECEIPT':
        // Only the probe lacks a report (the DTO requires one): it asks whether a batch awaits receipt.
        if (payload.receiptReportId !== undefined) await this.checkReceiptReport(em, row, String(payload.receiptReportId));
        return { tolerancePct: this.config.transport.receiptTolerancePct };
      default:
        return {};
    }
  }

  /** The destination bureau sees the transport (and its plot) once the plan names it. */
  derivedColumns(snapshot: string) {
    return `destination_jurisdiction = coalesce(${snapshot} #>> '{context,destinationJurisdiction}', destination_jurisdiction)`;
  }

  stepDeadlines(row: TransportRow, event: Record<string, unknown>, step: { from: string; to: string }) {
    return this.deadlines.forTransportStep({ id: row.id, plotId: row.plotId }, step, event);
  }

  /** D10 污染土壤转运报告, addressed to the bureaus of origin and destination. */
  filings(type: string) {
    return type === 'SUBMIT' ? [{ kind: 'D10' }] : [];
  }

  private async submitFacts(em: EntityManager, row: TransportRow, payload: Record<string, unknown>) {
    const destination = String(payload.destinationJurisdiction);
    if (!(await this.directory.jurisdictionEnabled(destination, em))) throw new ValidationFailedError([{ field: 'destinationJurisdiction', message: `行政区划 ${destination} 不存在` }]);
    if (!isIsoDate(payload.plannedStart)) {
      throw new ValidationFailedError([{ field: 'plannedStart', message: `“${String(payload.plannedStart)}”不是实际日期` }]);
    }
    const plotState = await this.plots.stateOf(row.plotId, em);
    const calendar = await this.calendar.calendar(em);
    const today = this.clock.today();
    const workingDaysUntilStart = countingWorkingDays(() => calendar.workingDaysBetween(today, String(payload.plannedStart)));
    return {
      plotState,
      leadTime: { workingDaysUntilStart, requiredWorkingDays: this.config.transport.leadWorkingDays },
    };
  }

  /** The receipt is an uploaded 转运接收证明 of this plot. */
  private async checkReceiptReport(em: EntityManager, row: TransportRow, reportId: string) {
    const r = await this.reports.guardFacts(reportId, em);
    if (!r) throw new GuardRefusedError('reportExists', '接收证明报告不存在，请先上传“转运接收证明”');
    if (r.kind !== 'transport_receipt') throw new GuardRefusedError('reportKindIs', '接收证明须是“转运接收证明”类报告');
    if (r.plotId !== row.plotId) throw new GuardRefusedError('reportBelongsToPlot', '该接收证明不属于本地块');
  }
}

/** The side(s) the reading bureau stands for: 所在地, 接收地, or both when they are the same jurisdiction. */
function sidesOf(row: TransportRow): TransportSide[] {
  const sides: TransportSide[] = [];
  if (row.viewerJurisdiction && row.viewerJurisdiction === row.originJurisdiction) sides.push('origin');
  if (row.viewerJurisdiction && row.viewerJurisdiction === row.destinationJurisdiction) sides.push('destination');
  return sides;
}
