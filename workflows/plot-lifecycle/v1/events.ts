import type { Actor, LandClass } from '../../types';

/**
 * Events of the plot lifecycle. Each carries the client's payload plus, where
 * marked "enriched", data the engine loads from its own records before sending
 * (a guard never trusts a client for facts the server holds). `actor` is added
 * by the server from the authenticated caller.
 */

/** Kinds of uploaded report (README, Evidence and screening). */
export type ReportKind =
  | 'preliminary_investigation'
  | 'detailed_investigation'
  | 'risk_assessment'
  | 'control_plan'
  | 'remediation_plan'
  | 'monitoring'
  | 'effect_evaluation'
  | 'transport_receipt'
  /** the scan of a decision taken outside the system, recorded by the district (plot-lifecycle v2) */
  | 'decision_record';

/** Work a third party (第三方机构) is commissioned for. */
export type ConsultantWork = 'investigation' | 'riskAssessment' | 'effectEvaluation';

/** Screening of the plot's samples against GB 36600 for its planned land class. */
export type ScreeningVerdict = 'below_screening' | 'above_screening' | 'above_intervention';

/** The stored metadata of a report, as the engine loads it. */
export interface ReportFacts {
  id: string;
  kind: ReportKind;
  plotId: string;
  authorOrganisationId: string;
  hasScreenedSamples: boolean;
}

/** Structured conclusion of the report under review (never free text). */
export interface ReportConclusion {
  riskAcceptable?: boolean;
  targetsAchieved?: boolean;
  permittedLandClass?: LandClass;
}

/** 施工公告牌 (土壤法 art. 40). */
export interface NoticeBoard {
  project: string;
  contractorOrganisationId: string;
  measures: string;
  contact: string;
  startDate: string;
  endDate: string;
}

interface Sent {
  actor: Actor;
}

/** A report named by the client and looked up by the engine. */
interface ReportReference {
  reportId: string;
  /** enriched: the stored report `reportId`, or null when there is none */
  report: ReportFacts | null;
}

export type PlotLifecycleEvent =
  | (Sent & { type: 'ISSUE_INVESTIGATION_NOTICE'; dueDate: string /* YYYY-MM-DD */ })
  | (Sent & {
      type: 'ASSIGN_CONSULTANT';
      orgId: string;
      work: ConsultantWork;
      /** enriched: the kind of organisation `orgId` */
      organisationKind: string;
    })
  | (Sent & { type: 'START_INVESTIGATION' })
  | (Sent & ReportReference & { type: 'SUBMIT_REPORT' })
  | (Sent & {
      type: 'APPROVE';
      opinion: string;
      /** enriched for the preliminary review: screening of the plot's samples */
      screeningVerdict?: ScreeningVerdict;
      /** enriched: the structured conclusion of `context.currentReportId` */
      conclusion?: ReportConclusion;
    })
  | (Sent & { type: 'RETURN'; reason: string })
  | (Sent & { type: 'SET_PRIORITY'; rank: number; negativeList: string[]; reason?: string })
  | (Sent & ReportReference & { type: 'FILE_CONTROL_PLAN' })
  | (Sent & ReportReference & { type: 'FILE_REMEDIATION_PLAN' })
  | (Sent & ReportReference & { type: 'SUBMIT_MONITORING_REPORT' })
  | (Sent & { type: 'ACKNOWLEDGE_FILING' })
  | (Sent & {
      type: 'START_WORKS';
      noticeBoard: NoticeBoard;
      /** enriched: the contractor is a registered organisation */
      contractorExists: boolean;
    })
  | (Sent & {
      type: 'COMPLETE_WORKS';
      /** enriched: soil transports of this plot not yet closed or cancelled */
      openTransports: number;
    })
  | (Sent & { type: 'REQUEST_EFFECT_EVALUATION' })
  | (Sent & { type: 'APPLY_REMOVAL' });

export type PlotEventType = PlotLifecycleEvent['type'];

export type PlotEventOf<T extends PlotEventType> = Extract<PlotLifecycleEvent, { type: T }>;

