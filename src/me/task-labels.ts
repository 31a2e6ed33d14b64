/**
 * What a to-do asks the caller to do, named as a task ("审查初步调查报告") rather than by the outcome the event hopes
 * for ("评审通过", issue 22 point 2). Events whose label already names the work keep it.
 */
const SUBJECTS: Readonly<Record<string, string>> = {
  'investigation.preliminary': '初步调查报告',
  'investigation.detailed': '详细调查报告',
  riskAssessment: '风险评估报告',
  'listed.effectEvaluation': '效果评估报告',
  'listed.removalReview': '移出名录申请',
  'listed.removalPublicity': '移出名录决定',
};

const REVIEW_TASKS: Readonly<Record<string, (subject: string) => string>> = {
  APPROVE: (s) => `审查${s}`,
  FORWARD: (s) => `将${s}报送上级部门`,
  FORM_PANEL: (s) => `组织专家评审${s}`,
  RECORD_EXPERT_OPINION: (s) => `记录${s}的专家意见`,
  CONCLUDE_PANEL: (s) => `形成${s}的专家评审结论`,
  RECORD_DECISION: (s) => `录入上级部门对${s}的决定`,
  SUBMIT_REVISION: (s) => `提交修改后的${s}`,
  ACCEPT_REVISION: (s) => `确认修改后的${s}`,
  SUBMIT_REPORT: (s) => `编制并提交${s}`,
  END_PUBLICITY: (s) => `公示期满后确认${s}生效`,
};

const FIXED_TASKS: Readonly<Record<string, string>> = {
  ACKNOWLEDGE_FILING: '审查方案并备案',
  START_WORKS: '报告修复工程开工',
  COMPLETE_WORKS: '报告修复工程完工',
  SET_PRIORITY: '确定优先控制次序与负面清单',
  ISSUE_INVESTIGATION_NOTICE: '下达土壤污染状况调查通知',
  START_INVESTIGATION: '按通知启动土壤污染状况调查',
  ASSIGN_CONSULTANT: '委托第三方机构',
  APPLY_REMOVAL: '申请移出名录',
  ACKNOWLEDGE: '审查并确认转运报告',
  RESOLVE: '核查接收差异并作出结论',
  RECORD_RECEIPT: '登记接收情况',
  DISPATCH: '安排发运',
};

function subjectOf(state: string): string | undefined {
  const key = Object.keys(SUBJECTS).find((k) => state === k || state.startsWith(`${k}.`));
  return key ? SUBJECTS[key] : undefined;
}

/** The task an allowed event stands for in the item's state; `fallback` (the event's label) where nothing better is known. */
export function taskLabel(state: string, event: string, fallback: string): string {
  const subject = subjectOf(state);
  if (subject && REVIEW_TASKS[event]) return REVIEW_TASKS[event](subject);
  return FIXED_TASKS[event] ?? fallback;
}
