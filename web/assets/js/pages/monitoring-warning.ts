// One monitoring warning and its handling: 核实 → 处置 → 关闭 (上政文〔2017〕147号 三（一）4), each step with its note or reason.
import { api, get, idempotencyKey } from '../api.js';
import { h, type Child } from '../dom.js';
import { makeForm } from '../forms.js';
import { date, number } from '../format.js';
import { refresh } from '../main.js';
import type { PageContext } from '../page.js';
import { errorBox, section, table } from '../widgets.js';

interface Dated {
  on: string;
  note?: string;
  reason?: string;
}

/** GET /monitoring/warnings/:id: the warning, its handling record and the steps the caller may take now. */
interface Warning {
  id: string;
  version: number;
  pointId: string;
  pointCode: string;
  analyte: string;
  stateLabel: string;
  ruleLabel: string;
  factor: number | null;
  allowedEvents: { type: string; label: string }[];
  handling: {
    raisedOn: string;
    verifyDueOn: string;
    handleDueOn: string | null;
    verification: Dated | null;
    confirmation: Dated | null;
    dismissal: Dated | null;
    closure: Dated | null;
    measures: Dated[];
    proposals: (Dated & { kind: string })[];
  };
}

interface Step {
  field: 'note' | 'reason';
  label: string;
  outcome: string;
  tone?: 'danger' | 'normal';
}

interface RecordRow {
  on: string;
  what: string;
  text: string | undefined;
}

const fact = (label: string, value: Child) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));

// What each step does, for its form and its confirmation.
const STEPS: Record<string, Step> = {
  VERIFY_START: { field: 'note', label: '核实安排', outcome: '预警转入核实，复核采样、分析和点位情况。' },
  CONFIRM: { field: 'note', label: '核实结论', outcome: '确认超标，预警转入处置，须在期限内登记处置措施。' },
  DISMISS: { field: 'reason', label: '误报理由', outcome: '预警核实为误报并关闭，理由记录在案。', tone: 'danger' },
  RECORD_MEASURES: { field: 'note', label: '处置措施', outcome: '处置措施记入预警的处置记录。' },
  PROPOSE_INVESTIGATION: { field: 'note', label: '建议说明', outcome: '建议对所关联的地块开展土壤污染状况调查，记入处置记录。' },
  PROPOSE_HIDDEN_DANGER_INSPECTION: { field: 'note', label: '建议说明', outcome: '建议所关联的重点监管单位开展土壤污染隐患排查，记入处置记录。' },
  CLOSE: { field: 'reason', label: '关闭理由', outcome: '预警关闭，处置完毕。' },
};

function stepForm(w: Warning, event: Warning['allowedEvents'][number]): HTMLFormElement | null {
  const step = STEPS[event.type];
  if (!step) return null;
  return makeForm({
    dataset: { testid: `warning-${event.type}` },
    fields: [{ name: step.field, label: step.label, type: 'textarea', required: true, rows: 2, maxLength: 2000, wide: true, validate: (v) => (String(v).trim().length < 2 ? `请写明${step.label}（至少两个字）` : null) }],
    submitLabel: event.label,
    confirm: (v) => ({ title: `确认：${event.label}`, lines: [step.outcome, `${step.label}：${String(v[step.field]).trim()}`], tone: step.tone ?? 'normal' }),
    onSubmit: async (v) => {
      await api('POST', `/monitoring/warnings/${w.id}/events`, { type: event.type, [step.field]: String(v[step.field]).trim(), expectedVersion: w.version }, { 'Idempotency-Key': idempotencyKey() });
      void refresh();
    },
  });
}

function record(hd: Warning['handling']): HTMLElement {
  const rows = ([
    hd.verification ? { on: hd.verification.on, what: '核实', text: hd.verification.note } : null,
    hd.confirmation ? { on: hd.confirmation.on, what: '确认超标', text: hd.confirmation.note } : null,
    hd.dismissal ? { on: hd.dismissal.on, what: '核实为误报', text: hd.dismissal.reason } : null,
    ...hd.measures.map((m) => ({ on: m.on, what: '处置措施', text: m.note })),
    ...hd.proposals.map((p) => ({ on: p.on, what: p.kind === 'investigation' ? '建议开展调查' : '建议开展隐患排查', text: p.note })),
    hd.closure ? { on: hd.closure.on, what: '关闭', text: hd.closure.reason } : null,
  ] as (RecordRow | null)[]).filter((r): r is RecordRow => r !== null);
  return table<RecordRow>([{ label: '日期', cell: (r) => date(r.on) }, { label: '事项', cell: (r) => r.what }, { label: '说明', cell: (r) => r.text }], rows, { emptyText: '尚未处置。' });
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  try {
    const w = await get<Warning>(`/monitoring/warnings/${ctx.params.id}`);
    if (!ctx.isCurrent()) return;
    ctx.setTitle(`监测预警 ${w.pointCode} ${w.analyte}`);
    const hd = w.handling;
    root.append(h('p', {}, h('a', { href: `/app/monitoring/points/${w.pointId}` }, `← 点位 ${w.pointCode}`)),
      h('h1', { tabindex: '-1' }, `监测预警：${w.pointCode} ${w.analyte}`),
      section('预警', h('dl', { class: 'facts' },
        fact('状态', h('span', { 'data-testid': 'warning-state' }, w.stateLabel)),
        fact('预警原因', w.ruleLabel),
        fact('超筛选值倍数', w.factor === null ? '—' : number(w.factor, 2)),
        fact('预警日期', date(hd.raisedOn)),
        fact('核实期限', date(hd.verifyDueOn)),
        fact('处置期限', hd.handleDueOn ? date(hd.handleDueOn) : '确认超标后起算'))),
      section('处置记录', record(hd)));
    const forms = w.allowedEvents.map((e) => stepForm(w, e)).filter(Boolean);
    if (forms.length) root.append(section('办理', forms));
  } catch (e) {
    root.append(errorBox(e));
  }
}
