// 土壤污染重点监管单位名录: the units the reader may see, paged and filtered by state; the district bureau lists new ones.
import { api, get, query } from '../api.js';
import { organisations, type DirectoryOrganisation } from '../directory.js';
import { add, fill, h } from '../dom.js';
import { makeForm } from '../forms.js';
import { date, itemsOf, number, today } from '../format.js';
import { KEY_UNIT_STATES, industries, keyUnitBadge, type Industry } from '../key-unit/labels.js';
import { navigate } from '../main.js';
import type { Me, SignedInContext } from '../page.js';
import { empty, errorBox, loading, pager, section, table } from '../widgets.js';

const PAGE_SIZE = 20;

/** One unit of GET /key-units (toKeyUnitSummary's KeyUnitView of src/key-units/key-unit-view.ts). */
interface KeyUnitSummary {
  id: string;
  name: string;
  creditCode: string;
  industryName?: string;
  address?: string;
  siteAreaM2?: number | null;
  state: string;
  stateLabel?: string;
  listedOn?: string;
}

/** GET /key-units: a page of units. */
interface KeyUnitPage {
  items?: KeyUnitSummary[];
  total?: number;
}

/** POST /key-units: the unit listed (a KeyUnitView); the page opens it. */
interface ListedUnit {
  id: string;
}
const READERS = ['eeb', 'land', 'miit', 'holder', 'admin'];

/** 统一社会信用代码: 18 characters of the set of GB 32100-2015 (the server checks the 校验码). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

function parseBoundary(text: unknown): object | null {
  if (typeof text !== 'string') return null;
  try {
    const g = JSON.parse(text);
    return g && typeof g === 'object' && !Array.isArray(g) ? g : null;
  } catch {
    return null;
  }
}

function listForm(industryList: readonly Industry[], holders: readonly DirectoryOrganisation[]): HTMLFormElement {
  return makeForm({
    dataset: { testid: 'list-key-unit' },
    intro: '将本辖区内的企业列入土壤污染重点监管单位名录（土壤法第二十一条第一款）。列入后，单位须按年度报送有毒有害物质排放情况、开展隐患排查和土壤与地下水自行监测，名录向社会公开。',
    fields: [
      { name: 'name', label: '单位名称', required: true, maxLength: 200 },
      {
        name: 'creditCode', label: '统一社会信用代码', required: true, maxLength: 18, pattern: CREDIT_CODE,
        patternMessage: '应为 18 位统一社会信用代码（数字和大写字母，不含 I、O、Z、S、V）', hint: '按 GB 32100-2015 核对校验码。',
      },
      { name: 'industry', label: '重点行业', type: 'select', required: true, placeholder: '请选择', options: industryList.map((i) => ({ value: i.code, label: i.name })) },
      {
        name: 'organisationId', label: '企业（系统中的单位账户）', type: 'select', required: true, placeholder: '请选择',
        options: holders.map((o) => ({ value: o.id, label: o.name })), hint: '单位的用户以此账户报送年度报告和拆除方案。',
      },
      { name: 'address', label: '地址', required: true, maxLength: 300, wide: true },
      { name: 'siteAreaM2', label: '生产经营用地面积（平方米，可选）', type: 'number', min: 1, max: 1e9, step: 'any' },
      { name: 'listedOn', label: '列入名录日期', type: 'date', required: true, value: today(), validate: (v) => (String(v) > today() ? '列入日期不能晚于今天' : null) },
      {
        name: 'siteBoundary', label: '场地边界（GeoJSON 多边形，可选）', type: 'textarea', rows: 3, maxLength: 200000, wide: true,
        placeholder: '{"type":"Polygon","coordinates":[[[113.30,34.80],…]]}',
        validate: (v) => (parseBoundary(v) ? null : '边界应为 GeoJSON 多边形对象'),
      },
      { name: 'reason', label: '列入理由', type: 'textarea', required: true, rows: 2, maxLength: 1000, wide: true },
    ],
    submitLabel: '列入重点监管单位名录',
    confirm: (v) => ({
      title: '确认列入重点监管单位名录',
      lines: [
        `列入后：“${v.name}”（${v.creditCode}）自 ${v.listedOn} 起为土壤污染重点监管单位，在名录中向社会公开。`,
        '单位须自列入年度起按年报送有毒有害物质排放情况、隐患排查报告和土壤与地下水自行监测报告，逾期的义务列入待办。',
      ],
    }),
    onSubmit: async (v) => {
      const body: Record<string, unknown> = { creditCode: v.creditCode, name: v.name, industry: v.industry, organisationId: v.organisationId, address: v.address, listedOn: v.listedOn, reason: v.reason };
      if (v.siteAreaM2 !== '' && v.siteAreaM2 !== undefined) body.siteAreaM2 = v.siteAreaM2;
      if (v.siteBoundary) body.siteBoundary = parseBoundary(v.siteBoundary);
      const unit = await api<ListedUnit>('POST', '/key-units', body);
      navigate(`/app/key-units/${unit.id}?listed=1`);
    },
  });
}

async function listBody(me: Me, state: string | undefined, page: number) {
  const res = await get<KeyUnitPage>(`/key-units${query({ state, page, pageSize: PAGE_SIZE })}`);
  const total = res.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const none = me.role === 'holder' && !state ? '本单位未列入重点监管单位名录。' : '没有这一状态的重点监管单位。';
  return [
    h('p', { class: 'summary', role: 'status' }, `共 ${total} 家单位`),
    table<KeyUnitSummary>([
      { label: '单位名称', cell: (u) => h('a', { href: `/app/key-units/${u.id}`, class: 'strong-link' }, u.name) },
      { label: '统一社会信用代码', cell: (u) => h('span', { class: 'nowrap' }, u.creditCode) },
      { label: '行业', cell: (u) => u.industryName },
      { label: '地址', cell: (u) => u.address },
      { label: '面积（㎡）', cell: (u) => (u.siteAreaM2 ? number(u.siteAreaM2, 0) : '—'), className: 'num' },
      { label: '状态', cell: (u) => keyUnitBadge(u.state, u.stateLabel) },
      { label: '列入日期', cell: (u) => date(u.listedOn) },
    ], itemsOf(res), { caption: '重点监管单位', emptyText: total === 0 && page > 1 ? `第 ${page} 页没有单位。` : none }),
    pager(page, pages, (n) => `/app/key-units${query({ state, page: n })}`),
  ];
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('重点监管单位');
  const me = ctx.me;
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '土壤污染重点监管单位名录')));
  if (!READERS.includes(me.role)) {
    add(root, empty('重点监管单位名录由生态环境部门管理，可在公开页面查阅。'), h('p', {}, h('a', { href: '/app/public/key-units' }, '查看公开的名录')));
    return;
  }
  const state = ctx.query.get('state') ?? '';
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const lists = me.role === 'eeb' && me.level === 'district';
  const formBox = lists ? h('div', {}, loading()) : null;
  const body = h('div', {}, loading());
  const filter = h('nav', { class: 'chips filter-chips', 'aria-label': '按状态筛选' },
    [{ value: '', label: '全部' }, ...KEY_UNIT_STATES].map((c) => h('a', {
      href: `/app/key-units${query({ state: c.value })}`, class: ['chip', state === c.value && 'chip-current'], 'aria-current': state === c.value ? 'true' : undefined,
    }, c.label)));
  add(root,
    section('名录', filter, body),
    lists ? h('details', { class: 'card folded', 'data-testid': 'list-key-unit-card' },
      h('summary', {}, h('strong', {}, '列入重点监管单位名录')), formBox) : null);
  const [a, b] = await Promise.all([
    listBody(me, state || undefined, page).catch(errorBox),
    lists ? Promise.all([industries(), organisations('holder')]).then(([i, o]) => listForm(i, o)).catch(errorBox) : null,
  ]);
  if (!ctx.isCurrent()) return;
  fill(body, a);
  if (formBox) fill(formBox, b);
}
