import type { GuardReason } from '../../types';
import {
  guardReason as v1GuardReason,
  PLOT_EVENT_LABELS as V1_EVENTS,
  PLOT_GUARD_REASONS as V1_REASONS,
  PLOT_START_EVENT_LABELS,
  PLOT_STATE_LABELS as V1_STATES,
} from '../v1/labels';
import { banReason, type ConsultantBan } from './ban';
import type { PlotEventType } from './events';
import type { plotLifecycleGuards } from './guards';

export { PLOT_START_REFUSALS, PLOT_START_EVENT_LABELS } from '../v1/labels';

/** Chinese labels of v2's states: v1's, with the publicity period of a removal decision. */
export const PLOT_STATE_LABELS: Readonly<Record<string, string>> = {
  ...V1_STATES,
  'investigation.preliminary.underReview': '初步调查 · 评审中',
  'investigation.detailed.underReview': '详细调查 · 评审中',
  'riskAssessment.underReview': '风险评估 · 省级评审中',
  'listed.effectEvaluation.underReview': '效果评估 · 备案审查中',
  'listed.awaitingRemoval': '待申请移出名录',
  'listed.removalReview': '申请移出名录 · 省级审查中',
  'listed.removalPublicity': '移出名录 · 公示中',
};

export const PLOT_EVENT_LABELS: Readonly<Record<PlotEventType, string>> = {
  ...V1_EVENTS,
  FORWARD: '报送上级部门',
  FORM_PANEL: '组织专家评审',
  RECORD_EXPERT_OPINION: '记录专家意见',
  CONCLUDE_PANEL: '形成专家评审结论',
  SUBMIT_REVISION: '提交修改后的报告',
  ACCEPT_REVISION: '确认修改后的报告',
  SET_SITE_VALUE: '确定无标准值污染物的地块限值',
  RECORD_DECISION: '录入上级部门决定',
  RECORD_DISCLOSURE: '记录报告信息公开',
  END_PUBLICITY: '公示期满，决定生效',
  TAKE_BACK: '记录土地使用权收回',
  TRANSFER: '记录土地使用权转让',
  RECORD_RESPONSIBLE_PARTY: '认定土壤污染责任人',
  REOPEN: '重新启动土壤污染状况调查',
  ADD_AFTERCARE: '设定后期管理要求',
  FULFIL_AFTERCARE: '报告后期管理要求已履行',
  PLACE_UNDER_CONTROL_ZONE: '划定管控区域（暂不开发利用）',
  RECORD_ZONE_MONITORING: '报送管控区域环境监测报告',
};

export function stateLabel(path: string): string {
  return PLOT_STATE_LABELS[path] ?? path;
}

/** Rows the engine writes outside the statechart: an administrator's move to a later version. */
const ENGINE_EVENT_LABELS: Readonly<Record<string, string>> = { MIGRATE_VERSION: '迁移至现行流程', URGE_DUTY: '催办', SUPERVISE_DUTY: '督办' };

export function eventLabel(type: string): string {
  return (PLOT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? PLOT_START_EVENT_LABELS[type] ?? ENGINE_EVENT_LABELS[type] ?? type;
}

const LEVEL_LABELS: Readonly<Record<string, string>> = { province: '省级', city: '市级', district: '区（县）级' };
const levelOf = (e: Record<string, unknown>) => LEVEL_LABELS[String((e.deciding as { level?: string } | undefined)?.level)] ?? '';
const monthsOf = (e: Record<string, unknown>, key: string) => String((e.limits as Record<string, number> | undefined)?.[key] ?? '');
/** The configured legal basis of a time limit (reference/decision-steps.json), as the reason cites it. */
const limitBasis = (e: Record<string, unknown>, key: string) => {
  const basis = (e.limits as { basis?: Record<string, string> } | undefined)?.basis?.[key];
  return basis ? `（${basis}）` : '';
};
/** The configured legal basis of the event's step. */
const stepBasis = (e: Record<string, unknown>) => {
  const basis = (e.deciding as { basis?: string[] } | undefined)?.basis ?? [];
  return basis.length ? `（${basis.join('；')}）` : '';
};

/** Why each guard of v2 refuses, in Chinese: the reason of the engine's 422 answers and of the console. */
export const PLOT_GUARD_REASONS: Readonly<Record<keyof typeof plotLifecycleGuards, GuardReason>> = {
  ...V1_REASONS,
  consultantNotBanned: (e) => (e.ban ? banReason(e.ban as ConsultantBan) : '该机构处于禁止从业期限内（土壤法第九十条）'),
  isRequiredReviewer: (e) => `本阶段依法由${levelOf(e)}${bureausOf(e)}决定，贵部门不参与本项决定${stepBasis(e)}`,
  decidedInSystem: (e) =>
    `本阶段由${levelOf(e)}主管部门在系统外作出决定，请由所在地生态环境部门录入该决定（文号、日期、结论和扫描件）`,
  decisionRecorded: (e) => `本阶段由${levelOf(e)}${bureausOf(e)}在系统内作出决定，无需录入外部决定`,
  forwardedIfDecidedAbove: (e) => `本阶段由${levelOf(e)}主管部门决定，须先由所在地生态环境部门报送${stepBasis(e)}`,
  decidedAboveDistrict: '本阶段由所在地主管部门决定，无需报送上级部门',
  notYetForwarded: '本轮评审已报送，不能重复报送',
  panelReviewDone: (e) => `须先完成专家评审：专家组结论为“通过”，或“修改后通过”且修改后的报告已经确认${stepBasis(e)}`,
  expertReviewRequired: '本阶段不需要组织专家评审',
  panelNotFormed: '本轮评审已组织专家组',
  panelLargeEnough: (e) => `专家组须由不少于 ${String(e.minExperts ?? 3)} 名不同的专家组成${limitBasis(e, 'panelMinExperts')}`,
  expertsRegistered: '专家所在单位须是系统中已登记的单位；填写了用户的专家须是该单位的评审专家用户',
  panelFreeOfConflicts: (e) => `回避：专家不得来自报告编制单位、委托单位（土地使用权人）或修复施工单位${stepBasis(e)}`,
  panelFormed: '尚未组织专家组',
  panelNotConcluded: '专家组已形成结论',
  expertOnPanel: '该专家不在本轮评审的专家组中，专家只能填写本人的意见',
  expertHasNotGivenOpinion: '该专家已提交意见',
  opinionGiven: '意见不能为空',
  everyExpertGaveOpinion: '尚有专家未提交意见，不能形成评审结论',
  panelConcludes: '专家组结论不符',
  revisionsRequested: '专家组结论不是“修改后通过”，无需提交修改后的报告',
  noRevisionPending: '修改后的报告已提交，等待主管部门确认',
  revisesReportUnderReview: '修改后的报告须注明其修改的是本轮评审中的报告',
  revisionSubmitted: '尚未提交修改后的报告',
  revisionNotAccepted: '修改后的报告已经确认',
  decisionDocumentGiven: '须填写上级部门决定的文号',
  decisionDateNotFuture: '决定日期须是有效日期，且不能晚于今天',
  decisionScanAttached: '须附本地块已上传的决定文书扫描件（PDF）',
  outcomeIs: '决定结论不符',
  reasonGiven: '退回或不予通过须说明理由',
  dueDateNotPast: (e) => `调查期限须晚于今天${limitBasis(e, 'investigationNoticeMonths')}`,
  dueDateWithinNoticeLimit: (e) =>
    `调查期限不能超过自今日起 ${monthsOf(e, 'investigationNoticeMonths')} 个月${limitBasis(e, 'investigationNoticeMonths')}`,
  disclosedReportSubmitted: '该项工作的报告尚未提交评审，无可公开的报告',
  publishedOnNotFuture: '公开日期须是有效日期，且不能晚于今天',
  disclosurePlaceGiven: '须写明公开的场所或网址',
  effectEvaluationPublicLongEnough: (e) =>
    `效果评估报告须向社会公开满 ${monthsOf(e, 'effectEvaluationPublicMonths')} 个月后方可申请移出名录${limitBasis(e, 'effectEvaluationPublicMonths')}`,
  publicityPeriodOver: (_e, c) => `移出名录决定公示期至 ${String(c.publicityEndsOn ?? '')}，公示期满后方可生效`,
  siteValueSourced: '地块限值须为正数并注明来源（风险评估报告或地方标准）',
  firstStageOnlyWhereLawAllows:
    '疑似污染地块和重新启动调查的地块须开展采样调查，不能在第一阶段（资料收集、现场踏勘、人员访谈）结束调查；只有因用途变更或重点监管单位用地登记、且未发现可能污染源的地块可以（土壤法第五十九条；HJ 25.1-2019）',
  concludedAtFirstStage: '本次调查报告不是第一阶段调查结论（HJ 25.1-2019 第一阶段土壤污染状况调查）',
  monitoringReportsFiled: (e, c) =>
    `风险管控期间须按风险管控方案定期报送监测报告，至少 ${monthsOf(e, 'controlMonitoringReportsMin') || '1'} 份后方可申请效果评估；目前已报送 ${String(((c.monitoringReportIds as unknown[] | undefined) ?? []).length)} 份${limitBasis(e, 'controlMonitoringReportsMin')}`,
  implementerRegisteredIfNamed: '风险管控工程的实施单位须是系统中已登记的单位，以便核对效果评估单位与其相互独立（土壤法第六十五条）',
  landClassWithinAssessedScenario: (_e, c) =>
    `地块实施的是风险管控，污染物未去除：准予的用地类别不能严于风险评估所依据的${c.assessedLandClass === 2 ? '第二类用地' : '用地'}情景（土壤法第六十五条；HJ 25.3-2019）`,
  documentNumberGiven: '须填写决定或合同的文号、编号（本系统的记录要求：收回、转让、责任认定均凭文书）',
  actDateNotFuture: '日期须是有效日期，且不能晚于今天（本系统的记录要求：记录的是已经发生的事）',
  organiserEligible:
    '收回后组织调查的单位须是已登记的土地储备机构（土地使用权人），或地块所在地的自然资源主管部门，且不能是被收回土地使用权的单位（土壤法第六十八条）',
  transfereeEligible: '受让人（及合同约定的责任人）须是系统中已登记的土地使用权人，且不能是转让方本身（《污染地块土壤环境管理办法（试行）》责任主体规定）',
  responsiblePartyComplete:
    '认定为责任人的，须指明已登记的单位；责任主体灭失的，须指明代表所在地人民政府组织实施的单位；无法认定的，由土地使用权人实施（土壤法第四十五条、第四十八条）',
  reopenedForSensitiveUse:
    '因用途变更重新启动调查的，变更后的用途须是住宅、公共管理与公共服务等第一类用地（土壤法第五十九条第二款）',
  reopeningEvidenceAboveValues: '因新的证据重新启动调查的，须附本地块已上传的报告，且其样品检测结果超过筛选值（土壤法第五十九条；GB 36600-2018 筛选值）',
  reopeningExplained: '重新启动调查须说明理由（本系统的记录要求）',
  aftercareWellFormed: '后期管理要求须写明内容，期限须晚于今天（土壤法第四十二条）',
  aftercareOpen: '该项后期管理要求不存在或已履行（土壤法第四十二条第三款）',
  aftercareEvidenceGiven: '监测类后期管理要求须附本地块已上传的监测报告；制度控制类须说明落实情况（土壤法第四十二条第三款）',
  notUnderControlZone: '该地块已划定管控区域（土壤法第六十三条第一项）',
  zoneMonitoringPlanned: '管控区域须列明监测的环境要素（土壤、地下水、地表水、空气，各一次）及监测周期（1–60 个月）（土壤法第六十三条第二项）',
  zoneMonitoringOfPlannedMedium: '须附本地块已上传的监测报告，且该环境要素在管控区域的监测计划中（土壤法第六十三条第二项）',
  requiredItemsSampled: (e) => {
    const missing = ((e.report as { missingRequiredItems?: string[] } | null)?.missingRequiredItems ?? []).slice(0, 10);
    return `初步调查样品缺少 GB 36600-2018 表 1 基本项目：${missing.join('、')}；请补测，或在报告中说明未检测的理由（GB 36600-2018 第 5 章）`;
  },
};

function bureausOf(e: Record<string, unknown>): string {
  const bureaus = (e.deciding as { bureaus?: string[] } | undefined)?.bureaus ?? [];
  return bureaus.map((b) => (b === 'eeb' ? '生态环境主管部门' : '自然资源主管部门')).join('会同');
}

/** The Chinese reason of a refusing guard of v2: its own table, v1's rule for the one guard refused when it holds. */
export function guardReason(
  guard: { name: string; negated?: boolean },
  event: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): string {
  if (guard.negated) return v1GuardReason(guard, event, context);
  const reason = PLOT_GUARD_REASONS[guard.name as keyof typeof plotLifecycleGuards];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}
