import type { PlotLifecycleContext as V1Context, PlotLifecycleInput } from '../v1/context';
import { initialPlotContext as initialV1Context } from '../v1/context';

export type { PlotLifecycleInput, Approval, Priority, WorksStage } from '../v1/context';
export { MANDATORY_NEGATIVE_USES } from '../v1/context';

/** Works of a third party whose report the holder must disclose (42号令: 调查报告、风险评估报告、效果评估报告). */
export type DisclosedWork = 'investigation' | 'riskAssessment' | 'effectEvaluation';

/** One member of an expert panel (环办土壤〔2019〕63号): named per review, with the organisation they work for. */
export interface PanelExpert {
  name: string;
  organisationId: string;
  title: string | null;
  /** an `expert` user of the system, who may then give the opinion themselves */
  userId: string | null;
}

export type PanelConclusion = 'pass' | 'passWithRevisions' | 'fail';

export interface ExpertPanel {
  experts: PanelExpert[];
  /** opinions by the expert's index in `experts` */
  opinions: Record<string, string>;
  conclusion: PanelConclusion | null;
  summary: string | null;
}

/** The state of one review round (cleared when the round ends). */
export interface ReviewRound {
  /** 报送: the district forwarded the report to the deciding body of a higher level */
  forwarded: { userId: string; organisationId: string; at: string } | null;
  panel: ExpertPanel | null;
  /** 修改后通过: the revised report (a new report linked to the one under review) and whether the bureau accepted it */
  revision: { reportId: string; accepted: boolean } | null;
}

/** The holder's publication of a report's contents (42号令), with its date and place. */
export interface Disclosure {
  reportId: string;
  publishedOn: string;
  place: string;
}

/** A value for a pollutant without a GB 36600 value, set by the deciding bureau for this plot with its source. */
export interface SiteValue {
  cas: string;
  name: string;
  medium: 'soil' | 'groundwater';
  value: number;
  unit: string;
  source: string;
}

/** What v2 keeps beside v1's facts; JSON-safe. */
export interface PlotLifecycleContext extends V1Context {
  review: ReviewRound;
  /** reports whose review was approved, in order: with the one under review, the only evidence that decides */
  approvedReportIds: string[];
  /** the last report submitted for each work, the one the holder must disclose */
  submittedReports: Partial<Record<DisclosedWork, string>>;
  disclosures: Partial<Record<DisclosedWork, Disclosure>>;
  siteValues: SiteValue[];
  /** the last day of the publicity period (公示) of a removal decision, YYYY-MM-DD */
  publicityEndsOn: string | null;
}

export const emptyReview = (): ReviewRound => ({ forwarded: null, panel: null, revision: null });

export function initialPlotContext(input: PlotLifecycleInput): PlotLifecycleContext {
  return {
    ...initialV1Context(input),
    review: emptyReview(),
    approvedReportIds: [],
    submittedReports: {},
    disclosures: {},
    siteValues: [],
    publicityEndsOn: null,
  };
}

/**
 * A v1 context as v2 reads it (workflows/registry.ts). v1 kept none of v2's facts: a migrated plot starts them empty,
 * except that the last report v1 reviewed counts as approved when the plot is no longer under its review.
 */
export function contextFromV1(context: V1Context, state: string): PlotLifecycleContext {
  const reviewed = context.currentReportId !== null && !state.endsWith('underReview');
  return {
    ...context,
    review: emptyReview(),
    approvedReportIds: reviewed ? [context.currentReportId as string] : [],
    submittedReports: {},
    disclosures: {},
    siteValues: [],
    publicityEndsOn: null,
  };
}
