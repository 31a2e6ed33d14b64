import type { ScreeningVerdict } from '../../plot-lifecycle/v1/events';

/**
 * The yearly duties of a 土壤污染重点监管单位 (土壤法第二十一条第二款): the 有毒有害物质排放情况 report
 * (第一项, 按年度), the 隐患排查 report (第二项) and the 自行监测 report of soil and groundwater (第三项).
 */
export const DUTIES = ['toxicDischarge', 'hiddenDangerInspection', 'selfMonitoring'] as const;
export type Duty = (typeof DUTIES)[number];

/**
 * Why a unit's use of its site ends. 用途变更, 收回 and 转让 are the cases of 土壤法第六十七条 (investigated before);
 * 关闭, 搬迁 and 破产 leave land of a key industry behind (the district's 历史遗留污染地块排查).
 */
export const CLOSURE_REASONS = ['closure', 'relocation', 'bankruptcy', 'useChange', 'takeBack', 'transfer'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** The reasons for which 土壤法第六十七条 has the land investigated before the change takes effect. */
export const INVESTIGATED_BEFORE: readonly ClosureReason[] = ['useChange', 'takeBack', 'transfer'];

/** Who recorded a step: the authenticated caller's user and organisation. */
export interface RecordedBy {
  userId: string;
  organisationId: string;
}

/** The unit's site (生产经营用地), as listed; the boundary is GeoJSON once the map lands. */
export interface KeyUnitSite {
  address: string;
  parcelCode?: string | null;
  boundary?: unknown;
}

export interface KeyUnitInput {
  unitId: string;
  /** the enterprise: the engine's holder organisation, so `ownOrganisation` is the unit's own users */
  organisationId: string;
  /** 行政区划代码 of the district that supervises it */
  jurisdiction: string;
  /** industry code from the reference list of key industries */
  industry: string;
  site?: KeyUnitSite | null;
  /** YYYY-MM-DD: the day it was put on the 重点监管单位名录 */
  listedOn: string;
}

/** One year's filing of one duty. */
export interface DutyFiling extends RecordedBy {
  reportId: string;
  filedOn: string;
  /** self-monitoring only: the screening verdict of its samples */
  screeningVerdict: ScreeningVerdict | null;
}

/** The bureau's own yearly monitoring around the unit (土壤法第二十一条第五款). */
export interface BureauMonitoring extends RecordedBy {
  reportId: string;
  recordedOn: string;
  screeningVerdict: ScreeningVerdict | null;
}

/** A monitoring result above the screening values: 数据异常, which the bureau investigates (第二十一条第四款). */
export interface MonitoringAnomaly {
  year: number;
  source: 'selfMonitoring' | 'bureauMonitoring';
  reportId: string;
  screeningVerdict: ScreeningVerdict;
}

export type DemolitionStatus = 'filed' | 'started' | 'completed' | 'superseded';

/** One 拆除活动 under its filed 土壤污染防治工作方案 (土壤法第二十二条第二款). */
export interface Demolition extends RecordedBy {
  reportId: string;
  plannedStart: string;
  filedOn: string;
  /** working days between filing and the planned start, and those required, as the engine counted them */
  leadTime: { workingDaysUntilStart: number; requiredWorkingDays: number };
  status: DemolitionStatus;
  startedOn: string | null;
  completedOn: string | null;
}

/** A demolition seen without a filed plan covering it: stays on the record. */
export interface Violation extends RecordedBy {
  kind: 'unfiledDemolition';
  observedOn: string;
  note: string;
}

export interface Closure extends RecordedBy {
  reason: ClosureReason;
  on: string;
  note: string | null;
}

/**
 * The fact the engine reads after a closure: the site is to be investigated as a suspected plot, after the
 * closure, or — for 用途变更, 收回, 转让 — before the change takes effect (土壤法第六十七条).
 */
export interface SiteToInvestigate {
  reason: ClosureReason;
  on: string;
  investigateBefore: boolean;
}

export interface Removal extends RecordedBy {
  reason: string;
  on: string;
}

export interface KeyUnitContext {
  unitId: string;
  organisationId: string;
  jurisdiction: string;
  industry: string;
  site: KeyUnitSite | null;
  listedOn: string;
  /** by duty, then by year ('2026') */
  duties: Record<Duty, Record<string, DutyFiling>>;
  /** by year */
  bureauMonitoring: Record<string, BureauMonitoring>;
  anomalies: MonitoringAnomaly[];
  /** every demolition of the unit's life, in filing order; at most one is filed or started */
  demolitions: Demolition[];
  violations: Violation[];
  closure: Closure | null;
  siteToInvestigate: SiteToInvestigate | null;
  removal: Removal | null;
}

export function initialKeyUnitContext(input: KeyUnitInput): KeyUnitContext {
  return {
    unitId: input.unitId,
    organisationId: input.organisationId,
    jurisdiction: input.jurisdiction,
    industry: input.industry,
    site: input.site ?? null,
    listedOn: input.listedOn,
    duties: { toxicDischarge: {}, hiddenDangerInspection: {}, selfMonitoring: {} },
    bureauMonitoring: {},
    anomalies: [],
    demolitions: [],
    violations: [],
    closure: null,
    siteToInvestigate: null,
    removal: null,
  };
}

/** The demolition now filed or under way, if any. */
export function openDemolition(context: KeyUnitContext): Demolition | undefined {
  return context.demolitions.find((d) => d.status === 'filed' || d.status === 'started');
}
