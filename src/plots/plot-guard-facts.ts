import type { EntityManager } from 'typeorm';
import { addCalendarMonths, isDate, reviewStepOf } from '../../workflows';
import { fromDayNumber, toDayNumber } from '../calendar/calendar-date';
import type { CalendarService } from '../calendar/calendar.service';
import { CalendarYearMissingError } from '../calendar/working-days';
import type { AppClock } from '../clock/clock';
import { banInForce } from '../credit/credit-ban';
import type { CreditRepository } from '../credit/credit.repository';
import type { DecisionConfig } from '../decisions/decision-config';
import type { WorkflowRow } from '../engine/workflow-entity';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { ReportsRepository } from '../reports/reports.repository';
import type { ScreeningService } from '../screening/screening.service';
import type { TransportsRepository } from '../transports/transports.repository';
import { isSensitiveUse, plannedUseOf } from './dto/planned-use';
import type { PlotRow } from './plots.repository';

type PlotWorkflowRow = PlotRow & WorkflowRow;

const REPORT_EVENTS = new Set(['SUBMIT_REPORT', 'FILE_CONTROL_PLAN', 'FILE_REMEDIATION_PLAN', 'SUBMIT_MONITORING_REPORT']);

/** One event's step: the plot's row and context as loaded in the step's transaction, the event and the day. */
export interface GuardFactsStep {
  em: EntityManager;
  row: PlotWorkflowRow;
  type: string;
  payload: Record<string, unknown>;
  context: Record<string, unknown>;
  today: string;
}

/**
 * The server-held facts each event of a plot's statechart is judged on (report metadata, screening verdicts, who the
 * named organisations are, time limits counted in working days), read in the step's transaction and handed to the
 * pure guards of workflows/plot-lifecycle in the event.
 */
export class PlotGuardFacts {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly reports: ReportsRepository,
    private readonly transports: TransportsRepository,
    private readonly screening: ScreeningService,
    private readonly decisions: DecisionConfig,
    private readonly calendar: CalendarService,
    private readonly clock: AppClock,
    private readonly credit: CreditRepository,
  ) {}

  /** What the guards of one event read beyond the common facts, loaded in the step's transaction. */
  async of(step: GuardFactsStep): Promise<Record<string, unknown>> {
    const { em, row, type, payload, context, today } = step;
    if (type === 'SUBMIT_REPORT' || type === 'APPLY_REMOVAL') {
      const facts: Record<string, unknown> = type === 'SUBMIT_REPORT' ? { report: await this.reports.guardFacts(String(payload.reportId), em) } : {};
      return { ...facts, reviewDueDate: await this.reviewDueDate(em, type, row, today) };
    }
    if (type === 'SUBMIT_REVISION') return { report: await this.reports.guardFacts(String(payload.reportId), em) };
    if (type === 'FORM_PANEL') {
      const current = typeof context.currentReportId === 'string' ? await this.reports.guardFacts(context.currentReportId, em) : null;
      return {
        unknownExperts: await this.directory.unknownPanelExperts((payload.experts ?? []) as { organisationId: string; userId?: string }[], em),
        reportAuthorOrganisationId: current?.authorOrganisationId ?? null,
        minExperts: this.decisions.limit('panelMinExperts').value,
      };
    }
    if (type === 'RECORD_DECISION') {
      const facts = await this.reviewFacts(em, row, context);
      const scan = await this.reports.guardFacts(String(payload.scanReportId), em);
      const decided = isDate(payload.decisionDate) && payload.decisionDate <= today ? payload.decisionDate : today;
      return { ...facts, scan, ...this.publicityEnd(row, decided) };
    }
    if (type === 'APPROVE') return { ...(await this.reviewFacts(em, row, context)), ...this.publicityEnd(row, today) };
    const partTwo = await this.partTwoFacts(step);
    return partTwo ?? this.v1Facts(em, row, type, payload);
  }

  /** The facts of the events of part 2 of the law: who the named organisations are, the evidence of a reopening. */
  private async partTwoFacts({ em, row, type, payload, context, today }: GuardFactsStep) {
    const kind = (id: unknown) => (typeof id === 'string' ? this.directory.enabledOrganisationKind(id, em) : Promise.resolve(undefined));
    const report = (id: unknown) => (typeof id === 'string' ? this.reports.guardFacts(id, em) : Promise.resolve(null));
    switch (type) {
      case 'FILE_CONTROL_PLAN':
        return {
          report: await report(payload.reportId),
          ...(payload.implementerOrganisationId !== undefined ? { implementerRegistered: (await kind(payload.implementerOrganisationId)) !== undefined } : {}),
        };
      case 'TAKE_BACK': {
        const k = await kind(payload.organiserOrganisationId);
        const localLand = k === 'land' && (await this.directory.organisationJurisdiction(String(payload.organiserOrganisationId), em)) === row.jurisdictionCode;
        return { organiserEligible: k === 'holder' || localLand };
      }
      case 'TRANSFER': {
        const agreed = payload.agreedResponsibleOrganisationId;
        const registered = (await kind(payload.transfereeOrganisationId)) === 'holder' && (agreed === undefined || (await kind(agreed)) === 'holder');
        return { partiesRegistered: registered };
      }
      case 'RECORD_RESPONSIBLE_PARTY': {
        const named = payload.status === 'identified' ? payload.organisationId : payload.status === 'extinct' ? payload.organiserOrganisationId : undefined;
        return { organisationsRegistered: named === undefined || (await kind(named)) !== undefined };
      }
      case 'REOPEN': {
        const use = plannedUseOf(payload.plannedUse);
        const evidence = payload.reason === 'newEvidence' ? await report(payload.evidenceReportId) : null;
        const verdict = evidence && evidence.plotId === row.id ? (await this.screening.screenReport(row, evidence.id, em)).verdict : undefined;
        return {
          plannedLandClass: use?.class ?? null,
          sensitiveUse: use !== undefined && isSensitiveUse(use),
          evidence,
          ...(verdict ? { evidenceVerdict: verdict } : {}),
        };
      }
      // The deadlines of the obligations still open after the event (README, Deadlines), one per obligation.
      case 'ADD_AFTERCARE':
        return { openAftercareDueDates: [...openAftercare(context).map((o) => o.dueOn), String(payload.dueOn)] };
      case 'FULFIL_AFTERCARE':
        return {
          report: await report(payload.reportId),
          openAftercareDueDates: openAftercare(context).filter((o) => o.index !== payload.index).map((o) => o.dueOn),
        };
      case 'END_PUBLICITY':
        return { openAftercareDueDates: openAftercare(context).map((o) => o.dueOn) };
      case 'PLACE_UNDER_CONTROL_ZONE': {
        const plan = Array.isArray(payload.monitoring) ? (payload.monitoring as Array<{ intervalMonths: number }>) : [];
        const dues = plan.map((m) => addCalendarMonths(String(payload.signsPostedOn), m.intervalMonths));
        return dues.length && isDate(payload.signsPostedOn) ? { zoneNextDueOn: earliest(dues) } : {};
      }
      case 'RECORD_ZONE_MONITORING': {
        const zone = context.controlZone as { monitoring: Array<{ medium: string; intervalMonths: number; nextDueOn: string }> } | null | undefined;
        const dues = (zone?.monitoring ?? []).map((m) => (m.medium === payload.medium ? addCalendarMonths(today, m.intervalMonths) : m.nextDueOn));
        return { report: await report(payload.reportId), ...(dues.length ? { zoneNextDueOn: earliest(dues) } : {}) };
      }
      default:
        return undefined;
    }
  }

  /** The facts v1's events read (report, commissioned organisation, contractor, open transports). */
  private async v1Facts(em: EntityManager, row: PlotWorkflowRow, type: string, payload: Record<string, unknown>) {
    if (type === 'ASSIGN_CONSULTANT') {
      return {
        organisationKind: (await this.directory.enabledOrganisationKind(payload.orgId, em)) ?? 'unknown',
        ban: await banInForce(this.credit, em, payload.orgId, this.clock.today()),
      };
    }
    if (REPORT_EVENTS.has(type)) return { report: await this.reports.guardFacts(String(payload.reportId), em) };
    if (type === 'START_WORKS') {
      const contractor = (payload.noticeBoard as { contractorOrganisationId?: string } | undefined)?.contractorOrganisationId;
      return { contractorExists: (await this.directory.enabledOrganisationKind(contractor, em)) !== undefined };
    }
    if (type === 'COMPLETE_WORKS') return { openTransports: await this.transports.countOpen(row.id, em) };
    return {};
  }

  /** The review's time limit from the day it is entered (reference/decision-steps.json, working days). */
  private async reviewDueDate(em: EntityManager, type: string, row: PlotWorkflowRow, today: string): Promise<string | undefined> {
    const entering = type === 'APPLY_REMOVAL' ? 'listed.removalReview' : row.state.replace(/drafting$/, 'underReview');
    const step = reviewStepOf(entering);
    const days = step ? this.decisions.step(step).reviewWorkingDays : null;
    if (!days) return undefined;
    const calendar = await this.calendar.calendar(em);
    // The review's time limit is a reminder: without next year's holiday arrangement none is opened, none guessed.
    return calendar.hasYear(Number(today.slice(0, 4)) + 1) || calendar.hasYear(Number(today.slice(0, 4)))
      ? tryWorkingDays(() => calendar.addWorkingDays(today, days))
      : undefined;
  }

  /** The last day of a removal decision's publicity period (公示), counted in calendar days from the decision. */
  private publicityEnd(row: PlotWorkflowRow, from: string) {
    if (row.state !== 'listed.removalReview') return {};
    const days = this.decisions.limit('removalPublicityDays').value;
    return { publicityEndsOn: fromDayNumber(toDayNumber(from) + days) };
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

/** The aftercare obligations not yet fulfilled, with their index (后期管理, 土壤法第四十二条). */
function openAftercare(context: Record<string, unknown>): Array<{ index: number; dueOn: string }> {
  const list = Array.isArray(context.aftercare) ? (context.aftercare as Array<{ dueOn: string; fulfilledOn: string | null }>) : [];
  const out: Array<{ index: number; dueOn: string }> = [];
  list.forEach((o, index) => {
    if (o.fulfilledOn === null) out.push({ index, dueOn: o.dueOn });
  });
  return out;
}

/** The earliest of some YYYY-MM-DD dates (they compare as strings), without sorting. */
function earliest(dates: string[]): string {
  return dates.reduce((a, b) => (b < a ? b : a));
}

function tryWorkingDays(compute: () => string): string | undefined {
  try {
    return compute();
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return undefined;
    throw e;
  }
}
