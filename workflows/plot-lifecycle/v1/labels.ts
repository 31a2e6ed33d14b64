import type { PlotEventType } from './events';
import type { GuardReason, StartRefusals } from '../../types';
import type { plotLifecycleGuards } from './guards';

/**
 * Chinese labels for the UI and the filing documents. Every state node has a
 * label under its dotted path; a test checks the table against the machine.
 */
export const PLOT_STATE_LABELS: Readonly<Record<string, string>> = {
  suspected: '疑似污染地块',
  investigation: '土壤污染状况调查',
  'investigation.preliminary': '初步调查',
  'investigation.preliminary.drafting': '初步调查 · 编制报告',
  'investigation.preliminary.underReview': '初步调查 · 审查中',
  'investigation.detailed': '详细调查',
  'investigation.detailed.drafting': '详细调查 · 编制报告',
  'investigation.detailed.underReview': '详细调查 · 审查中',
  riskAssessment: '风险评估',
  'riskAssessment.drafting': '风险评估 · 编制报告',
  'riskAssessment.underReview': '风险评估 · 审查中',
  listed: '纳入名录',
  'listed.prioritization': '纳入名录 · 优先控制名录',
  'listed.awaitingPlan': '待报送方案',
  'listed.riskControl': '风险管控',
  'listed.remediation': '治理与修复',
  'listed.remediation.planFiled': '治理与修复 · 方案待备案',
  'listed.remediation.ready': '治理与修复 · 待施工',
  'listed.remediation.inProgress': '治理与修复 · 施工中',
  'listed.effectEvaluation': '效果评估',
  'listed.effectEvaluation.drafting': '效果评估 · 编制报告',
  'listed.effectEvaluation.underReview': '效果评估 · 审查中',
  'listed.awaitingRemoval': '待申请移出名录',
  'listed.removalReview': '申请移出名录 · 审查中',
  released: '移出名录 · 准予按规划用途开发利用',
  cleared: '非污染地块 / 风险可接受',
};

export const PLOT_EVENT_LABELS: Readonly<Record<PlotEventType, string>> = {
  ISSUE_INVESTIGATION_NOTICE: '下达调查通知',
  ASSIGN_CONSULTANT: '委托第三方机构',
  START_INVESTIGATION: '启动调查',
  SUBMIT_REPORT: '提交报告',
  APPROVE: '评审通过',
  RETURN: '退回修改',
  SET_PRIORITY: '确定优先控制次序与负面清单',
  FILE_CONTROL_PLAN: '报送风险管控方案',
  FILE_REMEDIATION_PLAN: '报送修复方案',
  SUBMIT_MONITORING_REPORT: '报送监测报告',
  ACKNOWLEDGE_FILING: '方案备案',
  START_WORKS: '修复开工',
  COMPLETE_WORKS: '修复完工',
  REQUEST_EFFECT_EVALUATION: '申请效果评估',
  APPLY_REMOVAL: '申请移出名录',
};

/** Chinese label of a dotted state path, e.g. '初步调查 · 审查中'; the path itself if unknown. */
export function stateLabel(path: string): string {
  return PLOT_STATE_LABELS[path] ?? path;
}

/** The start's event (plotLifecycleStart.event), which the first audit row records: not an event of the machine. */
export const PLOT_START_EVENT_LABELS: Readonly<Record<string, string>> = {
  REGISTER: '登记疑似污染地块',
};

/** Chinese label of an event type, the start's included; the type itself if unknown. */
export function eventLabel(type: string): string {
  return (PLOT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? PLOT_START_EVENT_LABELS[type] ?? type;
}

const VERDICT_LABELS: Readonly<Record<string, string>> = {
  no_data: '尚无经筛查的样品数据',
  below_screening: '低于筛选值',
  above_screening: '超过筛选值',
  above_intervention: '超过管制值',
};

const verdictOf = (e: Record<string, unknown>) => VERDICT_LABELS[String(e.screeningVerdict ?? 'no_data')] ?? '无法识别';

/** Why each guard refuses, in Chinese: the reason of the engine's 422 answers and of the console. */
export const PLOT_GUARD_REASONS: Readonly<Record<keyof typeof plotLifecycleGuards, GuardReason>> = {
  organisationIsConsultant: '受委托单位必须是已登记的第三方机构（土壤法第四十三条）',
  evaluatorIndependentOfImplementer:
    '效果评估须另行委托：评估单位不得是修复施工单位或风险管控/修复方案的编制单位（土壤法第六十五条）',
  investigationConsultantAssigned: '启动调查前须先委托调查单位（委托事项：土壤污染状况调查）',
  reportExists: '报告不存在，请先上传报告',
  reportKindIs: '报告类型与当前阶段不符',
  reportBelongsToPlot: '该报告不属于本地块',
  reportByAssignedConsultant: '该报告不是由本阶段受委托的第三方机构上传的',
  reportHasScreenedSamples: '调查报告须附样品检测数据（CSV），并经 GB 36600-2018 筛查',
  isRequiredReviewer: '本阶段的审查不需要贵部门参与（效果评估报告由生态环境部门备案审查）',
  bureauHasNotApproved: '贵部门已在本轮审查中同意，须等待会同部门的意见',
  allRequiredBureausApproved: '尚有会同审查部门未同意',
  samplesBelowScreening: (e) =>
    `样品筛查结论为“${verdictOf(e)}”：数据不支持作出非污染地块结论（GB 36600-2018；土壤法第九十条）`,
  samplesAboveScreening: (e) => `样品筛查结论为“${verdictOf(e)}”，无法据此作出调查结论`,
  riskAcceptable: '风险评估报告须写明风险是否可接受',
  riskUnacceptable: '风险评估报告须写明风险是否可接受',
  targetsAchieved: '效果评估报告须写明是否达到修复目标',
  targetsNotAchieved: '效果评估报告须写明是否达到修复目标',
  landClassConcluded: '效果评估报告须写明准予的用地类别（第一类或第二类用地）',
  worksStageIs: '无法确定地块此前所处的风险管控或修复阶段',
  reasonGiven: '退回须说明理由',
  noticeBoardComplete: '施工公告牌的每一项（工程名称、施工单位、措施、联系方式、起止日期）都须填写（土壤法第四十条）',
  contractorRegistered: '施工单位须是系统中已登记的机构',
  noOpenTransports: (e) => `本地块尚有 ${String(e.openTransports)} 批污染土壤转运未办结，不能完成修复施工（土壤法第四十一条）`,
};

/** Why registering a plot is refused to a caller, by role. */
export const PLOT_START_REFUSALS: StartRefusals = {
  eeb: '只能登记本辖区内的地块',
  holder: '土地使用权人只能登记本单位的地块',
  otherRoles: '只有生态环境局或土地使用权人可以登记地块',
};

/** Reasons of guards that refuse when they hold (`not …` in the machine). */
const NEGATED_REASONS: Readonly<Partial<Record<keyof typeof plotLifecycleGuards, string>>> = {
  allRequiredBureausApproved: '会同审查已全部同意',
};

/** The Chinese reason of a refusing guard, for the refused event in its context. */
export function guardReason(
  guard: { name: string; negated?: boolean },
  event: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): string {
  const name = guard.name as keyof typeof plotLifecycleGuards;
  const reason = guard.negated ? NEGATED_REASONS[name] : PLOT_GUARD_REASONS[name];
  if (reason === undefined) return '不符合办理条件';
  return typeof reason === 'string' ? reason : reason(event, context);
}
