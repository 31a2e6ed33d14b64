import type { GuardReason, StartRefusals } from '../../types';
import type { ClosureReason, Duty } from './context';
import type { KeyUnitEventType } from './events';
import type { keyUnitGuards, keyUnitStartGuards } from './guards';

type KeyUnitGuardName = keyof typeof keyUnitGuards | keyof typeof keyUnitStartGuards;

/** Chinese labels of the key-unit states. */
export const KEY_UNIT_STATE_LABELS: Readonly<Record<string, string>> = {
  listed: '在名录中',
  demolitionFiled: '拆除方案已备案 · 待开工',
  demolishing: '拆除中',
  closed: '已关闭 · 场地待调查',
  removed: '已移出名录',
};

export const KEY_UNIT_EVENT_LABELS: Readonly<Record<KeyUnitEventType, string>> = {
  FILE_DUTY_REPORT: '报送年度义务报告',
  RECORD_BUREAU_MONITORING: '登记周边土壤监测',
  FILE_DEMOLITION_PLAN: '报送拆除活动土壤污染防治工作方案',
  START_DEMOLITION: '开始拆除',
  COMPLETE_DEMOLITION: '拆除完成',
  RECORD_UNFILED_DEMOLITION: '记录未备案拆除',
  CLOSE: '记录关闭、搬迁或土地变化',
  REMOVE: '移出重点监管单位名录',
};

export const KEY_UNIT_START_EVENT_LABELS: Readonly<Record<string, string>> = { LIST: '列入重点监管单位名录' };

export const DUTY_LABELS: Readonly<Record<Duty, string>> = {
  toxicDischarge: '有毒有害物质排放情况年度报告',
  hiddenDangerInspection: '土壤污染隐患排查报告',
  selfMonitoring: '土壤和地下水自行监测报告',
};

export const CLOSURE_REASON_LABELS: Readonly<Record<ClosureReason, string>> = {
  closure: '关闭',
  relocation: '搬迁',
  bankruptcy: '破产',
  useChange: '土地用途变更',
  takeBack: '土地使用权收回',
  transfer: '土地使用权转让',
};

export function stateLabel(path: string): string {
  return KEY_UNIT_STATE_LABELS[path] ?? path;
}

/** Rows written outside the statechart: a bureau's 催办 and 督办 of a unit's duty (src/supervision). */
const SUPERVISION_EVENT_LABELS: Readonly<Record<string, string>> = { URGE_DUTY: '催办', SUPERVISE_DUTY: '督办' };

export function eventLabel(type: string): string {
  return (KEY_UNIT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? KEY_UNIT_START_EVENT_LABELS[type] ?? SUPERVISION_EVENT_LABELS[type] ?? type;
}

const yearText = (e: Record<string, unknown>) => (typeof e.year === 'number' ? `${e.year} 年` : '该年');
const dutyText = (e: Record<string, unknown>) => DUTY_LABELS[e.duty as Duty] ?? '年度义务报告';
const leadTime = (e: Record<string, unknown>) =>
  (e.leadTime ?? {}) as { workingDaysUntilStart?: number; requiredWorkingDays?: number };
const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? String(x) : '—');
const ctx = (c: Record<string, unknown>) =>
  c as { listedOn?: string; closure?: { on?: string } | null; demolitions?: { status: string; plannedStart: string }[] };
const openPlanStart = (c: Record<string, unknown>) =>
  ctx(c).demolitions?.find((d) => d.status === 'filed' || d.status === 'started')?.plannedStart ?? '—';

/** What the report named should have been, for the event it was named in. */
function reportWanted(e: Record<string, unknown>): string {
  if (e.type === 'RECORD_BUREAU_MONITORING') return '本单位周边土壤监测报告（土壤法第二十一条第五款）';
  if (e.type === 'FILE_DEMOLITION_PLAN') return '本单位的拆除活动土壤污染防治工作方案（土壤法第二十二条第二款）';
  return `本单位的${dutyText(e)}（土壤法第二十一条第二款）`;
}

/** Why each guard refuses, in Chinese: the reason of the engine's 422 answers and of the console. */
export const KEY_UNIT_GUARD_REASONS: Readonly<Record<KeyUnitGuardName, GuardReason>> = {
  reportOfThisUnitAndKind: (e) => `所选文件不是${reportWanted(e)}，请先上传该报告再报送`,
  selfMonitoringCoversSoilAndGroundwater:
    '自行监测报告须同时包括土壤和地下水的监测数据（土壤法第二十一条第二款第三项；《工矿用地土壤环境管理办法（试行）》）',
  selfMonitoringScreened:
    '自行监测报告的样品须先完成筛选，以便发现监测数据异常时由生态环境部门及时调查（土壤法第二十一条第四款）',
  yearNotInFuture: (e) => `${yearText(e)}尚未开始，不能报送该年度的报告`,
  yearNotBeforeListing: (e, c) =>
    `本单位于 ${ctx(c).listedOn ?? '—'} 列入重点监管单位名录，${yearText(e)}不在其履行义务的年度内（土壤法第二十一条第二款）`,
  dutyNotYetFiledForYear: (e) =>
    `本单位${yearText(e)}度的${dutyText(e)}已报送；每项义务每年度报送一次（土壤法第二十一条第二款第一项：按年度报告），如需更正请联系生态环境部门`,
  bureauMonitoringNotYetRecordedForYear: (e) => `${yearText(e)}度的周边土壤监测已登记（土壤法第二十一条第五款）`,
  yearNotAfterClosure: (e, c) => `本单位已于 ${ctx(c).closure?.on ?? '—'} 关闭，不再报送${yearText(e)}度的报告`,
  plannedStartIsDate: '请填写有效的计划拆除开工日期（土壤法第二十二条第二款）',
  demolitionLeadTimeMet: (e) =>
    `拆除活动土壤污染防治工作方案须在拆除开工前至少 ${n(leadTime(e).requiredWorkingDays)} 个工作日报生态环境、工业和信息化主管部门备案，距计划开工日仅 ${n(leadTime(e).workingDaysUntilStart)} 个工作日（土壤法第二十二条第二款）；请推迟计划开工日期后重新报送`,
  noDemolitionStarted: '本单位有正在实施的拆除活动，拆除完成后方可报送新的拆除方案',
  plannedStartReached: (_e, c) =>
    `未到备案方案的计划开工日（${openPlanStart(c)}），不能开始拆除（土壤法第二十二条第二款：备案并实施）`,
  completionDated: '拆除完成日期须不早于开工日期，且不晚于今天',
  observationRecorded: '请填写发现拆除的日期（不晚于今天）和现场情况',
  demolitionNotCoveredByPlan:
    '该日期的拆除活动已有备案的土壤污染防治工作方案，不属于未备案拆除（土壤法第二十二条第二款、第九十五条第一项）',
  closureReasonKnown: '请选择原因：关闭、搬迁、破产、土地用途变更、土地使用权收回或转让（土壤法第六十七条）',
  closureDated: '关闭日期须为有效日期，不晚于今天，且不早于列入名录的日期',
  removalReasonGiven: '移出重点监管单位名录须写明理由（土壤法第二十一条第一款：名录适时更新）',
  removalDated: '移出日期须为有效日期，不晚于今天，且不早于列入名录的日期',
  listedOnNotFuture: '列入名录的日期须为有效日期，且不晚于今天（土壤法第二十一条第一款）',
};

export const KEY_UNIT_START_REFUSALS: StartRefusals = {
  eeb: '只能将本辖区内的单位列入重点监管单位名录',
  otherRoles: '只有单位所在地的生态环境部门可以将单位列入重点监管单位名录',
};

/** The Chinese reason of a refusing guard, for the refused event in its context. */
export function guardReason(
  guard: { name: string; negated?: boolean },
  event: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): string {
  const reason = guard.negated ? undefined : KEY_UNIT_GUARD_REASONS[guard.name as KeyUnitGuardName];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}
