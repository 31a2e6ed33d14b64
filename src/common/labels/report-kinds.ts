// Shared by the API and the web console (web/tsconfig.json maps @shared/* here): data only, no Node, no DOM.
import type { ReportKind } from '../../../workflows/plot-lifecycle/v1/events';

/** The plot's report kinds in words: the upload form, the stage refusals, the filings and the console name them so. */
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  preliminary_investigation: '初步调查报告',
  detailed_investigation: '详细调查报告',
  risk_assessment: '风险评估报告',
  control_plan: '风险管控方案',
  remediation_plan: '修复方案',
  monitoring: '定期监测报告',
  effect_evaluation: '效果评估报告',
  transport_receipt: '转运接收证明',
  decision_record: '决定文书扫描件',
};
