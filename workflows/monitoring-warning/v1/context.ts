/** The two rules that raise a warning (reference/monitoring.json warningRules). */
export const WARNING_RULES = ['aboveScreening', 'risingTrend'] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

export type ProposalKind = 'investigation' | 'hiddenDangerInspection';

export interface Dated {
  on: string;
  note: string;
}

/**
 * What a monitoring warning (土壤环境质量预警, 上政文〔2017〕147号 三（一）4) knows: the point, analyte and result that
 * raised it, what the point watches, and its handling — verification, confirmation or dismissal, measures,
 * proposals of an investigation or hidden-danger inspection, and its closure.
 */
export interface WarningContext {
  warningId: string;
  pointId: string;
  pointCode: string;
  jurisdiction: string;
  cas: string;
  analyte: string;
  rule: WarningRule;
  /** value ÷ screening value of the result that raised it (rising trend: of the latest result, may be below 1) */
  factor: number | null;
  raisedOn: string;
  /** what the point watches (monitoring_points.plot_id / unit_id) */
  plotId: string | null;
  unitId: string | null;
  /** campaigns in a row above the screening value when raised (this one included) */
  consecutiveExceedances: number;
  /** from this many campaigns in a row an exceedance is lasting (reference/monitoring.json) */
  lastingCampaigns: number;
  verifyDueOn: string;
  handleDueOn: string | null;
  verification: Dated | null;
  confirmation: Dated | null;
  dismissal: { on: string; reason: string } | null;
  measures: Dated[];
  proposals: Array<{ kind: ProposalKind; plotId: string | null; unitId: string | null; on: string; note: string }>;
  closure: { on: string; reason: string } | null;
}

export type WarningInput = Omit<WarningContext, 'handleDueOn' | 'verification' | 'confirmation' | 'dismissal' | 'measures' | 'proposals' | 'closure'>;

export function initialWarningContext(input: WarningInput): WarningContext {
  return { ...input, handleDueOn: null, verification: null, confirmation: null, dismissal: null, measures: [], proposals: [], closure: null };
}
