import { api, download, get, optional, query } from '../api.js';
import { add, fill, h } from '../dom.js';
import { makeForm } from '../forms.js';
import { date, itemsOf, LAND_USES, number } from '../format.js';
import type { SignedInContext } from '../page.js';
import { empty, errorBox, loading, section, stageBadge, table, type Column } from '../widgets.js';

/** One plot of GET /registers/listed and /registers/priority (RegisterEntry of src/registers/register-entries.ts). */
interface RegisterEntry {
  plotId?: string;
  code: string;
  name: string;
  jurisdiction?: string;
  jurisdictionName?: string;
  state?: string;
  stateLabel?: string;
  stageLabel?: string;
  listedAt?: string | null;
  pollutants?: string[];
  rank?: number | null;
  priorityReason?: string | null;
  modelScore?: number;
  modelRank?: number;
  negativeList?: string[];
}

/** A plot of GET /plots: what the land-use check's choice shows of it. */
interface PlotChoice {
  id: string;
  code: string;
  name: string;
  stateLabel?: string;
}

/** GET /plots: a page of plots. */
interface PlotPage {
  items: PlotChoice[];
  total: number;
}

/** GET /land-use-check: LandUseVerdict of src/registers/land-use.ts. */
interface LandUseVerdict {
  permitted: boolean;
  reason?: string;
}

/** POST /land-supply/check: the answer of src/land-supply/land-supply.service.ts. */
interface LandSupplyAnswer {
  summary: { verdict: string; label: string; text: string };
  plots: { plot: { id: string; code: string; name: string }; matchedBy: string; overlapM2: number; stage: string; verdict: LandUseVerdict }[];
  proposals: { name: string; reasonLabel: string; statusLabel: string }[];
  keyUnits?: { id: string; name: string; creditCode: string; stateLabel: string; sitePlotId: string | null; overlapM2: number }[];
}

function registerTable(items: readonly RegisterEntry[], caption: string, ranked: boolean): HTMLElement {
  const columns: (Column<RegisterEntry> | null)[] = [
    { label: '优先次序', cell: (p) => (p.rank ? `第 ${p.rank} 位` : '待确定'), className: 'num' },
    ranked ? { label: '模型建议', cell: (p) => (p.modelRank ? `第 ${p.modelRank} 位（${number(p.modelScore, 1)} 分）` : '—'), className: 'num' } : null,
    { label: '编码', cell: (p) => (p.plotId ? h('a', { href: `/app/plots/${p.plotId}`, class: 'strong-link' }, p.code) : p.code), className: 'nowrap' },
    { label: '名称', cell: (p) => p.name },
    { label: '行政区', cell: (p) => p.jurisdictionName ?? p.jurisdiction },
    { label: '阶段', cell: (p) => stageBadge(p.state ?? 'listed', p.stateLabel ?? p.stageLabel) },
    { label: '主要污染物', cell: (p) => (p.pollutants ?? []).join('、') || '—' },
    { label: '开发利用负面清单', cell: (p) => (p.negativeList ?? []).join('、') || '—' },
    ranked ? { label: '说明', cell: (p) => p.priorityReason ?? '—' } : { label: '纳入日期', cell: (p) => (p.listedAt ? date(p.listedAt) : '—') },
  ];
  return table(columns.filter((c): c is Column<RegisterEntry> => Boolean(c)), items, { caption, emptyText: '名录中暂无地块。' });
}

async function registerBody(path: string, caption: string, ranked: boolean): Promise<HTMLElement> {
  try {
    const res = await optional(path);
    if (!res.available) return empty('名录服务尚未开通，暂无。');
    return registerTable(itemsOf<RegisterEntry>(res.data), caption, ranked);
  } catch (e) {
    return errorBox(e);
  }
}

async function landUseCheck(): Promise<HTMLElement[]> {
  const plots: PlotChoice[] = [];
  for (let page = 1; page <= 5; page++) {
    const res = await get<PlotPage>(`/plots${query({ page, pageSize: 100 })}`);
    for (const item of res.items) plots.push(item);
    if (plots.length >= res.total || !res.items.length) break;
  }
  const result = h('div', { 'aria-live': 'polite' });
  const form = makeForm({
    dataset: { testid: 'land-use-check' },
    intro: '某地块现在能否供应为某种用途？列入名录的地块不得用于住宅、公共管理与公共服务用地（土壤法第六十一条）。',
    fields: [
      { name: 'plotId', label: '地块', type: 'select', required: true, placeholder: '请选择地块', options: plots.map((p) => ({ value: p.id, label: `${p.code} ${p.name}（${p.stateLabel}）` })) },
      { name: 'use', label: '拟供应用途', required: true, maxLength: 100, list: [...LAND_USES, '1', '2'], hint: 'GB 50137 用地名称（如 住宅、工业），或用地类别 1、2。' },
    ],
    submitLabel: '核查',
    onSubmit: async (v) => {
      fill(result);
      const res = await get<LandUseVerdict>(`/land-use-check${query({ plotId: String(v.plotId), use: String(v.use) })}`);
      fill(result, h('div', { class: `notice ${res.permitted ? 'notice-ok' : 'notice-error'}`, 'data-testid': 'land-use-result' },
        h('p', {}, h('strong', {}, res.permitted ? `可以供应为“${v.use}”` : `不得供应为“${v.use}”`)),
        h('p', {}, res.reason ?? '')));
    },
  });
  return [form, result];
}

const SUPPLY_TONE: Record<string, string> = { refuse: 'notice-error', investigateFirst: 'notice-warn', supplyAsIntended: 'notice-ok' };

/** 供地前核查: a parcel by its code or its boundary, before it is supplied or its use changed (土壤法第五十九条、第六十六条、第六十七条). */
function landSupplyCheck(): HTMLElement[] {
  const result = h('div', { 'aria-live': 'polite' });
  const form = makeForm({
    dataset: { testid: 'land-supply-check' },
    intro: '宗地供应或改变用途前：是否须先开展土壤污染状况调查？能否按拟供用途供地？按宗地编码或边界与已登记地块、疑似地块线索比对。',
    fields: [
      { name: 'parcelCode', label: '宗地编码', maxLength: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, patternMessage: '1–64 位字母、数字、点、下划线或连字符' },
      { name: 'intendedUse', label: '拟供用途', required: true, maxLength: 100, list: [...LAND_USES, '1', '2'] },
      {
        name: 'boundary', label: '宗地边界（GeoJSON 多边形，可选）', type: 'textarea', rows: 3, wide: true,
        validate: (v) => {
          try {
            return (JSON.parse(String(v)) as { type?: unknown } | null)?.type === 'Polygon' ? null : '应为 type 为 Polygon 的 GeoJSON 对象';
          } catch {
            return '不是合法的 JSON';
          }
        },
      },
    ],
    extraCheck: (_form, v) => (v.parcelCode || v.boundary ? [] : [{ field: 'parcelCode', message: '请填写宗地编码或宗地边界' }]),
    submitLabel: '核查',
    onSubmit: async (v) => {
      fill(result);
      const body: Record<string, unknown> = { intendedUse: v.intendedUse };
      if (v.parcelCode) body.parcelCode = v.parcelCode;
      if (v.boundary) body.boundary = JSON.parse(String(v.boundary)) as unknown;
      const res = await api<LandSupplyAnswer>('POST', '/land-supply/check', body);
      fill(result,
        h('div', { class: `notice ${SUPPLY_TONE[res.summary.verdict] ?? 'notice-info'}`, 'data-testid': 'land-supply-result' },
          h('p', {}, h('strong', {}, res.summary.label)), h('p', {}, res.summary.text)),
        res.plots.length
          ? table<LandSupplyAnswer['plots'][number]>([
            { label: '地块', cell: (p) => h('a', { href: `/app/plots/${p.plot.id}` }, `${p.plot.code} ${p.plot.name}`) },
            { label: '比对方式', cell: (p) => (p.matchedBy === 'code' ? '编码相同' : `重叠 ${number(p.overlapM2, 0)} ㎡`) },
            { label: '阶段', cell: (p) => p.stage },
            { label: '按拟供用途', cell: (p) => (p.verdict.permitted ? '可以' : '不可以') },
            { label: '说明', cell: (p) => p.verdict.reason ?? '—' },
          ], res.plots, { caption: '重叠的已登记地块' })
          : null,
        res.proposals.length
          ? table<LandSupplyAnswer['proposals'][number]>([
            { label: '疑似地块线索', cell: (p) => p.name },
            { label: '原因', cell: (p) => p.reasonLabel },
            { label: '状态', cell: (p) => p.statusLabel },
          ], res.proposals, { caption: '重叠的疑似地块线索' })
          : null,
        res.keyUnits?.length
          ? table<NonNullable<LandSupplyAnswer['keyUnits']>[number]>([
            { label: '土壤污染重点监管单位', cell: (u) => h('a', { href: `/app/key-units/${u.id}` }, u.name) },
            { label: '统一社会信用代码', cell: (u) => u.creditCode },
            { label: '状态', cell: (u) => u.stateLabel },
            { label: '重叠面积', cell: (u) => `${number(u.overlapM2, 0)} ㎡`, className: 'num' },
            { label: '场地', cell: (u) => (u.sitePlotId ? h('a', { href: `/app/plots/${u.sitePlotId}` }, '已登记为地块') : '尚未调查') },
          ], res.keyUnits, { caption: '重叠的重点监管单位生产经营用地' })
          : null);
    },
  });
  return [form, result];
}

/** 导出名录: the registers as workbooks for the bureau's files (名录 of its jurisdiction). */
function exportButtons(): HTMLElement {
  const status = h('span', { class: 'small', role: 'status', 'data-testid': 'export-status' });
  const button = (path: string, name: string, label: string) => {
    const b = h('button', {
      type: 'button', class: 'btn', dataset: { testid: `export-${path.split('/')[2]}` },
      on: {
        click: async () => {
          b.disabled = true;
          status.textContent = `正在导出${label}……`;
          try {
            await download(path, name);
            status.textContent = `已导出${label}。`;
          } catch (e) {
            status.textContent = `导出失败：${e instanceof Error ? e.message : String(e)}`;
          } finally {
            b.disabled = false;
          }
        },
      },
    }, `导出${label}（xlsx）`);
    return b;
  };
  return h('p', { class: 'row-actions' },
    button('/registers/suspected/export', '疑似污染地块名单.xlsx', '疑似污染地块名单'), ' ',
    button('/registers/listed/export', '风险管控和修复名录.xlsx', '风险管控和修复名录'), ' ', status);
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('名录');
  const listed = h('div', {}, loading());
  const priority = h('div', {}, loading());
  const check = ctx.me.role === 'land' ? h('div', {}, loading()) : null;
  add(root, 
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, ctx.me.role === 'land' ? '名录与用地核查' : '名录')),
    check ? section('用地核查', check) : null,
    check ? section('供地前核查', landSupplyCheck()) : null,
    section('导出名录（xlsx）', exportButtons()),
    section('建设用地土壤污染风险管控和修复名录', listed),
    section('优先控制名录', priority));
  const [a, b, c] = await Promise.all([
    registerBody('/registers/listed', '风险管控和修复名录', false),
    registerBody('/registers/priority', '优先控制名录（按次序）', true),
    check ? landUseCheck().catch(errorBox) : null,
  ]);
  if (!ctx.isCurrent()) return;
  fill(listed, a);
  fill(priority, b);
  if (check) fill(check, c);
}
