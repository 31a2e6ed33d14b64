// The batches (批次) of one soil-transport plan (土壤法 art. 41): what left, what arrived, the totals against the plan.
import { h } from '../dom.js';
import { date, labelOf, number } from '../format.js';
import type { FieldSpec } from '../forms.js';
import { table, type Column } from '../widgets.js';

/** One batch of a plan (workflows/soil-transport/v2/context.ts `TransportBatch`), as GET /transports/:id lists it. */
export interface TransportBatch {
  batchNo: number;
  manifestNo: string;
  hazardousManifestNo?: string | null;
  quantityT: number;
  dispatchedOn: string;
  status: string;
  receipt?: { quantityT: number; receiptReportId?: string } | null;
  resolution?: { explanation: string } | null;
}

/** The plan's totals in tonnes (src/transports/transport-view.ts `TransportTotalsView`). */
export interface TransportTotals {
  plannedT?: number | null;
  dispatchedT?: number;
  receivedT?: number;
  remainingT?: number | null;
}

/** The reported plan (workflows/soil-transport/v2/events.ts `TransportPlanV2`); older answers may lack parts. */
export interface TransportPlan {
  plannedStart?: string;
  method?: string;
  route?: string;
  carrier?: string;
  vehicles?: string[];
  quantityT?: number;
  destinationFacility?: string;
  destinationJurisdiction?: string;
  finalDisposal?: string;
  hazardousWaste?: boolean;
  receiverLicenceNo?: string | null;
}

/** What the batches read of a transport (GET /transports/:id, src/transports/transport-view.ts `TransportView`). */
export interface TransportBatches {
  state?: string;
  plan?: TransportPlan | null;
  batches?: TransportBatch[];
  totals?: TransportTotals;
}

/** The plan's figures in tonnes; null where there is no plan yet. */
export interface TransportSums {
  plannedT: number | null;
  dispatchedT: number;
  receivedT: number;
  remainingT: number | null;
}

const BATCH_STATUS: Record<string, string> = {
  inTransit: '在途',
  received: '已接收 · 核对无误',
  discrepancy: '数量不符 · 待接收地核查',
  resolved: '差异已核查',
};

const tonnes = (v: unknown): string => (typeof v === 'number' ? `${number(v, 3)} 吨` : '—');

/** The plan's figures: planned, dispatched, received and what may still leave. */
export function totalsOf(t: TransportBatches): TransportSums {
  const batches = t.batches ?? [];
  const plannedT = t.totals?.plannedT ?? t.plan?.quantityT ?? null;
  const dispatchedT = t.totals?.dispatchedT ?? batches.reduce((s, b) => s + b.quantityT, 0);
  const receivedT = t.totals?.receivedT ?? batches.reduce((s, b) => s + (b.receipt?.quantityT ?? 0), 0);
  const remainingT = t.totals?.remainingT ?? (plannedT === null ? null : Math.max(0, plannedT - dispatchedT));
  return { plannedT, dispatchedT, receivedT, remainingT };
}

export const batchesIn = (t: TransportBatches, status: string): TransportBatch[] => (t.batches ?? []).filter((b) => b.status === status);

/** A select of the batches in one status, the earliest first (the server's choice when none is named). */
export function batchChoice(t: TransportBatches, status: string, label: string): FieldSpec {
  const options = batchesIn(t, status).map((b) => ({ value: String(b.batchNo), label: `第 ${b.batchNo} 批 · ${tonnes(b.quantityT)} · 联单 ${b.manifestNo}` }));
  return { name: 'batchNo', label, type: 'select', required: true, options, value: options[0]?.value };
}

function fact(label: string, value: string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

/** Totals vs plan, then one row per batch. */
export function batchesView(t: TransportBatches): HTMLElement {
  const batches = t.batches ?? [];
  const sum = totalsOf(t);
  const hazardous = t.plan?.hazardousWaste === true || batches.some((b) => b.hazardousManifestNo);
  const columns: (Column<TransportBatch> | null)[] = [
    { label: '批次', cell: (b) => `第 ${b.batchNo} 批` },
    { label: '转运联单号', cell: (b) => b.manifestNo },
    hazardous ? { label: '危险废物转移联单编号', cell: (b) => b.hazardousManifestNo ?? '—' } : null,
    { label: '发运日期', cell: (b) => date(b.dispatchedOn) },
    { label: '发运量', cell: (b) => tonnes(b.quantityT), className: 'num' },
    { label: '接收量', cell: (b) => (b.receipt ? tonnes(b.receipt.quantityT) : '—'), className: 'num' },
    { label: '状态', cell: (b) => labelOf(BATCH_STATUS, b.status) ?? '—' },
    { label: '核查结论', cell: (b) => b.resolution?.explanation ?? '—' },
  ];
  return h('div', { class: 'transport-batches', 'data-testid': 'transport-batches' },
    h('dl', { class: 'facts compact' },
      fact('计划转运量', tonnes(sum.plannedT)),
      fact('累计发运', tonnes(sum.dispatchedT)),
      fact('累计接收', tonnes(sum.receivedT)),
      // A completed plan sends nothing more: what it did not carry is said as such, not as still to go.
      fact(t.state === 'closed' ? '未发运（计划已完成）' : '尚可发运', tonnes(sum.remainingT))),
    table(columns.filter((c): c is Column<TransportBatch> => Boolean(c)), batches, { caption: '发运批次', emptyText: '尚未发运。' }));
}
