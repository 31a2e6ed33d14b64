import type { Bureau, LandClass } from '../../types';
import type { ConsultantWork, NoticeBoard } from './events';

/** What the engine passes when a plot is registered (D1 疑似污染地块登记表). */
export interface PlotLifecycleInput {
  plotId: string;
  /** Absent planned use means first class (GB 36600 §5.3.1); the engine fills in 1. */
  plannedLandClass: LandClass;
  holderOrganisationId: string;
  /** 行政区划代码 of the plot, e.g. '410106' */
  jurisdiction: string;
}

/** One bureau's approval in the current review round. */
export interface Approval {
  userId: string;
  organisationId: string;
  opinion: string;
}

/** 优先控制名录 entry and the development negative list (土壤法 art. 61). */
export interface Priority {
  rank: number | null;
  negativeList: string[];
  reason: string | null;
}

/** Which works the plot is under, so a failed effect evaluation can go back to them. */
export type WorksStage = 'remediation' | 'riskControl';

/**
 * 土壤法 art. 61: a plot on the register may not be used for housing or for
 * public administration and public services, whatever else the negative list says.
 */
export const MANDATORY_NEGATIVE_USES: readonly string[] = ['住宅', '公共管理与公共服务用地'];

/** The facts the lifecycle keeps; JSON-safe (no undefined, no Date). */
export interface PlotLifecycleContext {
  plotId: string;
  plannedLandClass: LandClass;
  holderOrganisationId: string;
  jurisdiction: string;
  /** due date of the 调查通知书 (D2), YYYY-MM-DD */
  investigationDueDate: string | null;
  /** the commissioned third party per kind of work */
  consultants: Partial<Record<ConsultantWork, string>>;
  /** the report under review or last reviewed */
  currentReportId: string | null;
  /** approvals of the current review round only */
  approvals: Partial<Record<Bureau, Approval>>;
  priority: Priority | null;
  worksStage: WorksStage | null;
  /** authors of the filed control and remediation plans */
  planAuthorOrgIds: string[];
  worksContractorOrgId: string | null;
  noticeBoard: NoticeBoard | null;
  monitoringReportIds: string[];
  /** the last application for removal from the register was refused (art. 66) */
  removalRefused: boolean;
  /** set when the plot leaves the process: cleared, or by the effect evaluation */
  permittedLandClass: LandClass | null;
}

export function initialPlotContext(input: PlotLifecycleInput): PlotLifecycleContext {
  return {
    plotId: input.plotId,
    plannedLandClass: input.plannedLandClass ?? 1,
    holderOrganisationId: input.holderOrganisationId,
    jurisdiction: input.jurisdiction,
    investigationDueDate: null,
    consultants: {},
    currentReportId: null,
    approvals: {},
    priority: null,
    worksStage: null,
    planAuthorOrgIds: [],
    worksContractorOrgId: null,
    noticeBoard: null,
    monitoringReportIds: [],
    removalRefused: false,
    permittedLandClass: null,
  };
}
