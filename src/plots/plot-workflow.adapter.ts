import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { workForState } from '../../workflows';
import type { Principal } from '../auth/principal';
import { PLOT_EVENT_DTOS } from '../engine/dto/plot-events.dto';
import type { WorkflowAdapter, WorkflowRow } from '../engine/workflow-entity';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { ScreeningService } from '../screening/screening.service';
import { plotFilings } from './plot-filings';
import { PlotsRepository, type PlotRow } from './plots.repository';

type PlotWorkflowRow = PlotRow & WorkflowRow;

const REPORT_EVENTS = new Set(['SUBMIT_REPORT', 'FILE_CONTROL_PLAN', 'FILE_REMEDIATION_PLAN', 'SUBMIT_MONITORING_REPORT']);

/** How the transition engine reads and writes plots. */
@Injectable()
export class PlotWorkflowAdapter implements WorkflowAdapter<PlotWorkflowRow> {
  readonly entityType = 'plot' as const;
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
    private readonly screening: ScreeningService,
    private readonly deadlines: DeadlinesService,
  ) {}

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
      const [org] = await em.query(`SELECT kind FROM organisations WHERE id = $1 AND NOT disabled`, [payload.orgId]);
      return { organisationKind: org?.kind ?? 'unknown' };
    }
    if (REPORT_EVENTS.has(type)) return { report: await this.reportFacts(em, String(payload.reportId)) };
    if (type === 'APPROVE') return this.reviewFacts(em, row, context);
    if (type === 'START_WORKS') {
      const contractor = (payload.noticeBoard as { contractorOrganisationId?: string } | undefined)?.contractorOrganisationId;
      const [org] = await em.query(`SELECT 1 FROM organisations WHERE id = $1 AND NOT disabled`, [contractor]);
      return { contractorExists: Boolean(org) };
    }
    if (type === 'COMPLETE_WORKS') {
      const [r] = await em.query(
        `SELECT count(*)::int AS n FROM transports WHERE plot_id = $1 AND state NOT IN ('closed', 'cancelled')`,
        [row.id],
      );
      return { openTransports: r.n };
    }
    return {};
  }

  stepDeadlines(row: PlotWorkflowRow, event: Record<string, unknown>, step: { from: string; to: string }) {
    // Entering and leaving states opens and closes deadlines (DESIGN §2.4).
    return this.deadlines.forPlotStep(row.id, step, event);
  }

  /** ASSIGN_CONSULTANT is the only writer of the commission table, inside the transition's transaction. */
  async afterTransition(em: EntityManager, row: PlotWorkflowRow, event: Record<string, unknown>, me: Principal) {
    if (event.type !== 'ASSIGN_CONSULTANT') return;
    await em.query(
      `INSERT INTO plot_commissions (plot_id, work, organisation_id, assigned_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plot_id, work) DO UPDATE SET organisation_id = EXCLUDED.organisation_id,
         assigned_by = EXCLUDED.assigned_by, assigned_at = now()`,
      [row.id, event.work, event.orgId, me.userId],
    );
  }

  filings(type: string, from: string, to: string) {
    return plotFilings(type, from, to);
  }

  private async reportFacts(em: EntityManager, reportId: string) {
    const [r] = await em.query(
      `SELECT id, kind, plot_id AS "plotId", author_organisation_id AS "authorOrganisationId",
              (sample_count > 0 AND screening IS NOT NULL) AS "hasScreenedSamples"
         FROM reports WHERE id = $1`,
      [reportId],
    );
    return r ?? null;
  }

  /** The screening verdict for the preliminary review, and the structured conclusion of the report under review. */
  private async reviewFacts(em: EntityManager, row: PlotWorkflowRow, context: Record<string, unknown>) {
    const facts: Record<string, unknown> = {};
    if (row.state === 'investigation.preliminary.underReview') {
      facts.screeningVerdict = (await this.screening.screenPlot(row, em)).verdict;
    }
    if (typeof context.currentReportId === 'string') {
      const [r] = await em.query(`SELECT conclusion FROM reports WHERE id = $1`, [context.currentReportId]);
      if (r) facts.conclusion = r.conclusion;
    }
    return facts;
  }
}
