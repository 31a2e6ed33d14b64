import type { LandClass } from '../../types';
import type { PlotLifecycleContext as V1Context, PlotLifecycleInput as V1Input } from '../v1/context';
import { initialPlotContext as initialV1Context } from '../v1/context';

export type { Approval, Priority, WorksStage } from '../v1/context';

/**
 * Why a plot enters the procedure (土壤法 arts. 59, 67; 42号令 arts. 2–3):
 * - `suspected` 疑似污染地块 (key industries, hazardous-waste activities, screening): always sampled;
 * - `useChange` a change of use to 住宅 or 公共管理与公共服务用地 (art. 59 第二款);
 * - `keyUnitLand` the land of a 土壤污染重点监管单位 before its use changes or its right is taken back or transferred
 *   (art. 67; the report also goes to the 不动产登记 body).
 */
export const REGISTRATION_REASONS = ['suspected', 'useChange', 'keyUnitLand'] as const;
export type RegistrationReason = (typeof REGISTRATION_REASONS)[number];

/** What the engine passes when a plot is registered (D1), with the reason it enters the procedure. */
export interface PlotLifecycleInput extends V1Input {
  registrationReason?: RegistrationReason;
}

/** 土壤污染责任人 as the bureaus established it (土壤法 art. 48), or that it cannot be established, or is gone. */
export interface ResponsibleParty {
  /** identified: a registered organisation; unidentifiable: 无法认定 (art. 45 第一款); extinct: 灭失 (42号令（责任主体规定，条号未核实）) */
  status: 'identified' | 'unidentifiable' | 'extinct';
  organisationId: string | null;
  documentNumber: string;
  decidedOn: string;
}

/** A holder whose land-use right ended: taken back (收回) or transferred (转让); it stays named. */
export interface FormerHolder {
  organisationId: string;
  until: string;
  how: 'takenBack' | 'transferred';
  documentNumber: string;
}

/**
 * Who answers for the plot (土壤法 arts. 45–47, 68; 42号令（责任主体规定，条号未核实）): the holder of the land-use right and the
 * responsible party are kept apart; `investigationDuty` and `controlDuty` name the organisation that carries the
 * holder's duties of each part of the procedure now.
 */
export interface Parties {
  formerHolders: FormerHolder[];
  responsible: ResponsibleParty | null;
  investigationDuty: string;
  controlDuty: string;
  /** why `controlDuty` is who it is: the holder (art. 45 第一款, its second sentence), the responsible party (第一款), the government (art. 45 第二款, art. 68) */
  controlBasis: 'holder' | 'responsibleParty' | 'government' | 'contract';
}

/** A cleared or released plot reopened by the bureau (终身责任制; 土壤法 art. 59 第二款). */
export interface Reopening {
  on: string;
  reason: 'useChange' | 'newEvidence';
  /** the state it was reopened from */
  from: string;
  plannedUse: string | null;
  evidenceReportId: string | null;
  note: string;
  /** the land class it was permitted for until then */
  permittedLandClass: LandClass | null;
}

/** One aftercare obligation of a released plot (后期管理, 土壤法 art. 42): monitoring or an institutional control. */
export interface AftercareObligation {
  kind: 'monitoring' | 'institutionalControl';
  description: string;
  dueOn: string;
  /** a limit on use the obligation carries (e.g. 禁止开挖地下水), cited by the land-use check */
  restriction: string | null;
  fulfilledOn: string | null;
  reportId: string | null;
  note: string | null;
}

export type ZoneMedium = 'soil' | 'groundwater' | 'surfaceWater' | 'air';

/** A risk-control plot not developed for now, placed under a control zone (上政文〔2017〕147号 三（四）2, 一块一策). */
export interface ControlZone {
  noticeNumber: string;
  signsPostedOn: string;
  monitoring: Array<{ medium: ZoneMedium; intervalMonths: number; lastReportId: string | null; nextDueOn: string }>;
}
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
  registrationReason: RegistrationReason;
  parties: Parties;
  /** the report under review concludes the investigation at its first, non-sampling stage (HJ 25.1-2019) */
  firstStageOnly: boolean;
  /** the land class of the approved risk assessment's exposure scenario: risk control permits no stricter use */
  assessedLandClass: LandClass | null;
  reopenings: Reopening[];
  aftercare: AftercareObligation[];
  controlZone: ControlZone | null;
}

export const emptyReview = (): ReviewRound => ({ forwarded: null, panel: null, revision: null });

/** The facts of part 2 of the law (registration reason, parties, reopening, aftercare, control zone) as a plot starts. */
function partTwoFacts(holderOrganisationId: string, reason: RegistrationReason) {
  return {
    registrationReason: reason,
    parties: { formerHolders: [], responsible: null, investigationDuty: holderOrganisationId, controlDuty: holderOrganisationId, controlBasis: 'holder' as const },
    firstStageOnly: false,
    assessedLandClass: null,
    reopenings: [],
    aftercare: [],
    controlZone: null,
  };
}

export function initialPlotContext(input: PlotLifecycleInput): PlotLifecycleContext {
  return {
    ...initialV1Context(input),
    review: emptyReview(),
    approvedReportIds: [],
    submittedReports: {},
    disclosures: {},
    siteValues: [],
    publicityEndsOn: null,
    ...partTwoFacts(input.holderOrganisationId, input.registrationReason ?? 'suspected'),
  };
}

/**
 * A v2 context stored before the facts of part 2 existed, completed with their defaults: the plot was registered as
 * a suspected plot and its holder carries every duty (workflows/registry.ts applies this on restore).
 */
export function completeContext(context: Record<string, unknown>): PlotLifecycleContext {
  const c = context as unknown as PlotLifecycleContext;
  if (c.parties !== undefined) return c;
  return { ...partTwoFacts(c.holderOrganisationId, 'suspected'), ...c };
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
    ...partTwoFacts(context.holderOrganisationId, 'suspected'),
  };
}
