/**
 * What a person reads when a rule refuses an event: one sentence per guard of
 * the statecharts, saying which rule and, where it helps, what to do.
 */
type Reason = string | ((event: Record<string, unknown>, context: Record<string, unknown>) => string);

const VERDICT_LABELS: Record<string, string> = {
  no_data: '尚无经筛查的样品数据',
  below_screening: '低于筛选值',
  above_screening: '超过筛选值',
  above_intervention: '超过管制值',
};

export const GUARD_REASONS: Record<string, Reason> = {
  organisationIsConsultant: '受委托单位必须是已登记的第三方机构（土壤法第四十三条）',
  evaluatorIndependentOfImplementer:
    '效果评估须另行委托：评估单位不得是修复施工单位或风险管控/修复方案的编制单位（土壤法第六十五条）',
  investigationConsultantAssigned: '启动调查前须先委托调查单位（ASSIGN_CONSULTANT，work=investigation）',
  reportExists: '报告不存在，请先上传报告',
  reportKindIs: '报告类型与当前阶段不符',
  reportBelongsToPlot: '该报告不属于本地块',
  reportByAssignedConsultant: '该报告不是由本阶段受委托的第三方机构上传的',
  reportHasScreenedSamples: '调查报告须附样品检测数据（CSV），并经 GB 36600-2018 筛查',
  isRequiredReviewer: '本阶段的审查不需要贵部门参与（效果评估报告由生态环境部门备案审查）',
  bureauHasNotApproved: '贵部门已在本轮审查中同意，须等待会同部门的意见',
  allRequiredBureausApproved: '尚有会同审查部门未同意',
  samplesBelowScreening: (e) =>
    `样品筛查结论为“${VERDICT_LABELS[String(e.screeningVerdict ?? 'no_data')] ?? String(e.screeningVerdict)}”：数据不支持作出非污染地块结论（GB 36600-2018；土壤法第九十条）`,
  samplesAboveScreening: (e) =>
    `样品筛查结论为“${VERDICT_LABELS[String(e.screeningVerdict ?? 'no_data')] ?? String(e.screeningVerdict)}”，无法据此作出调查结论`,
  riskAcceptable: '风险评估报告缺少结构化结论 riskAcceptable',
  riskUnacceptable: '风险评估报告缺少结构化结论 riskAcceptable',
  targetsAchieved: '效果评估报告缺少结构化结论 targetsAchieved',
  targetsNotAchieved: '效果评估报告缺少结构化结论 targetsAchieved',
  landClassConcluded: '效果评估报告须写明准予的用地类别（permittedLandClass：1 或 2）',
  worksStageIs: '无法确定地块此前所处的风险管控或修复阶段',
  reasonGiven: '退回须说明理由',
  noticeBoardComplete: '施工公告牌的每一项（工程名称、施工单位、措施、联系方式、起止日期）都须填写（土壤法第四十条）',
  contractorRegistered: '施工单位须是系统中已登记的机构',
  noOpenTransports: (e) => `本地块尚有 ${String(e.openTransports)} 批污染土壤转运未办结，不能完成修复施工（土壤法第四十一条）`,
  transportPlanComplete: '转运计划的每一项（时间、方式、路线、承运人、车辆、数量、去向、最终处置）都须填写（土壤法第四十一条）',
  plotInRemediationWorks: '只有处于修复施工中的地块可以报告污染土壤转运',
  leadTimeOfWorkingDaysMet: (e) => {
    const lt = e.leadTime as { workingDaysUntilStart?: number; requiredWorkingDays?: number } | undefined;
    return `转运须提前 ${lt?.requiredWorkingDays ?? '?'} 个工作日报告，计划开始日期距今仅 ${lt?.workingDaysUntilStart ?? '?'} 个工作日（法定节假日不计，调休上班日计入）`;
  },
  sidesNotYetAcknowledged: '贵局已确认过此转运报告',
  completesAcknowledgement: '尚待另一方生态环境部门确认',
  plannedStartReached: '未到计划开始日期，不能启运',
  receivedWithinTolerance: '接收量与启运量之差超过允许误差',
  explanationGiven: '须说明差异的原因',
};

export function reasonFor(guard: string, event: Record<string, unknown>, context: Record<string, unknown>): string {
  const negated = guard.startsWith('not:');
  const name = negated ? guard.slice(4) : guard;
  if (negated && name === 'allRequiredBureausApproved') return '会同审查已全部同意';
  const r = GUARD_REASONS[name];
  if (!r) return `规则 ${guard} 不允许此操作`;
  return typeof r === 'string' ? r : r(event, context);
}
