import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { workForState } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ValidationFailedError } from '../common/errors';
import { PLOT_EVENT_DTOS } from '../engine/dto/plot-events.dto';
import type { StartPlan, WorkflowAdapter, WorkflowRow } from '../engine/workflow-entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DirectoryRepository } from '../organisations/directory.repository';
import { ReportsRepository } from '../reports/reports.repository';
import { ScreeningService } from '../screening/screening.service';
import { TransportsRepository } from '../transports/transports.repository';
import type { CreatePlotDto } from './dto/create-plot.dto';
import { plotFilings } from './plot-filings';
import { PlotsRepository, type PlotRow } from './plots.repository';

type PlotWorkflowRow = PlotRow & WorkflowRow;

/** A registration (POST /plots): the request, and its boundary as checked (a GeoJSON Polygon, or undefined). */
export interface PlotRegistration {
  dto: CreatePlotDto;
  boundary: unknown;
}

const REPORT_EVENTS = new Set(['SUBMIT_REPORT', 'FILE_CONTROL_PLAN', 'FILE_REMEDIATION_PLAN', 'SUBMIT_MONITORING_REPORT']);

/** How the transition engine reads and writes plots. */
@Injectable()
export class PlotWorkflowAdapter implements WorkflowAdapter<PlotWorkflowRow, PlotRegistration> {
  readonly entityType = 'plot' as const;
  readonly machineName = 'plot-lifecycle' as const;
  readonly eventDtos = PLOT_EVENT_DTOS;
  readonly notFoundMessage = '地块不存在或无权查看';
  readonly probes: Record<string, Record<string, unknown>> = {
    START_INVESTIGATION: {},
    APPROVE: { opinion: '同意' },
    RETURN: { reason: '退回' },
    ACKNOWLEDGE_FILING: {},
    COMPLETE_WORKS: {},
    REQUEST_EFFECT_EVALUATION: {},
    APPLY_REMOVAL: {},
  };

  constructor(
    private readonly plots: PlotsRepository,
    private readonly directory: DirectoryRepository,
    private readonly reports: ReportsRepository,
    private readonly transports: TransportsRepository,
    private readonly screening: ScreeningService,
    private readonly deadlines: DeadlinesService,
  ) {}

  /** D1: the holder organisation and the jurisdiction the request names must exist; absent planned use is first class. */
  async prepareStart(em: EntityManager, me: Principal, id: string, { dto, boundary }: PlotRegistration): Promise<StartPlan> {
    if ((await this.directory.enabledOrganisationKind(dto.holderOrganisationId, em)) !== 'holder') {
      throw new ValidationFailedError([{ field: 'holderOrganisationId', message: '土地使用权人机构不存在或不是土地使用权人' }]);
    }
    if (!(await this.directory.jurisdictionEnabled(dto.jurisdiction, em))) {
      throw new ValidationFailedError([{ field: 'jurisdiction', message: `行政区划 ${dto.jurisdiction} 不存在` }]);
    }
    const plannedLandClass = dto.plannedLandClass ?? 1;
    const { holderOrganisationId, jurisdiction } = dto;
    return {
      plotId: id,
      input: { plotId: id, plannedLandClass, holderOrganisationId, jurisdiction },
      scopeFacts: { holderOrganisationId, jurisdiction, assignedConsultants: [] },
      guardFacts: {},
      payload: { ...dto, plannedLandClass },
      insert: (first) =>
        this.plots.insert(em, {
          id, code: dto.code, name: dto.name, address: dto.address, jurisdictionCode: jurisdiction, areaM2: dto.areaM2, boundary,
          formerIndustry: dto.formerIndustry, currentUse: dto.currentUse, plannedUse: dto.plannedUse, plannedLandClass,
          holderOrganisationId, ...first, createdBy: me.userId,
        }),
    };
  }

  /** Locked for the step, or read again after it with what the answer shows (commissions, open deadlines). */
  async load(em: EntityManager, me: Principal, id: string, lock: boolean) {
    const row = await this.plots.findVisible(me, id, lock ? { em, lock } : { em, withView: true });
    return row ? { ...row, plotId: row.id } : undefined;
  }

  /** Commissions are read from the statechart's context: the commission table is written from it in the same transaction. */
  async scopeFacts(_em: EntityManager, row: PlotWorkflowRow, state: string) {
    const consultants = ((row.snapshot as { context?: { consultants?: Record<string, string> } }).context?.consultants ?? {});
    const work = workForState(state);
    const assigned = Object.entries(consultants).filter(([w]) => work === null || w === work).map(([, org]) => org);
    return { holderOrganisationId: row.holderOrganisationId, jurisdiction: row.jurisdictionCode, assignedConsultants: assigned };
  }

  async enrich(em: EntityManager, row: PlotWorkflowRow, type: string, payload: Record<string, unknown>, context: Record<string, unknown>) {
    if (type === 'ASSIGN_CONSULTANT') {
      return { organisationKind: (await this.directory.enabledOrganisationKind(payload.orgId, em)) ?? 'unknown' };
    }
    if (REPORT_EVENTS.has(type)) return { report: await this.reports.guardFacts(String(payload.reportId), em) };
    if (type === 'APPROVE') return this.reviewFacts(em, row, context);
    if (type === 'START_WORKS') {
      const contractor = (payload.noticeBoard as { contractorOrganisationId?: string } | undefined)?.contractorOrganisationId;
      return { contractorExists: (await this.directory.enabledOrganisationKind(contractor, em)) !== undefined };
    }
    if (type === 'COMPLETE_WORKS') return { openTransports: await this.transports.countOpen(row.id, em) };
    return {};
  }

  stepDeadlines(row: PlotWorkflowRow, event: Record<string, unknown>, step: { from: string; to: string }) {
    // Entering and leaving states opens and closes deadlines (README, Deadlines).
    return this.deadlines.forPlotStep(row.id, step, event);
  }

  /** ASSIGN_CONSULTANT is the only writer of the commission table, inside the transition's transaction. */
  async afterTransition(em: EntityManager, row: PlotWorkflowRow, event: Record<string, unknown>, me: Principal) {
    if (event.type !== 'ASSIGN_CONSULTANT') return;
    await this.plots.saveCommission(em, { plotId: row.id, work: event.work as string, organisationId: event.orgId as string, assignedBy: me.userId });
  }

  filings(type: string, from: string, to: string) {
    return plotFilings(type, from, to);
  }

  /** The screening verdict for the preliminary review, and the structured conclusion of the report under review. */
  private async reviewFacts(em: EntityManager, row: PlotWorkflowRow, context: Record<string, unknown>) {
    const facts: Record<string, unknown> = {};
    if (row.state === 'investigation.preliminary.underReview') {
      facts.screeningVerdict = (await this.screening.screenPlot(row, em)).verdict;
    }
    if (typeof context.currentReportId === 'string') {
      const conclusion = await this.reports.conclusionOf(context.currentReportId, em);
      if (conclusion !== undefined) facts.conclusion = conclusion;
    }
    return facts;
  }
}
