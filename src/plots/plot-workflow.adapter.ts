import { tallyReviewStep } from '../credit/credit-tally';
import { CreditRepository } from '../credit/credit.repository';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DECISION_STEP_ORDER, decisionStepOf, reviewStepOf, workForState, type DecidingBody } from '../../workflows';
import { levelOf } from '../common/jurisdiction';
import { AppClock, CLOCK } from '../clock/clock';
import { CalendarService } from '../calendar/calendar.service';
import { DecisionConfig } from '../decisions/decision-config';
import { PLOT_EVENT_DTOS_V2 } from '../engine/dto/plot-events-v2.dto';
import type { Principal } from '../auth/principal';
import { ValidationFailedError } from '../common/errors';
import type { StartPlan, Step, WorkflowAdapter, WorkflowRow } from '../engine/workflow-entity';
import { landClassOfPlannedUse, plannedUseOf } from './dto/planned-use';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DirectoryRepository } from '../organisations/directory.repository';
import { ReportsRepository } from '../reports/reports.repository';
import { ScreeningService } from '../screening/screening.service';
import { TransportsRepository } from '../transports/transports.repository';
import type { CreatePlotDto } from './dto/create-plot.dto';
import { plotFilings } from './plot-filings';
import { PlotGuardFacts } from './plot-guard-facts';
import { PlotsRepository, type PlotPartyRelation, type PlotRow } from './plots.repository';

type PlotWorkflowRow = PlotRow & WorkflowRow;


const contextOf = (row: PlotWorkflowRow) => ((row.snapshot as { context?: Record<string, unknown> }).context ?? {});

/** A registration (POST /plots): the request, and its boundary as checked (a GeoJSON Polygon, or undefined). */
export interface PlotRegistration {
  dto: CreatePlotDto;
  boundary: unknown;
}

const PANEL_EVENTS = new Set(['FORM_PANEL', 'RECORD_EXPERT_OPINION', 'CONCLUDE_PANEL', 'SUBMIT_REVISION', 'ACCEPT_REVISION']);

interface RoundFacts {
  forwarded?: unknown;
  panel?: { conclusion: string | null } | null;
  revision?: unknown;
}

/** Where in a review round each panel step belongs (环办土壤〔2019〕63号): the panel first, its opinions, its conclusion, the revision. */
const ROUND_STEP_OPEN: Record<string, (r: RoundFacts) => boolean> = {
  FORM_PANEL: (r) => !r.panel,
  RECORD_EXPERT_OPINION: (r) => Boolean(r.panel) && r.panel!.conclusion === null,
  CONCLUDE_PANEL: (r) => Boolean(r.panel) && r.panel!.conclusion === null,
  SUBMIT_REVISION: (r) => r.panel?.conclusion === 'passWithRevisions' && !r.revision,
};

/** How the transition engine reads and writes plots. */
@Injectable()
export class PlotWorkflowAdapter implements WorkflowAdapter<PlotWorkflowRow, PlotRegistration> {
  readonly entityType = 'plot' as const;
  readonly machineName = 'plot-lifecycle' as const;
  readonly eventDtos = PLOT_EVENT_DTOS_V2;
  readonly notFoundMessage = '地块不存在或无权查看';
  readonly probes: Record<string, Record<string, unknown>> = {
    START_INVESTIGATION: {},
    APPROVE: { opinion: '同意' },
    RETURN: { reason: '退回' },
    ACKNOWLEDGE_FILING: {},
    COMPLETE_WORKS: {},
    REQUEST_EFFECT_EVALUATION: {},
    APPLY_REMOVAL: {},
    FORWARD: {},
    ACCEPT_REVISION: {},
    END_PUBLICITY: {},
  };

  /** What each event's guards read, loaded in the step's transaction. */
  private readonly facts: PlotGuardFacts;

  constructor(
    private readonly plots: PlotsRepository,
    private readonly directory: DirectoryRepository,
    private readonly reports: ReportsRepository,
    private readonly transports: TransportsRepository,
    private readonly screening: ScreeningService,
    private readonly deadlines: DeadlinesService,
    private readonly decisions: DecisionConfig,
    private readonly calendar: CalendarService,
    @Inject(CLOCK) private readonly clock: AppClock,
    private readonly credit: CreditRepository,
  ) {
    this.facts = new PlotGuardFacts(directory, reports, transports, screening, decisions, calendar, clock, credit);
  }

  /** D1: the holder organisation and the jurisdiction the request names must exist; absent planned use is first class. */
  async prepareStart(em: EntityManager, me: Principal, id: string, { dto, boundary }: PlotRegistration): Promise<StartPlan> {
    if ((await this.directory.enabledOrganisationKind(dto.holderOrganisationId, em)) !== 'holder') {
      throw new ValidationFailedError([{ field: 'holderOrganisationId', message: '土地使用权人机构不存在或不是土地使用权人' }]);
    }
    if (!(await this.directory.jurisdictionEnabled(dto.jurisdiction, em))) {
      throw new ValidationFailedError([{ field: 'jurisdiction', message: `行政区划 ${dto.jurisdiction} 不存在` }]);
    }
    // A plot lies in a district or county: its own bureaus follow it, those above decide what the law gives them.
    if (levelOf(dto.jurisdiction) !== 'district') {
      throw new ValidationFailedError([{ field: 'jurisdiction', message: `地块须登记在区（县）级行政区划，${dto.jurisdiction} 是省级或市级行政区划` }]);
    }
    // The class follows the planned use (validated against it in CreatePlotDto).
    const plannedLandClass = landClassOfPlannedUse(dto.plannedUse);
    const { holderOrganisationId, jurisdiction } = dto;
    const registrationReason = dto.registrationReason ?? 'suspected';
    return {
      plotId: id,
      input: { plotId: id, plannedLandClass, holderOrganisationId, jurisdiction, registrationReason },
      scopeFacts: { holderOrganisationId, jurisdiction, assignedConsultants: [] },
      guardFacts: {},
      payload: { ...dto, plannedLandClass, registrationReason },
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
    const context = contextOf(row);
    const consultants = (context.consultants ?? {}) as Record<string, string>;
    const work = workForState(state);
    const assigned = Object.entries(consultants).filter(([w]) => work === null || w === work).map(([, org]) => org);
    const experts = ((context.review as { panel?: { experts?: { userId: string | null }[] } | null } | undefined)?.panel?.experts ?? []);
    return {
      holderOrganisationId: row.holderOrganisationId,
      jurisdiction: row.jurisdictionCode,
      assignedConsultants: assigned,
      decidingFor: (type: string) => this.decidingBody(type, state, row.jurisdictionCode),
      panelUserIds: experts.map((e) => e.userId).filter((id): id is string => typeof id === 'string'),
      dutyBearerFor: () => dutyBearer(context, state, row.holderOrganisationId),
    };
  }

  /**
   * Whether an allowed event is worth offering now: the panel's events only where the step asks for an expert review
   * decided in this system, and above the district once the district forwarded the report. (Their other conditions
   * depend on the payload and are the guards'.)
   */
  offered(type: string, state: string, jurisdiction: string, context: Record<string, unknown>): boolean {
    if (!PANEL_EVENTS.has(type)) return true;
    const body = this.decidingBody(type, state, jurisdiction);
    if (body === null || !body.expertReview || body.mode !== 'inSystem') return false;
    const review = (context.review ?? {}) as RoundFacts;
    // A body above the district reviews what the district forwarded (报送).
    if (body.level !== 'district' && !review.forwarded) return false;
    return ROUND_STEP_OPEN[type]?.(review) ?? true;
  }

  /** Which body decides each step of this plot, for the plot page (DESIGN §1.1), and which step is under way. */
  async decisionSteps(em: EntityManager, state: string, jurisdiction: string, bureausRead?: PlotRow['bureaus']) {
    const current = reviewStepOf(state);
    const bodies = DECISION_STEP_ORDER.map((step) => this.decisions.decidingBody(step, jurisdiction));
    // Read with the plot (its district's, city's and province's bureaus hold every deciding body), or here.
    const bureaus = bureausRead ?? (await this.directory.bureausIn([...new Set(bodies.map((b) => b.jurisdiction))], em));
    const nameOf = (kind: string, code: string) => bureaus.find((b) => b.kind === kind && b.jurisdictionCode === code)?.name ?? null;
    return DECISION_STEP_ORDER.map((step, i) => {
      const config = this.decisions.step(step);
      const body = bodies[i];
      return {
        step,
        label: config.label,
        level: body.level,
        jurisdiction: body.jurisdiction,
        bureaus: body.bureaus,
        /** the deciding bureaus' names, as registered (null where none is) */
        organisations: body.bureaus.map((b) => nameOf(b, body.jurisdiction)),
        mode: body.mode,
        expertReview: body.expertReview,
        reviewWorkingDays: config.reviewWorkingDays,
        basis: config.basis,
        current: step === current,
      };
    });
  }

  /** The body that decides the step of an event in a state for this plot (reference/decision-steps.json), or null. */
  decidingBody(type: string, state: string, jurisdiction: string): DecidingBody | null {
    const step = decisionStepOf(type, state);
    return step === null ? null : this.decisions.decidingBody(step, jurisdiction);
  }

  /** The facts every event's guards may read (v2): today in China, the law's time limits, the step's deciding body. */
  async enrich(em: EntityManager, row: PlotWorkflowRow, type: string, payload: Record<string, unknown>, context: Record<string, unknown>) {
    const today = this.clock.today();
    const deciding = this.decidingBody(type, row.state, row.jurisdictionCode);
    const limit = (name: Parameters<DecisionConfig['limit']>[0]) => this.decisions.limit(name);
    const common = {
      today,
      limits: {
        investigationNoticeMonths: limit('investigationNoticeMonths').value,
        effectEvaluationPublicMonths: limit('effectEvaluationPublicMonths').value,
        controlMonitoringReportsMin: limit('controlMonitoringReportsMin').value,
        basis: {
          investigationNoticeMonths: limit('investigationNoticeMonths').basis,
          effectEvaluationPublicMonths: limit('effectEvaluationPublicMonths').basis,
          panelMinExperts: limit('panelMinExperts').basis,
          controlMonitoringReportsMin: limit('controlMonitoringReportsMin').basis,
        },
      },
      ...(deciding ? { deciding } : {}),
    };
    return { ...common, ...(await this.facts.of({ em, row, type, payload, context, today })) };
  }




  stepDeadlines(row: PlotWorkflowRow, event: Record<string, unknown>, step: { from: string; to: string }) {
    // Entering and leaving states opens and closes deadlines (README, Deadlines).
    return this.deadlines.forPlotStep(row.id, step, event);
  }

  /**
   * ASSIGN_CONSULTANT is the only writer of the commission table, FORM_PANEL of the panel members, inside the
   * transition's transaction.
   */
  async afterTransition(em: EntityManager, row: PlotWorkflowRow, event: Record<string, unknown>, me: Principal, step: Pick<Step, 'auditId'>) {
    // 诚信档案 (上政文〔2017〕147号 三（六）3): the firm's stored figures move with the review event's audit row.
    await tallyReviewStep(this.credit.tallies, em, row.id, event.type, step.auditId);
    if (event.type === 'ASSIGN_CONSULTANT') {
      await this.plots.saveCommission(em, { plotId: row.id, work: event.work as string, organisationId: event.orgId as string, assignedBy: me.userId });
    }
    if (event.type === 'FORM_PANEL') {
      const users = ((event.experts ?? []) as { userId?: string }[]).map((e) => e.userId).filter((id): id is string => typeof id === 'string');
      await this.plots.savePanelMembers(em, row.id, users, step.auditId);
    }
    // Who answers for the plot (土壤法 arts. 45–47, 68): the holder column follows 收回 and 转让; former holders, the
    // responsible party and whoever carries a duty keep seeing the plot.
    const parties = partiesNamedBy(event, row.holderOrganisationId);
    if (parties.length > 0) await this.plots.saveParties(em, row.id, parties, step.auditId);
    if (event.type === 'TAKE_BACK' || event.type === 'TRANSFER') {
      const holder = String(event.type === 'TAKE_BACK' ? event.organiserOrganisationId : event.transfereeOrganisationId);
      await this.plots.setHolder(em, row.id, holder);
      // The plot's open transports go with it, as new ones are opened by its holder: the former holder can no longer
      // file on them (土壤法第六十八条: after 收回 the organiser carries the work on).
      await this.transports.moveOpen(em, row.id, holder);
    }
    if (event.type === 'REOPEN' && event.reason === 'useChange' && typeof event.plannedUse === 'string' && (event.plannedLandClass === 1 || event.plannedLandClass === 2)) {
      await this.plots.setPlannedUse(em, row.id, plannedUseOf(event.plannedUse)?.name ?? event.plannedUse, event.plannedLandClass);
    }
  }



  filings(type: string, from: string, to: string) {
    return plotFilings(type, from, to);
  }

}

/** The part of the procedure whose holder duties an event in this state belongs to: investigation, or control. */
function dutyBearer(context: Record<string, unknown>, state: string, holder: string): string {
  const parties = context.parties as { investigationDuty?: string; controlDuty?: string } | undefined;
  const control = state === 'listed' || state.startsWith('listed.') || state === 'released';
  return (control ? parties?.controlDuty : parties?.investigationDuty) ?? holder;
}

/** The organisations an event of part 2 names, with their relation to the plot (written to plot_parties). */
function partiesNamedBy(event: Record<string, unknown>, holderBefore: string): Array<{ organisationId: string; relation: PlotPartyRelation }> {
  const out: Array<{ organisationId: string; relation: PlotPartyRelation }> = [];
  const add = (id: unknown, relation: PlotPartyRelation) => {
    if (typeof id === 'string') out.push({ organisationId: id, relation });
  };
  if (event.type === 'TAKE_BACK') {
    add(holderBefore, event.formerHolderResponsible === true ? 'responsible' : 'formerHolder');
    add(holderBefore, 'formerHolder');
  }
  if (event.type === 'TRANSFER') {
    add(holderBefore, 'formerHolder');
    add(event.agreedResponsibleOrganisationId, 'dutyBearer');
  }
  if (event.type === 'RECORD_RESPONSIBLE_PARTY') {
    if (event.status === 'identified') add(event.organisationId, 'responsible');
    if (event.status === 'extinct') add(event.organiserOrganisationId, 'dutyBearer');
  }
  return out;
}


