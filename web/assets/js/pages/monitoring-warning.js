// One monitoring warning and its handling: 核实 → 处置 → 关闭 (上政文〔2017〕147号 三（一）4), each step with its note or reason.
import { api, get, idempotencyKey } from '../api.js';
import { h } from '../dom.js';
import { makeForm } from '../forms.js';
import { date, number } from '../format.js';
import { refresh } from '../main.js';
import { errorBox, section, table } from '../widgets.js';

const fact = (label, value) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));

// What each step does, for its form and its confirmation.
const STEPS = {
  VERIFY_START: { field: 'note', label: '核实安排', outcome: '预警转入核实，复核采样、分析和点位情况。' },
  CONFIRM: { field: 'note', label: '核实结论', outcome: '确认超标，预警转入处置，须在期限内登记处置措施。' },
  DISMISS: { field: 'reason', label: '误报理由', outcome: '预警核实为误报并关闭，理由记录在案。', tone: 'danger' },
  RECORD_MEASURES: { field: 'note', label: '处置措施', outcome: '处置措施记入预警的处置记录。' },
  PROPOSE_INVESTIGATION: { field: 'note', label: '建议说明', outcome: '建议对所关联的地块开展土壤污染状况调查，记入处置记录。' },
  PROPOSE_HIDDEN_DANGER_INSPECTION: { field: 'note', label: '建议说明', outcome: '建议所关联的重点监管单位开展土壤污染隐患排查，记入处置记录。' },
  CLOSE: { field: 'reason', label: '关闭理由', outcome: '预警关闭，处置完毕。' },
};

function stepForm(w, event) {
  const step = STEPS[event.type];
  if (!step) return null;
  return makeForm({
    dataset: { testid: `warning-${event.type}` },
    fields: [{ name: step.field, label: step.label, type: 'textarea', required: true, rows: 2, maxLength: 2000, wide: true, validate: (v) => (v.trim().length < 2 ? `请写明${step.label}（至少两个字）` : null) }],
    submitLabel: event.label,
    confirm: (v) => ({ title: `确认：${event.label}`, lines: [step.outcome, `${step.label}：${v[step.field].trim()}`], tone: step.tone ?? 'normal' }),
    onSubmit: async (v) => {
      await api('POST', `/monitoring/warnings/${w.id}/events`, { type: event.type, [step.field]: v[step.field].trim(), expectedVersion: w.version }, { 'Idempotency-Key': idempotencyKey() });
      void refresh();
    },
  });
}

function record(hd) {
  const rows = [
    hd.verification ? { on: hd.verification.on, what: '核实', text: hd.verification.note } : null,
    hd.confirmation ? { on: hd.confirmation.on, what: '确认超标', text: hd.confirmation.note } : null,
    hd.dismissal ? { on: hd.dismissal.on, what: '核实为误报', text: hd.dismissal.reason } : null,
    ...hd.measures.map((m) => ({ on: m.on, what: '处置措施', text: m.note })),
    ...hd.proposals.map((p) => ({ on: p.on, what: p.kind === 'investigation' ? '建议开展调查' : '建议开展隐患排查', text: p.note })),
    hd.closure ? { on: hd.closure.on, what: '关闭', text: hd.closure.reason } : null,
  ].filter(Boolean);
  return table([{ label: '日期', cell: (r) => date(r.on) }, { label: '事项', cell: (r) => r.what }, { label: '说明', cell: (r) => r.text }], rows, { emptyText: '尚未处置。' });
}

export async function render(root, ctx) {
  try {
    const w = await get(`/monitoring/warnings/${ctx.params.id}`);
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
