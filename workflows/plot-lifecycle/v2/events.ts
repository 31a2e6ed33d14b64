import type { Actor, DecidingBody } from '../../types';
import type { ConsultantBan } from './ban';
import type { PlotLifecycleEvent as V1Event, ReportFacts, ScreeningVerdict } from '../v1/events';
import type { AftercareObligation, DisclosedWork, PanelConclusion, ResponsibleParty, ZoneMedium } from './context';

export type { ReportKind, ConsultantWork, ScreeningVerdict, ReportConclusion, NoticeBoard } from '../v1/events';

/** A report's facts as v2's guards read them: v1's, plus the link of a revised report to the one it revises. */
export interface ReportFactsV2 extends ReportFacts {
  revisesReportId?: string | null;
  /** GB 36600 Table 1 items a preliminary investigation's samples miss (Chinese names) */
  missingRequiredItems?: string[];
  missingItemsReason?: string | null;
}

/** Time limits of the law as configured (reference/decision-steps.json), passed with the events that need them. */
export interface TimeLimits {
  investigationNoticeMonths: number;
  effectEvaluationPublicMonths: number;
  /** monitoring reports a risk-control plot has filed before its effect evaluation is requested (土壤法第六十二条) */
  controlMonitoringReportsMin: number;
  /** each limit's legal basis as configured, cited in the reasons of refusals */
  basis: Partial<Record<string, string>>;
}

/**
 * What the engine adds to every v2 event: today's date in China (YYYY-MM-DD), the
 * configured time limits, and — for the events of a step that a body decides —
 * that body (reference/decision-steps.json).
 */
export interface Enriched {
  actor: Actor;
  today: string;
  limits: TimeLimits;
  deciding?: DecidingBody;
}

type V1Of<T extends V1Event['type']> = Omit<Extract<V1Event, { type: T }>, 'actor'> & Enriched;

/** The v1 events, enriched as v2 enriches them; report events carry v2's report facts. */
type CarriedOver =
  | V1Of<'ISSUE_INVESTIGATION_NOTICE'>
  | (V1Of<'ASSIGN_CONSULTANT'> & {
      /** enriched: the ban on the firm in force today (土壤法第九十条), or null */
      ban?: ConsultantBan | null;
    })
  | V1Of<'START_INVESTIGATION'>
  | (Omit<V1Of<'SUBMIT_REPORT'>, 'report'> & {
      report: ReportFactsV2 | null;
      /** the report concludes the investigation at its first, non-sampling stage (HJ 25.1-2019) */
      firstStageOnly?: boolean;
    })
  | (V1Of<'APPROVE'> & { publicityEndsOn?: string })
  | V1Of<'RETURN'>
  | V1Of<'SET_PRIORITY'>
  | (V1Of<'FILE_CONTROL_PLAN'> & {
      /** who builds the control works: the effect evaluator must be another (土壤法第六十五条) */
      implementerOrganisationId?: string;
      /** enriched: that organisation is registered and enabled */
      implementerRegistered?: boolean;
    })
  | V1Of<'FILE_REMEDIATION_PLAN'>
  | V1Of<'SUBMIT_MONITORING_REPORT'>
  | V1Of<'ACKNOWLEDGE_FILING'>
  | V1Of<'START_WORKS'>
  | V1Of<'COMPLETE_WORKS'>
  | V1Of<'REQUEST_EFFECT_EVALUATION'>
  | V1Of<'APPLY_REMOVAL'>;

export interface PanelExpertInput {
  name: string;
  organisationId: string;
  title?: string;
  userId?: string;
}

/** New in v2: levels of government, expert panels, recorded decisions, disclosure and publicity (土壤法 arts. 59–66; 42号令). */
type Added =
  | (Enriched & { type: 'FORWARD'; note?: string })
  | (Enriched & {
      type: 'FORM_PANEL';
      experts: PanelExpertInput[];
      /** enriched: experts whose organisation is not registered, or whose user is not an expert of it */
      unknownExperts: number;
      /** enriched: the author of the report under review */
      reportAuthorOrganisationId: string | null;
      minExperts: number;
    })
  | (Enriched & { type: 'RECORD_EXPERT_OPINION'; expertIndex: number; opinion: string })
  | (Enriched & { type: 'CONCLUDE_PANEL'; conclusion: PanelConclusion; summary: string })
  | (Enriched & { type: 'SUBMIT_REVISION'; reportId: string; report: ReportFactsV2 | null })
  | (Enriched & { type: 'ACCEPT_REVISION'; note?: string })
  | (Enriched & {
      type: 'RECORD_DECISION';
      documentNumber: string;
      decisionDate: string;
      outcome: 'approved' | 'returned';
      reason?: string;
      scanReportId: string;
      /** enriched: the uploaded scan of the decision */
      scan: ReportFactsV2 | null;
      screeningVerdict?: ScreeningVerdict;
      conclusion?: V1Of<'APPROVE'>['conclusion'];
      publicityEndsOn?: string;
    })
  | (Enriched & { type: 'RECORD_DISCLOSURE'; work: DisclosedWork; publishedOn: string; place: string })
  | (Enriched & {
      type: 'SET_SITE_VALUE';
      cas: string;
      name: string;
      medium: 'soil' | 'groundwater';
      value: number;
      unit: string;
      source: string;
    })
  | (Enriched & { type: 'END_PUBLICITY' })
  | (Enriched & {
      type: 'TAKE_BACK';
      documentNumber: string;
      decidedOn: string;
      /** the land-reserve centre or the 自然资源 bureau that takes the land and organises the investigation */
      organiserOrganisationId: string;
      /** the former holder is the responsible party: the government organises control and remediation (土壤法第六十八条) */
      formerHolderResponsible: boolean;
      /** enriched: the organiser is a registered holder, or the 自然资源 bureau of the plot's jurisdiction */
      organiserEligible: boolean;
    })
  | (Enriched & {
      type: 'TRANSFER';
      contractNumber: string;
      transferredOn: string;
      transfereeOrganisationId: string;
      /** the party the contract names to answer for the plot (42号令（责任主体规定，条号未核实）), if not the transferee */
      agreedResponsibleOrganisationId?: string;
      /** enriched: the transferee and the agreed party are registered holders */
      partiesRegistered: boolean;
    })
  | (Enriched & {
      type: 'RECORD_RESPONSIBLE_PARTY';
      status: ResponsibleParty['status'];
      organisationId?: string;
      /** for an extinct party: who organises for the district government (42号令（责任主体规定，条号未核实）) */
      organiserOrganisationId?: string;
      documentNumber: string;
      decidedOn: string;
      /** enriched: the named organisations are registered */
      organisationsRegistered: boolean;
    })
  | (Enriched & {
      type: 'REOPEN';
      reason: 'useChange' | 'newEvidence';
      plannedUse?: string;
      evidenceReportId?: string;
      note: string;
      /** enriched: the land class of the new planned use (null when unknown) */
      plannedLandClass: 1 | 2 | null;
      /** enriched: the new use is 住宅 or a 公共管理与公共服务用地 (or one of their subclasses) */
      sensitiveUse: boolean;
      /** enriched: the evidence report and its screening verdict */
      evidence: ReportFactsV2 | null;
      evidenceVerdict?: ScreeningVerdict;
    })
  | (Enriched & Omit<AftercareObligation, 'fulfilledOn' | 'reportId' | 'note' | 'restriction'> & { type: 'ADD_AFTERCARE'; restriction?: string })
  | (Enriched & {
      type: 'FULFIL_AFTERCARE';
      index: number;
      reportId?: string;
      note: string;
      report: ReportFactsV2 | null;
    })
  | (Enriched & {
      type: 'PLACE_UNDER_CONTROL_ZONE';
      noticeNumber: string;
      signsPostedOn: string;
      monitoring: Array<{ medium: ZoneMedium; intervalMonths: number }>;
    })
  | (Enriched & { type: 'RECORD_ZONE_MONITORING'; medium: ZoneMedium; reportId: string; report: ReportFactsV2 | null });

/**
 * Events of plot-lifecycle v2. An APPROVE that completes a removal review
 * carries the publicity period's last day, counted by the engine in working days.
 */
export type PlotLifecycleEvent = CarriedOver | Added;

export type PlotEventType = PlotLifecycleEvent['type'];
export type PlotEventOf<T extends PlotEventType> = Extract<PlotLifecycleEvent, { type: T }>;
