import type { PlotEventType } from './events';
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

/** Chinese label of an event type; the type itself if unknown. */
export function eventLabel(type: string): string {
  return (PLOT_EVENT_LABELS as Readonly<Record<string, string>>)[type] ?? type;
}

/** Why each guard refuses, in Chinese, for 422 answers and the UI. */
export const PLOT_GUARD_REASONS: Readonly<Record<keyof typeof plotLifecycleGuards, string>> = {
  organisationIsConsultant: '被委托单位不是登记的第三方机构',
  evaluatorIndependentOfImplementer: '效果评估单位不得为修复施工单位或方案编制单位（应另行委托）',
  investigationConsultantAssigned: '尚未委托调查单位',
  reportExists: '报告不存在',
  reportKindIs: '报告类型与本阶段不符',
  reportBelongsToPlot: '报告不属于本地块',
  reportByAssignedConsultant: '报告不是由受委托的第三方机构编制',
  reportHasScreenedSamples: '调查报告缺少已筛选的样品数据',
  isRequiredReviewer: '本阶段不由该部门评审',
  bureauHasNotApproved: '该部门已在本轮出具意见',
  allRequiredBureausApproved: '尚有部门未出具意见',
  samplesBelowScreening: '样品筛选结论不是“低于筛选值”',
  samplesAboveScreening: '样品筛选结论不是“超过筛选值”',
  riskAcceptable: '风险评估报告未结论风险可接受',
  riskUnacceptable: '风险评估报告未结论风险不可接受',
  targetsAchieved: '效果评估报告未结论达到目标',
  targetsNotAchieved: '效果评估报告未结论未达到目标',
  landClassConcluded: '效果评估报告未载明准予的用地类别',
  worksStageIs: '地块不在相应的管控或修复阶段',
  reasonGiven: '未说明退回理由',
  noticeBoardComplete: '施工公告牌信息不完整',
  contractorRegistered: '施工单位未登记',
  noOpenTransports: '尚有未完成的污染土壤转运',
};

/** Chinese reason of a guard by name; the name itself if unknown. */
export function guardReason(name: string): string {
  return (PLOT_GUARD_REASONS as Readonly<Record<string, string>>)[name] ?? name;
}
