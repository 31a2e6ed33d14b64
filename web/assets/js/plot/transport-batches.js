// The batches (批次) of one soil-transport plan (土壤法 art. 41): what left, what arrived, the totals against the plan.
import { h } from '../dom.js';
import { date, number } from '../format.js';
import { table } from '../widgets.js';

const BATCH_STATUS = {
  inTransit: '在途',
  received: '已接收 · 核对无误',
  discrepancy: '数量不符 · 待接收地核查',
  resolved: '差异已核查',
};

const tonnes = (v) => (typeof v === 'number' ? `${number(v, 3)} 吨` : '—');

/** The plan's figures: planned, dispatched, received and what may still leave. */
export function totalsOf(t) {
  const batches = t.batches ?? [];
  const plannedT = t.totals?.plannedT ?? t.plan?.quantityT ?? null;
  const dispatchedT = t.totals?.dispatchedT ?? batches.reduce((s, b) => s + b.quantityT, 0);
  const receivedT = t.totals?.receivedT ?? batches.reduce((s, b) => s + (b.receipt?.quantityT ?? 0), 0);
  const remainingT = t.totals?.remainingT ?? (plannedT === null ? null : Math.max(0, plannedT - dispatchedT));
  return { plannedT, dispatchedT, receivedT, remainingT };
}

export const batchesIn = (t, status) => (t.batches ?? []).filter((b) => b.status === status);

/** A select of the batches in one status, the earliest first (the server's choice when none is named). */
export function batchChoice(t, status, label) {
  const options = batchesIn(t, status).map((b) => ({ value: String(b.batchNo), label: `第 ${b.batchNo} 批 · ${tonnes(b.quantityT)} · 联单 ${b.manifestNo}` }));
  return { name: 'batchNo', label, type: 'select', required: true, options, value: options[0]?.value };
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

/** Totals vs plan, then one row per batch. */
export function batchesView(t) {
  const batches = t.batches ?? [];
  const sum = totalsOf(t);
  const hazardous = t.plan?.hazardousWaste === true || batches.some((b) => b.hazardousManifestNo);
  const columns = [
    { label: '批次', cell: (b) => `第 ${b.batchNo} 批` },
    { label: '转运联单号', cell: (b) => b.manifestNo },
    hazardous ? { label: '危险废物转移联单编号', cell: (b) => b.hazardousManifestNo ?? '—' } : null,
    { label: '发运日期', cell: (b) => date(b.dispatchedOn) },
    { label: '发运量', cell: (b) => tonnes(b.quantityT), className: 'num' },
    { label: '接收量', cell: (b) => (b.receipt ? tonnes(b.receipt.quantityT) : '—'), className: 'num' },
    { label: '状态', cell: (b) => BATCH_STATUS[b.status] ?? '—' },
    { label: '核查结论', cell: (b) => b.resolution?.explanation ?? '—' },
  ].filter(Boolean);
  return h('div', { class: 'transport-batches', 'data-testid': 'transport-batches' },
    h('dl', { class: 'facts compact' },
      fact('计划转运量', tonnes(sum.plannedT)),
      fact('累计发运', tonnes(sum.dispatchedT)),
      fact('累计接收', tonnes(sum.receivedT)),
      // A completed plan sends nothing more: what it did not carry is said as such, not as still to go.
      fact(t.state === 'closed' ? '未发运（计划已完成）' : '尚可发运', tonnes(sum.remainingT))),
    table(columns, batches, { caption: '发运批次', emptyText: '尚未发运。' }));
}
