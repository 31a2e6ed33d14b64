import { isDate } from '../../plot-lifecycle/v2/dates';
import { CLOSURE_REASONS, openDemolition, type KeyUnitContext } from './context';
import { KEY_UNIT_REPORT_KINDS, type KeyUnitEvent } from './events';

/**
 * Guards of a key supervised unit: one rule each, pure functions of the context and the (enriched) event. The doc
 * comment of each names its legal basis; where the rule is the system's own (one filing per year), it says so.
 */
export interface KeyUnitGuardArgs {
  context: KeyUnitContext;
  event: KeyUnitEvent;
}

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const yearOf = (date: string): number => Number(date.slice(0, 4));

type YearEvent = Extract<KeyUnitEvent, { year: number }>;
const hasYear = (event: KeyUnitEvent): event is YearEvent =>
  (event.type === 'FILE_DUTY_REPORT' || event.type === 'RECORD_BUREAU_MONITORING') && Number.isInteger(event.year);

type ReportEvent = Extract<KeyUnitEvent, { reportId: string }>;
const hasReport = (event: KeyUnitEvent): event is ReportEvent =>
  event.type === 'FILE_DUTY_REPORT' || event.type === 'RECORD_BUREAU_MONITORING' || event.type === 'FILE_DEMOLITION_PLAN';

/** The report kind an event files: the duty's, the bureau's monitoring, or the demolition plan. */
function kindFiled(event: ReportEvent): string {
  if (event.type === 'FILE_DUTY_REPORT') return KEY_UNIT_REPORT_KINDS[event.duty];
  if (event.type === 'RECORD_BUREAU_MONITORING') return KEY_UNIT_REPORT_KINDS.bureauMonitoring;
  return KEY_UNIT_REPORT_KINDS.demolitionPlan;
}

/**
 * 土壤法第二十一条第二款 (按年度报告排放情况, 隐患排查, 自行监测数据报送), 第五款 (周边土壤监测), 第二十二条第二款
 * (土壤污染防治工作方案): the report named is one of this kind, uploaded for this unit.
 */
export function reportOfThisUnitAndKind({ context, event }: KeyUnitGuardArgs): boolean {
  if (!hasReport(event) || event.report === null) return false;
  return event.report.id === event.reportId && event.report.unitId === context.unitId && event.report.kind === kindFiled(event);
}

/**
 * 土壤法第二十一条第二款第三项 (自行监测方案, 监测数据报生态环境主管部门); 《工矿用地土壤环境管理办法（试行）》
 * on monitoring soil and groundwater: a self-monitoring report covers both media.
 */
export function selfMonitoringCoversSoilAndGroundwater({ event }: KeyUnitGuardArgs): boolean {
  if (event.type !== 'FILE_DUTY_REPORT') return false;
  if (event.duty !== 'selfMonitoring') return true;
  const media = event.report?.media ?? [];
  return media.includes('soil') && media.includes('groundwater');
}

/**
 * 土壤法第二十一条第四款 (监测数据异常的，及时进行调查): a self-monitoring report's samples are screened (GB 36600,
 * GB/T 14848), so an anomaly is known when the report is filed.
 */
export function selfMonitoringScreened({ event }: KeyUnitGuardArgs): boolean {
  if (event.type !== 'FILE_DUTY_REPORT') return false;
  return event.duty !== 'selfMonitoring' || (event.report?.screeningVerdict ?? null) !== null;
}

/** A year's report is for a year that has begun: not after this year. */
export function yearNotInFuture({ event }: KeyUnitGuardArgs): boolean {
  return hasYear(event) && event.year <= yearOf(event.today);
}

/** 土壤法第二十一条第二款: the duties are the listed unit's, from the year it was listed. */
export function yearNotBeforeListing({ context, event }: KeyUnitGuardArgs): boolean {
  return hasYear(event) && event.year >= yearOf(context.listedOn);
}

/**
 * 土壤法第二十一条第二款第一项 (按年度报告): one report per duty and year; the system keeps the same yearly cycle for
 * the hidden-danger inspection and the self-monitoring (a revised report is a correction, not a second filing).
 */
export function dutyNotYetFiledForYear({ context, event }: KeyUnitGuardArgs): boolean {
  return event.type === 'FILE_DUTY_REPORT' && context.duties[event.duty]?.[String(event.year)] === undefined;
}

/** 土壤法第二十一条第五款 (定期对周边土壤进行监测): the bureau's monitoring is recorded once a year. */
export function bureauMonitoringNotYetRecordedForYear({ context, event }: KeyUnitGuardArgs): boolean {
  return event.type === 'RECORD_BUREAU_MONITORING' && context.bureauMonitoring[String(event.year)] === undefined;
}

/** After a closure, reports are filed only for the years the unit still operated. */
export function yearNotAfterClosure({ context, event }: KeyUnitGuardArgs): boolean {
  return hasYear(event) && (context.closure === null || event.year <= yearOf(context.closure.on));
}

/** 土壤法第二十二条第二款: the plan names the day demolition is to start. */
export function plannedStartIsDate({ event }: KeyUnitGuardArgs): boolean {
  return event.type === 'FILE_DEMOLITION_PLAN' && isDate(event.plannedStart);
}

/**
 * 土壤法第二十二条第二款 (报生态环境、工业和信息化主管部门备案): the plan is filed the configured number of working days
 * before demolition starts (15 by default; the engine counts them on the working-day calendar).
 */
export function demolitionLeadTimeMet({ event }: KeyUnitGuardArgs): boolean {
  return event.type === 'FILE_DEMOLITION_PLAN' && event.leadTime.workingDaysUntilStart >= event.leadTime.requiredWorkingDays;
}

/** One demolition at a time: a plan of a closed unit is not filed while another demolition is under way. */
export function noDemolitionStarted({ context }: KeyUnitGuardArgs): boolean {
  return openDemolition(context)?.status !== 'started';
}

/** 土壤法第二十二条第二款 (备案并实施): demolition starts under its filed plan, on or after the planned start. */
export function plannedStartReached({ context, event }: KeyUnitGuardArgs): boolean {
  const plan = openDemolition(context);
  return event.type === 'START_DEMOLITION' && plan?.status === 'filed' && event.today >= plan.plannedStart;
}

/** A demolition under way is completed on a date between its start and today. */
export function completionDated({ context, event }: KeyUnitGuardArgs): boolean {
  const plan = openDemolition(context);
  if (event.type !== 'COMPLETE_DEMOLITION' || plan?.status !== 'started' || !isDate(event.completedOn)) return false;
  return event.completedOn >= (plan.startedOn ?? plan.plannedStart) && event.completedOn <= event.today;
}

/** An observation is dated (not after today) and describes what was seen. */
export function observationRecorded({ event }: KeyUnitGuardArgs): boolean {
  return event.type === 'RECORD_UNFILED_DEMOLITION' && isDate(event.observedOn) && event.observedOn <= event.today && filled(event.note);
}

/**
 * 土壤法第二十二条第二款 and 第九十五条第一项 (未按照规定将土壤污染防治工作方案备案): a demolition is a violation when no
 * filed plan covers the day it was seen — none filed, or seen before the plan's start or after its completion.
 */
export function demolitionNotCoveredByPlan({ context, event }: KeyUnitGuardArgs): boolean {
  if (event.type !== 'RECORD_UNFILED_DEMOLITION') return false;
  const seen = event.observedOn;
  return context.demolitions
    .filter((d) => d.status !== 'superseded')
    .every((d) => seen < d.plannedStart || (d.completedOn !== null && seen > d.completedOn));
}

/** A closure names one of the known reasons (土壤法第六十七条 for 用途变更, 收回, 转让). */
export function closureReasonKnown({ event }: KeyUnitGuardArgs): boolean {
  return event.type === 'CLOSE' && (CLOSURE_REASONS as readonly string[]).includes(event.reason);
}

/** A closure is recorded once it happened: its date is a date, not after today, and not before the listing. */
export function closureDated({ context, event }: KeyUnitGuardArgs): boolean {
  return event.type === 'CLOSE' && isDate(event.on) && event.on <= event.today && event.on >= context.listedOn;
}

/** 土壤法第二十一条第一款 (名录适时更新): a removal from the list states its reason. */
export function removalReasonGiven({ event }: KeyUnitGuardArgs): boolean {
  return event.type === 'REMOVE' && filled(event.reason);
}

/** A removal is dated, not after today and not before the listing. */
export function removalDated({ context, event }: KeyUnitGuardArgs): boolean {
  return event.type === 'REMOVE' && isDate(event.on) && event.on <= event.today && event.on >= context.listedOn;
}

/** The guard implementations, by the names machine.ts uses. */
export const keyUnitGuards = {
  reportOfThisUnitAndKind,
  selfMonitoringCoversSoilAndGroundwater,
  selfMonitoringScreened,
  yearNotInFuture,
  yearNotBeforeListing,
  dutyNotYetFiledForYear,
  bureauMonitoringNotYetRecordedForYear,
  yearNotAfterClosure,
  plannedStartIsDate,
  demolitionLeadTimeMet,
  noDemolitionStarted,
  plannedStartReached,
  completionDated,
  observationRecorded,
  demolitionNotCoveredByPlan,
  closureReasonKnown,
  closureDated,
  removalReasonGiven,
  removalDated,
};

/** What listing a unit is judged on, loaded by the engine. */
export interface KeyUnitStartFacts {
  listedOn: string;
  today: string;
}

/** 土壤法第二十一条第一款: the list records units listed on a day that has come. */
export const keyUnitStartGuards = {
  listedOnNotFuture: (facts: KeyUnitStartFacts): boolean => isDate(facts.listedOn) && facts.listedOn <= facts.today,
};
