// Words of the key-unit pages (workflows/key-unit/v1/labels.ts and the reference lists), and the state badge.
import { get } from '../api.js';
import { h } from '../dom.js';

/** The states a list can be filtered by, in the words of workflows/key-unit/v1/labels.ts. */
export const KEY_UNIT_STATES = [
  { value: 'listed', label: '在名录中' },
  { value: 'demolitionFiled', label: '拆除方案已备案' },
  { value: 'demolishing', label: '拆除中' },
  { value: 'closed', label: '已关闭 · 场地待调查' },
  { value: 'removed', label: '已移出名录' },
];

export const DUTY_LABELS: Record<string, string> = {
  toxicDischarge: '有毒有害物质排放情况年度报告',
  hiddenDangerInspection: '土壤污染隐患排查报告',
  selfMonitoring: '土壤和地下水自行监测报告',
  bureauMonitoring: '生态环境部门周边土壤监测',
};

/** The report kind each duty's file is uploaded as (workflows/key-unit/v1/events.ts KEY_UNIT_REPORT_KINDS). */
export const DUTY_REPORT_KINDS: Record<string, string> = {
  toxicDischarge: 'key_unit_toxic_discharge',
  hiddenDangerInspection: 'key_unit_hidden_danger_inspection',
  selfMonitoring: 'key_unit_self_monitoring',
  bureauMonitoring: 'key_unit_bureau_monitoring',
  demolitionPlan: 'key_unit_demolition_plan',
};

/** The deadline kind of each duty (src/key-units/key-unit-duties.ts UNIT_DEADLINE_KIND): same names as the reports'. */
export const DUTY_DEADLINE_KINDS = DUTY_REPORT_KINDS;

export const CLOSURE_REASONS = [
  { value: 'closure', label: '关闭' },
  { value: 'relocation', label: '搬迁' },
  { value: 'bankruptcy', label: '破产' },
  { value: 'useChange', label: '土地用途变更' },
  { value: 'takeBack', label: '土地使用权收回' },
  { value: 'transfer', label: '土地使用权转让' },
];

/** 土壤法第六十七条: these changes are investigated before they take effect. */
export const INVESTIGATED_BEFORE = ['useChange', 'takeBack', 'transfer'];

export const VERDICT_WORDS: Record<string, string> = {
  below_screening: '未超过筛选值',
  above_screening: '超过筛选值，须进一步调查',
  above_intervention: '超过管制值',
};

export const DEMOLITION_STATUS: Record<string, string> = { filed: '已备案，待开工', started: '拆除中', completed: '已完成', superseded: '已由新方案替代' };

export const EVENT_LABELS: Record<string, string> = {
  FILE_DUTY_REPORT: '报送年度报告',
  RECORD_BUREAU_MONITORING: '记录周边监测',
  FILE_DEMOLITION_PLAN: '报备拆除方案',
  START_DEMOLITION: '开始拆除',
  COMPLETE_DEMOLITION: '拆除完成',
  RECORD_UNFILED_DEMOLITION: '记录未备案拆除',
  CLOSE: '关闭、搬迁、破产或土地变化',
  REMOVE: '移出名录',
};

const BADGE_TONE: Record<string, string> = { listed: 'cleared', demolitionFiled: 'investigation', demolishing: 'riskAssessment', closed: 'suspected', removed: 'ku-removed' };

/** The unit's state as a badge, coloured like the plots' stages. */
export function keyUnitBadge(state: string, label?: string | null): HTMLElement {
  return h('span', { class: `stage-badge ku-state stage-${BADGE_TONE[state] ?? 'cleared'}` }, label ?? KEY_UNIT_STATES.find((s) => s.value === state)?.label ?? '—');
}

/** An industry of reference/key-unit-industries.json. */
export interface Industry {
  code: string;
  name: string;
}

let industryCache: Promise<Industry[]> | undefined;
/** [{code, name}] from GET /key-units/industries (reference/key-unit-industries.json). */
export function industries(): Promise<Industry[]> {
  industryCache ??= get<{ items?: Industry[] }>('/key-units/industries').then((r) => r.items ?? []).catch((e: unknown) => {
    industryCache = undefined;
    throw e;
  });
  return industryCache;
}
