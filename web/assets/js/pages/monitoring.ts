// 土壤环境监测网络与预警 (issue 20): the district's monitoring points and the open warnings of the caller's subtree.
import { api, download, get, query } from '../api.js';
import { h } from '../dom.js';
import { makeForm, showFormSuccess } from '../forms.js';
import { date, itemsOf, number } from '../format.js';
import { refresh } from '../main.js';
import { importForm, pointForm } from '../monitoring/point-form.js';
import { empty, errorBox, pager, section, table } from '../widgets.js';
import type { SignedInContext } from '../page.js';

/** A warning of GET /monitoring/warnings and of a point's page (src/monitoring/monitoring-view.ts toWarningSummary). */
export interface WarningSummary {
  id: string;
  pointId: string;
  pointCode: string;
  pointName: string;
  analyte: string;
  factor: number | null;
  ruleLabel: string;
  stateLabel: string;
  createdAt: string;
}

/** A point of GET /monitoring/points and GET /monitoring/points/:id (src/monitoring/monitoring-view.ts toPointView). */
export interface PointView {
  id: string;
  code: string;
  name: string;
  kindLabel: string;
  mediaLabels: string[];
  lon: number;
  lat: number;
  landLabel: string;
  cropLabel: string | null;
  landClass: number | null;
  plotId: string | null;
  unitId: string | null;
  frequencyLabel: string;
  responsibleOrganisationName: string | null;
  jurisdictionName: string | null;
  nextDueOn: string;
  overdue: boolean;
}

/** A campaign of GET /monitoring/campaigns (src/monitoring/campaigns.service.ts), with its D19 report. */
interface Campaign {
  name: string;
  year: number;
  results: number;
  uploadedBy: string;
  createdAt: string;
  document: { id: string; number: string } | null;
}

/** POST /monitoring/campaigns: what was received and the report issued. */
interface CampaignReceipt {
  name: string;
  points: number;
  results: number;
  warnings: number;
  document: { number: string };
}

const PAGE_SIZE = 50;

export function warningsTable(items: readonly WarningSummary[]): HTMLElement {
  return table([
    { label: '点位', cell: (w) => h('a', { href: `/app/monitoring/points/${w.pointId}` }, `${w.pointCode} ${w.pointName}`) },
    { label: '检测项目', cell: (w) => w.analyte },
    { label: '预警原因', cell: (w) => w.ruleLabel },
    { label: '超筛选值倍数', cell: (w) => (w.factor === null ? '—' : number(w.factor, 2)), className: 'num' },
    { label: '状态', cell: (w) => h('a', { href: `/app/monitoring/warnings/${w.id}` }, w.stateLabel) },
    { label: '预警日期', cell: (w) => date(w.createdAt) },
  ], items, { caption: '监测预警', emptyText: '没有未关闭的预警。' });
}

/** The district's campaigns, each with its D19 土壤环境监测批次结果报告 to download. */
function campaignsTable(items: readonly Campaign[]): HTMLElement {
  const pdf = (c: Campaign) => {
    const doc = c.document;
    if (!doc) return '—';
    const status = h('span', { class: 'dl-status small', role: 'status' });
    const button = h('button', { type: 'button', class: 'btn btn-small', on: { click: async () => {
      button.disabled = true;
      try { await download(`/documents/${doc.id}/pdf`, `${doc.number}.pdf`); } catch (e) { status.textContent = `下载失败：${e instanceof Error ? e.message : String(e)}`; } finally { button.disabled = false; }
    } } }, '下载');
    return [doc.number, ' ', button, status];
  };
  return table([
    { label: '监测批次', cell: (c) => c.name },
    { label: '年度', cell: (c) => `${c.year} 年` },
    { label: '结果数', cell: (c) => number(c.results), className: 'num' },
    { label: '上传人', cell: (c) => c.uploadedBy },
    { label: '接收日期', cell: (c) => date(c.createdAt) },
    { label: '监测批次结果报告', cell: pdf },
  ], items, { caption: '监测批次', emptyText: '尚未上传监测结果。' });
}

function campaignForm(): HTMLFormElement {
  return makeForm({
    dataset: { testid: 'upload-campaign' },
    intro: '上传一次监测的报告（PDF）和结果文件（CSV 或 Excel，表头：点位编码、采样日期、介质、检测项目、检测值、单位、检出限、pH）。农用地按 GB 15618-2018 的 pH 分档、建设用地按 GB 36600-2018、地下水按 GB/T 14848-2017 Ⅲ类筛选；超过筛选值或连续三次上升的结果发出预警。有一行不合格则整批不予接收，并逐行说明原因。',
    fields: [
      { name: 'name', label: '监测批次名称', required: true, maxLength: 200, value: `${new Date().getFullYear()} 年土壤环境质量监测` },
      { name: 'year', label: '监测年度', type: 'number', required: true, min: 2000, max: new Date().getFullYear(), value: new Date().getFullYear() },
      { name: 'file', label: '监测报告（PDF）', type: 'file', required: true, accept: '.pdf,application/pdf', extensions: ['.pdf'] },
      { name: 'samples', label: '监测结果（CSV 或 Excel）', type: 'file', required: true, accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.csv', '.xlsx'] },
    ],
    submitLabel: '上传监测结果',
    confirm: (v) => ({ title: '确认上传监测结果', lines: [`上传后，“${v.name}”的结果逐条筛选并记入各点位的历史，各点位的下次监测日期随之顺延；超过筛选值的结果将发出预警。上传后不能撤回。`] }),
    onSubmit: async (v, form) => {
      const data = new FormData();
      const file = v.file as File;
      const samples = v.samples as File;
      data.append('name', v.name as string);
      data.append('year', String(v.year));
      data.append('file', file, file.name);
      data.append('samples', samples, samples.name);
      const res = await api<CampaignReceipt>('POST', '/monitoring/campaigns', data);
      showFormSuccess(form, `已接收“${res.name}”：${res.points} 个点位、${res.results} 条结果，${res.warnings ? `发出预警 ${res.warnings} 条` : '未发出预警'}；出具监测批次结果报告 ${res.document.number}。`);
      setTimeout(() => void refresh(), 800);
    },
  });
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('监测网络');
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const overdue = ctx.query.get('overdue') === 'true';
  root.append(h('h1', { tabindex: '-1' }, '土壤环境监测网络与预警'),
    h('p', { class: 'muted' }, '基础点位（耕地）每 5 年监测 1 次，风险点位、重点监管企业周边、管控区和饮用水水源地点位每年监测 1 次（上政文〔2017〕147号 三（一）2）。'));
  try {
    const [points, warnings, campaigns] = await Promise.all([
      get<{ total: number; items?: PointView[] }>(`/monitoring/points${query({ page, pageSize: PAGE_SIZE, overdue: overdue ? 'true' : undefined })}`),
      get(`/monitoring/warnings${query({ pageSize: 50 })}`),
      get(`/monitoring/campaigns${query({ pageSize: 20 })}`),
    ]);
    if (!ctx.isCurrent()) return;
    root.append(section('未关闭的预警', warningsTable(itemsOf<WarningSummary>(warnings))));
    const pages = Math.max(1, Math.ceil(points.total / PAGE_SIZE));
    root.append(section('监测点位',
      h('p', {}, overdue ? h('a', { href: '/app/monitoring' }, '显示全部点位') : h('a', { href: '/app/monitoring?overdue=true' }, '只看逾期未监测的点位')),
      points.total ? table([
        { label: '编码', cell: (p: PointView) => h('a', { href: `/app/monitoring/points/${p.id}` }, p.code) },
        { label: '名称', cell: (p) => p.name },
        { label: '类型', cell: (p) => p.kindLabel },
        { label: '用地', cell: (p) => [p.landLabel, p.cropLabel ? `（${p.cropLabel}）` : ''] },
        { label: '介质', cell: (p) => p.mediaLabels.join('、') },
        { label: '频次', cell: (p) => p.frequencyLabel },
        { label: '下次监测日期', cell: (p) => [date(p.nextDueOn), p.overdue ? h('span', { class: 'overdue-text' }, ' 已逾期') : ''] },
      ], itemsOf<PointView>(points), { caption: `共 ${points.total} 个点位` }) : empty('暂无监测点位。'),
      pager(page, pages, (n) => `/app/monitoring${query({ page: n, overdue: overdue ? 'true' : undefined })}`)));
    root.append(section('监测批次', campaignsTable(itemsOf<Campaign>(campaigns))));
    if (ctx.me.role === 'eeb' && ctx.me.level === 'district') {
      root.append(section('上传监测结果', campaignForm()));
      const forms = await Promise.all([pointForm(ctx.me), importForm()]);
      if (!ctx.isCurrent()) return;
      root.append(section('设置监测点位', forms[0]), section('批量导入监测点位', forms[1]));
    }
  } catch (e) {
    root.append(errorBox(e));
  }
}
