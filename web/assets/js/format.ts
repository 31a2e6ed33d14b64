// Labels and formats shared by the pages. Times are shown in China Standard Time. The label tables the API also uses
// come from src/common/labels (as @shared/…), never copied here.
import { LAND_CLASS_LABELS } from '@shared/land-classes';
import { REPORT_KIND_LABELS } from '@shared/report-kinds';
import { ROLE_LABELS } from '@shared/roles';

export { LAND_CLASS_LABELS, REPORT_KIND_LABELS, ROLE_LABELS };

/** A table's label for a key that came from the server (any string), or undefined when the table has none. */
export function labelOf<K extends string | number>(table: Readonly<Record<K, string>>, key: unknown): string | undefined {
  return key !== null && key !== undefined && Object.prototype.hasOwnProperty.call(table, String(key)) ? table[String(key) as K] : undefined;
}

/** The structured conclusion of a report as the API returns it (src/reports/dto/conclusions.dto.ts), each part optional. */
interface Conclusion {
  riskAcceptable?: boolean;
  targetsAchieved?: boolean;
  permittedLandClass?: number;
  pollutants?: string[];
  targets?: string;
  period?: string;
  quantityT?: number;
  summary?: string;
}

const TZ = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

function toDate(value: unknown): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026-03-05 14:07 (北京时间). */
export function dateTime(value: unknown): string {
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(dateTimeFormat, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 2026-03-05; a plain YYYY-MM-DD is a calendar date already and is shown as is. */
export function date(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = toDate(value);
  if (!d) return '—';
  const p = parts(dateFormat, d);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today in China Standard Time, YYYY-MM-DD. */
export function today(): string {
  return date(new Date());
}

/** A YYYY-MM-DD that names a real calendar day. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function number(value: unknown, digits = 2): string {
  if (value === undefined || value === null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString('zh-CN', { maximumFractionDigits: digits }) : String(value);
}


/** Levels of government (DESIGN §1.1). */
export const LEVEL_LABELS = { province: '省级', city: '市级', district: '区（县）级' };

/** The bureaus that decide a step, in words: 生态环境 会同 自然资源. */
export const BUREAU_LABELS = { eeb: '生态环境', land: '自然资源' };

/** The expert panel's conclusion (环办土壤〔2019〕63号). */
export const PANEL_CONCLUSION_LABELS = { pass: '通过', passWithRevisions: '修改后通过', fail: '不通过' };

/** Whose report the holder discloses (42号令). */
export const DISCLOSED_WORK_LABELS = { investigation: '土壤污染状况调查报告', riskAssessment: '风险评估报告', effectEvaluation: '效果评估报告' };

export const STAGES = [
  { value: 'suspected', label: '疑似污染地块' },
  { value: 'investigation', label: '土壤污染状况调查' },
  { value: 'riskAssessment', label: '风险评估' },
  { value: 'listed', label: '纳入名录' },
  { value: 'released', label: '移出名录' },
  { value: 'cleared', label: '非污染地块 / 风险可接受' },
];

export const WORK_LABELS = {
  investigation: '土壤污染状况调查',
  riskAssessment: '风险评估',
  effectEvaluation: '效果评估',
};


export const VERDICT_LABELS = {
  no_data: '尚无样品数据',
  below_screening: '未超过筛选值',
  above_screening: '超过筛选值',
  above_intervention: '超过管制值',
};


/** Land uses of GB 50137 that forms offer (free text is accepted too). */
export const LAND_USES = [
  '住宅', '公共管理与公共服务用地', '商业服务业设施用地', '工业', '物流仓储用地',
  '道路与交通设施用地', '公用设施用地', '绿地与广场用地', '教育用地', '医疗卫生用地',
];

export function stageOf(state: unknown): string {
  return String(state ?? '').split('.')[0];
}

export function stageLabel(stage: string): string {
  return STAGES.find((s) => s.value === stage)?.label ?? stage;
}

/** The role in words; a bureau's officer with its level (省级生态环境部门). */
export function roleLabel(role: string | null | undefined, level?: string | null): string {
  if ((role === 'eeb' || role === 'land') && level && level !== 'district') return `${labelOf(LEVEL_LABELS, level) ?? ''}${BUREAU_LABELS[role]}部门`;
  return labelOf(ROLE_LABELS, role) ?? role ?? '—';
}

/** Whole days from one YYYY-MM-DD to another (calendar days, both in China Standard Time). */
export function daysBetween(from: unknown, to: unknown): number | null {
  if (!isIsoDate(String(from ?? '')) || !isIsoDate(String(to ?? ''))) return null;
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(String(to)) - ms(String(from))) / 86_400_000);
}

/** The structured conclusion of a report, in words. */
export function conclusionText(_kind: string, conclusion: unknown): string {
  if (!conclusion || typeof conclusion !== 'object') return '—';
  const c = conclusion as Conclusion;
  const out: string[] = [];
  if (typeof c.riskAcceptable === 'boolean') out.push(c.riskAcceptable ? '风险可接受' : '风险不可接受');
  if (typeof c.targetsAchieved === 'boolean') out.push(c.targetsAchieved ? '达到目标' : '未达到目标');
  if (c.permittedLandClass) out.push(`准予${labelOf(LAND_CLASS_LABELS, c.permittedLandClass) ?? c.permittedLandClass}`);
  if (Array.isArray(c.pollutants) && c.pollutants.length) out.push(`污染物：${c.pollutants.join('、')}`);
  if (c.targets) out.push(`目标：${c.targets}`);
  if (c.period) out.push(`监测期：${c.period}`);
  if (c.quantityT !== undefined) out.push(`接收量：${c.quantityT} 吨`);
  if (c.summary) out.push(c.summary);
  return out.length ? out.join('；') : '—';
}

/** Items from an answer that is either a list or {items: [...]}. */
export function itemsOf<T = unknown>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const items = data && typeof data === 'object' ? (data as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? (items as T[]) : [];
}

// —— Part 2 of the law (workflows/plot-lifecycle/v2/context.ts): why a plot entered, who answers for it, aftercare ——

/** Why a plot enters the procedure (土壤法第五十九条、第六十七条), each with the line the registration form shows. */
export const REGISTRATION_REASONS = [
  { value: 'suspected', label: '疑似污染地块', hint: '从事过有色金属冶炼、化工等行业生产经营活动，或排查、监测发现可能存在污染的地块；须开展采样调查。' },
  { value: 'useChange', label: '用途变更为住宅、公共管理与公共服务用地', hint: '用途变更为住宅、公共管理与公共服务用地的，变更前应当开展土壤污染状况调查（土壤法第五十九条第二款）。' },
  { value: 'keyUnitLand', label: '土壤污染重点监管单位用地收回、转让或用途变更', hint: '重点监管单位生产经营用地的用途变更或土地使用权收回、转让前开展调查，报告同时报不动产登记机构（土壤法第六十七条）。' },
];
export const REGISTRATION_REASON_LABELS = Object.fromEntries(REGISTRATION_REASONS.map((r) => [r.value, r.label]));

/** Why the organisation carrying the control and remediation duties is who it is (土壤法第四十五条、第六十八条). */
export const CONTROL_BASIS_LABELS = {
  holder: '土地使用权人',
  responsibleParty: '土壤污染责任人（第四十五条）',
  government: '地方人民政府组织实施（第六十八条）',
  contract: '合同约定的责任人',
};

/** The responsible party as the bureaus established it (土壤法第四十八条). */
export const RESPONSIBLE_STATUS_LABELS = { identified: '已认定', unidentifiable: '无法认定', extinct: '责任主体灭失' };

export const FORMER_HOLDER_HOW_LABELS = { takenBack: '土地使用权被收回', transferred: '土地使用权已转让' };

export const REOPEN_REASON_LABELS = { useChange: '用途变更', newEvidence: '发现新的污染证据' };

export const AFTERCARE_KIND_LABELS = { monitoring: '长期监测', institutionalControl: '制度控制' };

export const ZONE_MEDIUM_LABELS = { soil: '土壤', groundwater: '地下水', surfaceWater: '地表水', air: '空气' };

/**
 * The uses a reopening for a change of use may name: 住宅 and 公共管理与公共服务用地 with their subclasses
 * (reference/land-use-classes.json `mandatoryNegative` and the uses under them; the server's guard decides).
 */
export const SENSITIVE_USES = [
  '住宅', '幼儿园用地', '托儿所用地',
  '公共管理与公共服务用地', '行政办公用地', '文化设施用地', '教育用地', '中小学用地', '高等院校用地', '中等专业学校用地',
  '特殊教育用地', '科研用地', '体育用地', '医疗卫生用地', '社会福利用地', '文物古迹用地', '外事用地', '宗教用地',
];

/** The Chinese half of a bilingual description from a machine definition ("中文 / English"). */
export function zhText(text: unknown): string {
  return String(text ?? '').split(' / ')[0].trim();
}

// The plot-lifecycle version the server runs for new plots (workflows/registry.ts CURRENT_VERSION).
const CURRENT_PLOT_WORKFLOW = 2;

/** Which rules a record follows, in words: the current procedure, or the earlier one it was started under. */
export function workflowLabel(version: unknown): string {
  return Number(version ?? 1) >= CURRENT_PLOT_WORKFLOW ? '现行流程（分级决定）' : '原流程（区级决定，可由管理员迁移至现行流程）';
}

/** A basis from reference/ as a person reads it: the marker of a fact not yet checked against the text, in Chinese. */
export function basisText(text: unknown): string {
  return String(text ?? '').replace(/UNVERIFIED[:：]\s*/g, '尚待核实：');
}

/** The sample file's columns by the Chinese headers of its template (src/evidence/sample-headers.ts CHINESE_HEADERS). */
export const SAMPLE_COLUMN_LABELS = {
  sample_id: '样品编号', x: '经度', y: '纬度', depth_m: '采样深度', analyte: '检测项目', value: '检测值', unit: '单位',
  detection_limit: '检出限', medium: '介质',
};
