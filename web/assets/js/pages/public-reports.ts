// 12369 公众举报: the bureau's list of cases and a case's page with its handling forms (土壤法第八十四条).
import { api, get, idempotencyKey, query } from '../api.js';
import { add, fill, h, type Attrs, type Child } from '../dom.js';
import { basisText, date, itemsOf, today } from '../format.js';
import { makeForm, showFormSuccess, type FieldSpec, type Values } from '../forms.js';
import type { SignedInContext } from '../page.js';
import { errorBox, loading, pager, section, table } from '../widgets.js';

/** The step awaited in the case's state (awaitedStep of src/public-reports/public-report-view.ts). */
interface AwaitedStep {
  step: string;
  dueOn: string;
  overdue: boolean;
  basis?: string;
}

/** One case of GET /public-reports (the bureau's list row built in src/public-reports/public-reports.service.ts). */
interface CaseRow {
  id: string;
  status: string;
  jurisdiction?: string;
  receivedOn?: string;
  summary?: string;
  awaiting?: AwaitedStep | null;
}

/** GET /public-reports: a page of cases. */
interface CasePage {
  items?: CaseRow[];
  total?: number;
}

/** GET /public-reports/:id: a case as a bureau reads it (toBureauView of src/public-reports/public-report-view.ts). */
interface BureauCase {
  id: string;
  status: string;
  description?: string;
  address?: string | null;
  location?: { lon: number; lat: number | null } | null;
  seenOn?: string | null;
  receivedOn?: string;
  photoCount?: number;
  contact: { visible: boolean; name?: string | null; phone?: string | null; note?: string };
  officer?: string | null;
  siteCheckOn?: string | null;
  findings?: string | null;
  measures?: string | null;
  reply?: string | null;
  repliedOn?: string | null;
  reward?: { granted: boolean; reason?: string; amountYuan?: number | null } | null;
  suspectedPlotProposal?: { reason?: string } | null;
  awaiting?: AwaitedStep | null;
  allowedEvents?: string[];
}

/** POST /public-reports/:id/events: the case after the step, its status in words. */
interface StepAnswer {
  status: string;
}

/** One handling step's form: its title, fields and what follows in words. */
interface CaseForm {
  title: string;
  fields: FieldSpec[];
  outcome: (values: Values) => string;
}

const fact = (label: string, attrs: Attrs, value: Child) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', attrs, value ?? '—'));

const PAGE_SIZE = 50;

async function listBody(page: number): Promise<Child[]> {
  const res = await get<CasePage>(`/public-reports${query({ page, pageSize: PAGE_SIZE })}`);
  const pages = Math.max(1, Math.ceil((res.total ?? 0) / PAGE_SIZE));
  return [
    table<CaseRow>([
      { label: '受理日期', cell: (r) => date(r.receivedOn) },
      { label: '情况', cell: (r) => h('a', { href: `/app/public-reports/${r.id}`, class: 'strong-link' }, r.summary) },
      { label: '地区', cell: (r) => r.jurisdiction },
      { label: '状态', cell: (r) => r.status },
      { label: '待办', cell: (r) => (r.awaiting ? h('span', { class: r.awaiting.overdue ? 'danger' : '' }, `${r.awaiting.step}（${r.awaiting.dueOn} 到期${r.awaiting.overdue ? '，已逾期' : ''}）`) : '—') },
    ], itemsOf(res), { caption: '公众举报', emptyText: '暂无公众举报。' }),
    pager(page, pages, (p) => `/app/public-reports${query({ page: p })}`),
  ];
}

const FORMS: Record<string, CaseForm> = {
  ASSIGN: { title: '分派承办人', fields: [{ name: 'officer', label: '承办人', required: true, maxLength: 100 }], outcome: (v) => `举报将分派给${v.officer}，状态变为“已分派承办人”。` },
  RECORD_SITE_CHECK: { title: '记录现场核查', fields: [{ name: 'checkedOn', label: '核查日期', type: 'date', required: true, value: today() }, { name: 'findings', label: '核查情况', type: 'textarea', required: true, maxLength: 2000 }], outcome: () => '记录后状态变为“已现场核查”。' },
  RECORD_HANDLING: { title: '记录处理措施', fields: [{ name: 'measures', label: '处理措施', type: 'textarea', required: true, maxLength: 2000 }], outcome: () => '记录后状态变为“已处理”，随后答复举报人。' },
  REPLY: { title: '答复举报人', fields: [{ name: 'reply', label: '答复内容（举报人凭回执码可见）', type: 'textarea', required: true, maxLength: 2000 }], outcome: () => '答复将向持回执码的举报人公开，状态变为“已答复”。' },
  RECORD_REWARD: { title: '作出奖励决定', fields: [
    { name: 'granted', label: '决定', type: 'radio', required: true, options: [{ value: 'true', label: '给予奖励' }, { value: 'false', label: '不予奖励' }] },
    { name: 'reason', label: '理由', type: 'textarea', required: true, maxLength: 500 },
    { name: 'amountYuan', label: '奖励金额（元）', type: 'number', min: 1, when: (v) => v.granted === 'true' }],
  outcome: (v) => (v.granted === 'true' ? `将给予奖励${v.amountYuan ? ` ${v.amountYuan} 元` : ''}（土壤法第八十四条：实名举报并查证属实的，给予奖励）。` : '将不予奖励，理由记入档案。') },
  PROPOSE_SUSPECTED_PLOT: { title: '提出疑似污染地块线索', fields: [{ name: 'reason', label: '理由', type: 'textarea', required: true, maxLength: 2000 }], outcome: () => '线索将记入本举报，供登记疑似污染地块时参考（土壤法第五十九条）。' },
  CLOSE: { title: '办结', fields: [], outcome: () => '办结后不能再办理本举报；举报人凭回执码可见“已办结”。' },
};

function eventForm(type: string, caseId: string, refresh: () => Promise<void>): HTMLElement | null {
  const spec = FORMS[type];
  if (!spec) return null;
  return section(spec.title, makeForm({
    fields: spec.fields,
    submitLabel: spec.title,
    confirm: (v) => ({ title: `确认${spec.title}`, lines: [spec.outcome(v)] }),
    onSubmit: async (v, form) => {
      const body: Record<string, unknown> = { type, ...v };
      if (type === 'RECORD_REWARD') {
        body.granted = v.granted === 'true';
        if (v.amountYuan === '' || v.amountYuan === undefined) delete body.amountYuan;
      }
      const res = await api<StepAnswer>('POST', `/public-reports/${caseId}/events`, body, { 'Idempotency-Key': idempotencyKey() });
      showFormSuccess(form, `已${spec.title}，当前状态：${res.status}。`);
      setTimeout(() => void refresh(), 600);
    },
  }));
}

function caseView(c: BureauCase, refresh: () => Promise<void>): Child[] {
  return [
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, `公众举报 · ${c.status}`)),
    c.awaiting ? h('p', { class: c.awaiting.overdue ? 'callout danger' : 'callout' }, `待${c.awaiting.step}，${c.awaiting.dueOn} 到期${c.awaiting.overdue ? '，已逾期' : ''}（${basisText(c.awaiting.basis)}）`) : null,
    section('举报内容', h('dl', { class: 'facts' },
      fact('情况', {}, c.description),
      fact('地点', {}, [c.address, c.location ? `经度 ${c.location.lon}，纬度 ${c.location.lat}` : null].filter(Boolean).join('；')),
      fact('发现日期', {}, date(c.seenOn)),
      fact('受理日期', {}, date(c.receivedOn)),
      fact('照片', {}, c.photoCount ? `${c.photoCount} 张` : '无'),
      fact('举报人', {}, c.contact.visible ? [c.contact.name, c.contact.phone].filter(Boolean).join('，') || '匿名' : c.contact.note))),
    section('办理情况', h('dl', { class: 'facts' },
      fact('承办人', {}, c.officer ?? '—'),
      fact('现场核查', {}, c.siteCheckOn ? `${date(c.siteCheckOn)}：${c.findings}` : '—'),
      fact('处理措施', {}, c.measures ?? '—'),
      fact('答复', {}, c.reply ? `${c.reply}（${date(c.repliedOn)}）` : '—'),
      fact('奖励决定', {}, c.reward ? `${c.reward.granted ? '给予奖励' : '不予奖励'}：${c.reward.reason}${c.reward.amountYuan ? `（${c.reward.amountYuan} 元）` : ''}` : '—'),
      fact('疑似地块线索', {}, c.suspectedPlotProposal ? c.suspectedPlotProposal.reason : '—'))),
    ...(c.allowedEvents ?? []).filter((t) => t !== 'LINK').map((t) => eventForm(t, c.id, refresh)),
    h('p', {}, h('a', { href: '/app/public-reports' }, '返回公众举报列表')),
  ];
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('公众举报');
  const body = h('div', {}, loading());
  if (!ctx.params.id) {
    add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '公众举报（12369）')),
      h('p', { class: 'muted' }, '举报人信息依法保密，只对承办的区县生态环境部门可见（土壤法第八十四条）。'), section('举报', body));
    const page = Math.max(1, Number(ctx.query.get('page')) || 1);
    const content = await listBody(page).catch(errorBox);
    if (ctx.isCurrent()) fill(body, content);
    return;
  }
  add(root, body);
  const refresh = async (): Promise<void> => {
    const content = await get<BureauCase>(`/public-reports/${ctx.params.id}`).then((c) => caseView(c, refresh)).catch(errorBox);
    if (ctx.isCurrent()) fill(body, content);
  };
  await refresh();
}
