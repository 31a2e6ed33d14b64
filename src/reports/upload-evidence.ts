import { plotStateLabel, type ReportKind } from '../../workflows';
import { ConflictError, GuardRefusedError, ValidationFailedError, type FieldError } from '../common/errors';
import type { AnalyteCatalogue } from '../evidence/analytes';
import type { ScreeningStandard } from '../evidence/gb36600';
import type { SampleMedium, SampleRow } from '../evidence/sample-row';
import type { AnalyteScreening } from '../evidence/screening';
import { REPORT_KIND_LABELS } from './dto/conclusions.dto';
import type { RemediationTarget } from './dto/evidence-conclusions.dto';

/**
 * Which reports each stage of the plot's procedure expects (《污染地块土壤环境管理办法（试行）》
 * 第十四条至第二十七条; 土壤法第五十九条至第六十六条): an investigation while the plot is suspected
 * or under investigation, the risk assessment in its stage, plans, monitoring and transport
 * receipts while the plot is listed, the effect evaluation after the works. By state path prefix,
 * the longest first. Kinds not tied to a stage (the scan of a decision recorded by the district)
 * are accepted in every stage.
 */
const STAGE_KINDS: ReadonlyArray<readonly [string, readonly ReportKind[]]> = [
  ['suspected', ['preliminary_investigation']],
  ['investigation.preliminary', ['preliminary_investigation']],
  ['investigation.detailed', ['detailed_investigation']],
  ['riskAssessment', ['risk_assessment']],
  ['listed.prioritization', ['control_plan', 'remediation_plan', 'monitoring']],
  ['listed.awaitingPlan', ['control_plan', 'remediation_plan', 'monitoring']],
  ['listed.riskControl', ['control_plan', 'monitoring', 'transport_receipt']],
  ['listed.remediation', ['remediation_plan', 'monitoring', 'transport_receipt']],
  ['listed.effectEvaluation', ['effect_evaluation', 'monitoring', 'transport_receipt']],
  ['listed', ['monitoring']],
  ['released', ['monitoring']],
  // 终身责任制 (土壤法第五十九条): monitoring after the procedure may bring the new evidence that reopens a plot.
  ['cleared', ['monitoring']],
];

const ANY_STAGE_KINDS: readonly string[] = ['decision_record'];

/** The kinds the plot's state expects, or null for a state this table does not know (then nothing is refused). */
export function expectedKinds(state: string): readonly ReportKind[] | null {
  let best: readonly [string, readonly ReportKind[]] | undefined;
  for (const entry of STAGE_KINDS) {
    const [prefix] = entry;
    if ((state === prefix || state.startsWith(`${prefix}.`)) && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

/** A report of a kind its stage does not expect is refused 409, naming the stage and the kinds it expects. */
export function assertStageExpects(state: string, kind: ReportKind): void {
  if (ANY_STAGE_KINDS.includes(kind)) return;
  const expected = expectedKinds(state);
  if (expected === null || expected.includes(kind)) return;
  const stage = plotStateLabel(state);
  const wanted = expected.length ? `本阶段接收${expected.map((k) => REPORT_KIND_LABELS[k]).join('、')}` : '本阶段不再接收报告';
  throw new ConflictError(`地块处于“${stage}”阶段，不接收${REPORT_KIND_LABELS[kind]}；${wanted}`, { state, expectedKinds: expected });
}

/**
 * The required items a preliminary investigation's samples miss: the 45 basic items of GB 36600-2018
 * Table 1 (基本项目: the items the preliminary investigation must test), by Chinese name, in the table's order.
 * Only for a sampled report (the non-sampling first stage has no samples at all).
 */
export function missingRequiredItems(kind: ReportKind, rows: readonly SampleRow[] | undefined, standard: ScreeningStandard): string[] {
  if (kind !== 'preliminary_investigation' || !rows?.length) return [];
  const seen = new Set<string>();
  for (const r of rows) if (r.medium !== 'groundwater') seen.add(r.cas);
  return standard.items.filter((i) => i.basic && !seen.has(i.cas) && !i.casNumbers.some((c) => seen.has(c))).map((i) => i.nameZh);
}

/**
 * GB 36600-2018, 术语“建设用地土壤污染风险管制值”: above the intervention value the risk to health is usually
 * unacceptable and control or remediation is due; a risk assessment concluding the risk
 * acceptable for such a plot is refused, naming the analytes.
 */
export function assertRiskAcceptableAllowed(conclusion: Record<string, unknown>, analytes: readonly AnalyteScreening[]): void {
  if (conclusion.riskAcceptable !== true) return;
  const above = analytes.filter((a) => a.nAboveIntervention > 0);
  if (!above.length) return;
  const names = above.map((a) => `${a.name}（最大值 ${a.max} mg/kg，管制值 ${a.interventionValue} mg/kg）`).join('、');
  throw new GuardRefusedError(
    'riskAcceptableOnlyBelowIntervention',
    `地块经审查的调查数据中${names}超过管制值，对人体健康通常存在不可接受风险，应当采取风险管控或修复措施，风险评估不能得出“风险可接受”的结论（GB 36600-2018 术语和定义：建设用地土壤污染风险管制值）`,
  );
}

/** A risk assessment's targets with each analyte resolved to its item (key and Chinese name); 400 naming each unknown one. */
export function resolveTargets(conclusion: Record<string, unknown>, analytes: AnalyteCatalogue): void {
  const targets = conclusion.targets as RemediationTarget[] | undefined;
  if (!Array.isArray(targets)) return;
  const errors: FieldError[] = [];
  targets.forEach((t, i) => {
    const medium: SampleMedium = t.medium ?? 'soil';
    const item = analytes.find(t.analyte, medium);
    if (!item) {
      const where = medium === 'soil' ? 'GB 36600 或无标准值污染物' : 'GB/T 14848-2017 或无标准值污染物';
      errors.push({ field: `conclusion.targets.${i}.analyte`, message: `“${t.analyte}”不是${where}中的检测项目` });
      return;
    }
    Object.assign(t, { medium, cas: item.cas, name: item.nameZh });
  });
  if (errors.length) throw new ValidationFailedError(errors);
}

const unitOf = (m: SampleMedium) => (m === 'soil' ? 'mg/kg' : 'mg/L');

/**
 * HJ 25.5-2018 (效果评估): the effect evaluation's own samples are compared one by one with the
 * risk assessment's targets; "targets achieved" is refused while any sample exceeds its target,
 * naming the samples and analytes.
 */
export function assertTargetsAchieved(conclusion: Record<string, unknown>, rows: readonly SampleRow[] | undefined, targets: readonly RemediationTarget[]): void {
  if (conclusion.targetsAchieved !== true || !rows?.length || !targets.length) return;
  const byKey = new Map<string, RemediationTarget>();
  for (const t of targets) if (t.cas) byKey.set(`${t.medium ?? 'soil'}|${t.cas}`, t);
  const hits: string[] = [];
  let n = 0;
  for (const r of rows) {
    const t = byKey.get(`${r.medium}|${r.cas}`);
    if (!t || !r.detected || r.value === null || r.value <= t.value) continue;
    n++;
    if (hits.length < 10) hits.push(`${r.sampleId} ${r.analyteName} ${r.value} ${unitOf(r.medium)}（${t.kind} ${t.value}）`);
  }
  if (!n) return;
  const more = n > hits.length ? ` 等 ${n} 项` : '';
  throw new GuardRefusedError(
    'targetsAchievedOnlyIfSamplesMeetTargets',
    `效果评估样品超过风险评估确定的目标值：${hits.join('；')}${more}；不能得出“达到修复或管控目标”的结论（HJ 25.5-2018）`,
  );
}
