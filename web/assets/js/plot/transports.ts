// Soil transports of a plot (污染土壤转运, 土壤法 art. 41): each plan with its batches, and the forms for what the user may do with it.
import { api, idempotencyKey } from '../api.js';
import { h, uid, type Child } from '../dom.js';
import { makeForm, type FieldSpec, type Values } from '../forms.js';
import { date, labelOf, number } from '../format.js';
import { empty } from '../widgets.js';
import { batchChoice, batchesIn, batchesView, totalsOf, type TransportBatches, type TransportPlan } from './transport-batches.js';
import type { Plot } from './types.js';

/**
 * A soil transport as GET /transports/:id and GET /plots/:id/transports answer it (src/transports/transport-view.ts
 * `TransportView`). The server always sends `id`, `state` and `version`; they are optional here because the
 * transport page hands the card its own narrower view of the same answer (pages/transport.ts `Transport`).
 */
export interface TransportView extends TransportBatches {
  id?: string;
  /** the plot's n-th transport (the server sends a number; the transport page reads it as text) */
  number?: number | string;
  batchNo?: string;
  stateLabel?: string;
  version?: number;
  allowedEvents?: string[];
  destinationJurisdiction?: string | null;
  destinationJurisdictionName?: string | null;
  context?: { plan?: TransportPlan | null; [key: string]: unknown };
}

/** A report of the plot a receipt may name (GET /plots/:id/reports). */
export interface TransportReport {
  id: string;
  kind: string;
  fileName: string;
  fileSha256: string;
}

/** POST /transports/:id/events: the transport after the event (src/transports/transport-view.ts `TransportView`). */
interface TransportEventAnswer {
  state: string;
  stateLabel?: string;
}

/** What the card needs besides the transport: the plot's reports, the labels of events and states, and what to do after. */
export interface TransportCardContext {
  reports: readonly TransportReport[];
  transportLabels: Record<string, string>;
  transportStates: Record<string, string>;
  done: (text: string) => void;
}

/** The transports section's context: the card's, and the plot and the user (who may open a new transport). */
export interface TransportsContext extends TransportCardContext {
  plot: Pick<Plot, 'id' | 'holderOrganisationId' | 'state'>;
  me: { role: string; organisationId: string };
}

/** One event's form: its fields and the event's payload from the values. */
interface TransportFormSpec {
  intro?: string;
  fields: readonly (FieldSpec | null)[];
  payload: (values: Values) => Record<string, unknown>;
  reports?: readonly TransportReport[];
}

type TransportFormMaker = (ctx: { reports: readonly TransportReport[]; transport: TransportView }) => TransportFormSpec;

const TRANSPORT_FORMS: Record<string, TransportFormMaker> = {
  SUBMIT: ({ reports }) => ({
    intro: '报送转运计划：须提前规定的工作日报告所在地和接收地生态环境部门（法定节假日不计，调休上班日计入）。',
    fields: [
      { name: 'plannedStart', label: '计划开始日期', type: 'date', required: true },
      { name: 'method', label: '运输方式', required: true, maxLength: 200, list: ['公路运输（密闭苫盖）', '铁路运输', '水路运输'] },
      { name: 'route', label: '运输路线', type: 'textarea', rows: 2, required: true, maxLength: 2000 },
      { name: 'carrier', label: '承运单位', required: true, maxLength: 200 },
      { name: 'vehicles', label: '车辆号牌（用逗号分隔）', required: true, maxLength: 2000 },
      { name: 'quantityT', label: '转运量（吨）', type: 'number', required: true, min: 0.001, step: 'any' },
      { name: 'destinationFacility', label: '接收单位（设施）', required: true, maxLength: 200 },
      { name: 'destinationJurisdiction', label: '接收地行政区划代码', required: true, pattern: /^[0-9]{6}([0-9]{3,6})?$/, patternMessage: '6 位（或 9–12 位）数字', inputmode: 'numeric' },
      { name: 'finalDisposal', label: '最终处置方式', required: true, maxLength: 500 },
      { name: 'hazardousWaste', label: '是否属于危险废物', type: 'radio', required: true, options: [{ value: 'false', label: '否' }, { value: 'true', label: '是' }] },
      { name: 'receiverLicenceNo', label: '接收单位危险废物经营许可证编号（属于危险废物的必填）', maxLength: 100 },
    ],
    payload: (v) => ({
      ...(v.receiverLicenceNo ? { receiverLicenceNo: v.receiverLicenceNo } : {}),
      plannedStart: v.plannedStart, method: v.method, route: v.route, carrier: v.carrier,
      vehicles: String(v.vehicles).split(/[，,、;；\s]+/).filter(Boolean), quantityT: v.quantityT,
      destinationFacility: v.destinationFacility, destinationJurisdiction: v.destinationJurisdiction,
      finalDisposal: v.finalDisposal, hazardousWaste: v.hazardousWaste === 'true',
    }),
    reports,
  }),
  ACKNOWLEDGE: () => ({ intro: '确认收到转运报告（所在地和接收地生态环境部门各确认一次）。', fields: [], payload: () => ({}) }),
  OBJECT: () => ({
    intro: '对转运计划提出异议，退回土地使用权人修改。',
    fields: [{ name: 'reason', label: '异议理由', type: 'textarea', required: true, maxLength: 2000 }],
    payload: (v) => ({ reason: v.reason }),
  }),
  DISPATCH: ({ transport: t }) => {
    const { remainingT } = totalsOf(t);
    const hazardous = t.plan?.hazardousWaste === true;
    return {
      intro: `发运一批：填写转运联单号和本批发运量${remainingT !== null ? `，本计划尚可发运 ${number(remainingT, 3)} 吨（不得超过报告的转运量）` : ''}。`
        + (hazardous ? '属于危险废物的，每批须填写危险废物转移联单编号。' : ''),
      fields: ([
        { name: 'batchNo', label: '批次号（留空由系统编号）', type: 'number', min: 1, max: 9999, step: 1, integer: true },
        { name: 'manifestNo', label: '联单号', required: true, maxLength: 100 },
        hazardous ? { name: 'hazardousManifestNo', label: '危险废物转移联单编号', required: true, maxLength: 100 } : null,
        { name: 'quantityT', label: '发运量（吨）', type: 'number', required: true, min: 0.001, ...(remainingT !== null ? { max: remainingT } : {}), step: 'any' },
      ] satisfies (FieldSpec | null)[]).filter(Boolean),
      payload: (v) => ({
        ...(v.batchNo !== '' && v.batchNo !== undefined ? { batchNo: v.batchNo } : {}),
        manifestNo: v.manifestNo,
        ...(hazardous ? { hazardousManifestNo: v.hazardousManifestNo } : {}),
        quantityT: v.quantityT,
      }),
    };
  },
  RECORD_RECEIPT: ({ reports, transport: t }) => ({
    intro: '登记本批接收：接收量与本批发运量之差超过允许误差的，转入接收地生态环境部门核查。',
    fields: [
      batchChoice(t, 'inTransit', '接收的批次'),
      { name: 'quantityT', label: '接收量（吨）', type: 'number', required: true, min: 0, step: 'any' },
      {
        name: 'receiptReportId', label: '接收证明（已上传的“转运接收证明”）', type: 'select', required: true, placeholder: '请选择',
        options: reports.filter((r) => r.kind === 'transport_receipt').map((r) => ({ value: r.id, label: `${r.fileName} · ${r.fileSha256.slice(0, 12)}…` })),
      },
    ],
    payload: (v) => ({ batchNo: Number(v.batchNo), quantityT: v.quantityT, receiptReportId: v.receiptReportId }),
  }),
  RESOLVE: ({ transport: t }) => ({
    intro: '对该批次的数量差异作出核查结论。',
    fields: [
      batchChoice(t, 'discrepancy', '核查的批次'),
      { name: 'explanation', label: '核查结论', type: 'textarea', required: true, maxLength: 2000 },
    ],
    payload: (v) => ({ batchNo: Number(v.batchNo), explanation: v.explanation }),
  }),
  COMPLETE: ({ transport: t }) => {
    const sum = totalsOf(t);
    return {
      intro: `确认转运计划完成：计划 ${number(sum.plannedT ?? 0, 3)} 吨，已发运 ${number(sum.dispatchedT, 3)} 吨，已接收 ${number(sum.receivedT, 3)} 吨；`
        + '各批次均已接收并核对。完成后本计划不再发运，剩余数量如需外运须另行报告转运计划。',
      fields: [],
      payload: () => ({}),
    };
  },
  CANCEL: () => ({
    intro: '取消本转运计划（尚未发运任何批次）。',
    fields: [{ name: 'reason', label: '取消理由', type: 'textarea', required: true, maxLength: 2000 }],
    payload: (v) => ({ reason: v.reason }),
  }),
};

function planOf(t: TransportView) {
  return { ...(t.context?.plan ?? {}), ...(t.plan ?? {}), ...t };
}

/** One batch with its facts and the forms of what the user may do with it. ctx: {reports, transportLabels, transportStates, done}. */
export function transportCard(t: TransportView, ctx: TransportCardContext): HTMLElement {
  const p = planOf(t);
  const id = uid('tr');
  // Once soil may leave, the totals against the plan (its quantity first) and the batches show under the facts.
  const batchesShown = (t.batches ?? []).length > 0 || t.state === 'acknowledged' || t.state === 'inTransit';
  // The server lists a receipt while the state allows one; the form needs a batch on the road to receive.
  const allowed = (t.allowedEvents ?? []).filter((type) => type !== 'RECORD_RECEIPT' || batchesIn(t, 'inTransit').length > 0);
  const forms = allowed.map((type) => {
    const spec = (TRANSPORT_FORMS[type] ?? (() => ({ fields: [], payload: () => ({}) })))({ reports: ctx.reports, transport: t });
    const label = ctx.transportLabels[type] ?? type;
    return h('div', { class: 'action-card', dataset: { event: type } }, h('h4', {}, label), makeForm({
      dataset: { transportEvent: type },
      intro: spec.intro,
      fields: spec.fields,
      submitLabel: label,
      onSubmit: async (values) => {
        const body = { type, ...(t.version !== undefined ? { expectedVersion: t.version } : {}), ...spec.payload(values) };
        const res = await api<TransportEventAnswer>('POST', `/transports/${t.id}/events`, body, { 'Idempotency-Key': idempotencyKey() });
        ctx.done(`转运批次已办理“${label}”：${res.stateLabel ?? ctx.transportStates[res.state] ?? res.state}。`);
      },
    }));
  });
  return h('article', { class: 'transport', 'aria-labelledby': id },
    h('h3', { id }, `转运批次 ${t.batchNo ?? t.number ?? String(t.id).slice(0, 8)}`, ' ',
      h('span', { class: `stage-badge transport-${t.state}` }, t.stateLabel ?? labelOf(ctx.transportStates, t.state) ?? t.state)),
    h('dl', { class: 'facts compact' },
      fact('计划开始', p.plannedStart ? date(p.plannedStart) : '—'),
      batchesShown ? null : fact('计划转运量', p.quantityT !== undefined ? `${number(p.quantityT, 3)} 吨` : '—'),
      fact('承运单位', p.carrier ?? '—'),
      fact('接收单位', p.destinationFacility ?? '—'),
      fact('接收地', p.destinationJurisdictionName ?? p.destinationJurisdiction ?? '—'),
      fact('最终处置', p.finalDisposal ?? '—'),
      p.hazardousWaste === true ? fact('接收单位危险废物经营许可证', p.receiverLicenceNo ?? '—') : null),
    batchesShown ? batchesView(t) : null,
    forms.length ? h('div', { class: 'actions-grid' }, forms) : null);
}

function fact(label: string, value: string): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

/** The transports section body. ctx: {plot, me, reports, transportLabels, transportStates, done}. */
export function transportsSection(transports: readonly TransportView[], ctx: TransportsContext): Child[] {
  const { plot, me } = ctx;
  // The plot's holder opens them: after 收回 that may be the land bureau or a land-reserve centre.
  const canOpen = ['holder', 'land', 'eeb'].includes(me.role) && plot.holderOrganisationId === me.organisationId && plot.state === 'listed.remediation.inProgress';
  const open = canOpen
    ? makeForm({
      dataset: { testid: 'open-transport' },
      intro: '修复施工期间外运污染土壤的，先新建转运批次，再报送转运计划。',
      fields: [],
      submitLabel: '新建转运批次',
      onSubmit: async () => {
        await api('POST', `/plots/${plot.id}/transports`, {});
        ctx.done('已新建转运批次，请报送转运计划。');
      },
    })
    : null;
  return [
    transports.length ? transports.map((t) => transportCard(t, ctx)) : empty('暂无转运批次。'),
    open,
  ];
}
