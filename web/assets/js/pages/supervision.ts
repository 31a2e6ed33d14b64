// 监督: every open duty in the bureau's jurisdiction, with days left or overdue, figures for charts, 催办 and 督办.
import { api, get, query } from '../api.js';
import { confirmDialog } from '../confirm.js';
import { add, fill, h, s, uid } from '../dom.js';
import { date } from '../format.js';
import { navigate } from '../main.js';
import type { SignedInContext } from '../page.js';
import { empty, errorBox, loading, table, type Column } from '../widgets.js';

/** One open duty of GET /supervision/duties (toDutyView of src/supervision/supervision.service.ts, with DaysLeft). */
interface Duty {
  id: string;
  code: string;
  name: string;
  label: string;
  stageLabel: string;
  dueDate: string;
  daysLeft: number;
  daysText?: string;
  daysUnit?: string;
  overdue: boolean;
  partyLabel: string;
  partyName: string;
  unitId?: string | null;
  transportId?: string | null;
  plotId?: string | null;
  lastUrgedOn?: string | null;
}

/** GET /supervision/duties: a page of duties. */
interface DutyPage {
  items: Duty[];
  hasMore?: boolean;
}

/** GET /supervision/figures: the counts by stage and by overdue band (src/supervision/supervision.service.ts). */
interface Figures {
  open: number;
  overdue: number;
  today: string;
  byStage: { label: string; open: number; overdue: number }[];
  byBand: { key: string; label: string; count: number }[];
}

/** What the urge dialog asks: 催办 or 督办, and the message; the body of POST /supervision/duties/:id/urge. */
interface UrgeInput {
  kind: string;
  message: string;
}

const PAGE_SIZE = 50;
const STAGE_OPTIONS: [string, string][] = [
  ['suspected', '疑似污染地块'], ['investigation', '土壤污染状况调查'], ['riskAssessment', '风险评估'],
  ['listed', '纳入名录'], ['keyUnit', '重点监管单位'],
];
const PARTY_OPTIONS: [string, string][] = [['holder', '土地使用权人'], ['bureau', '主管部门'], ['unit', '重点监管单位']];
const WINDOW_OPTIONS: [string, string][] = [['', '不限'], ['0', '今日到期'], ['7', '7 日内到期'], ['30', '30 日内到期']];

/** The server's words for the time left (剩余 N 个工作日 where the deadline is set in working days, else 日). */
function daysText(d: Duty): string {
  if (d.daysText) return d.daysText;
  return d.daysLeft < 0 ? `已逾期 ${-d.daysLeft} 日` : d.daysLeft === 0 ? '今日到期' : `剩余 ${d.daysLeft} 日`;
}

function daysChip(d: Duty): HTMLElement {
  return h('span', { class: d.daysLeft <= 0 ? 'chip overdue-text' : 'chip', 'data-testid': 'days', dataset: { unit: d.daysUnit } }, daysText(d));
}

function dutyHref(d: Duty): string {
  if (d.unitId) return `/app/key-units/${d.unitId}#duties`;
  if (d.transportId) return `/app/transports/${d.transportId}`;
  return `/app/plots/${d.plotId}`;
}

/** Bars of open and overdue duties per stage, drawn in SVG (no chart library). */
function stageChart(figures: Figures): Element {
  const rows = figures.byStage;
  if (!rows.length) return empty('管辖范围内暂无未办结的期限。');
  const max = Math.max(1, ...rows.map((r) => r.open));
  const rowH = 30;
  const labelW = 150;
  const barW = 360;
  const height = rows.length * rowH + 30;
  const width = labelW + barW + 90;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': '各阶段未办结期限及逾期数量' },
    rows.map((r, i) => {
      const y = i * rowH + 4;
      const open = Math.round((r.open / max) * barW);
      const late = Math.round((r.overdue / max) * barW);
      return s('g', {},
        s('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end', 'font-size': 13, fill: '#33403b' }, r.label),
        s('rect', { x: labelW, y, width: Math.max(open, 1), height: 20, fill: '#9cc8b6' }),
        s('rect', { x: labelW, y, width: late, height: 20, fill: '#c0392b' }),
        s('text', { x: labelW + Math.max(open, 1) + 6, y: y + 15, 'font-size': 12, fill: '#33403b' }, `${r.open} 项（逾期 ${r.overdue}）`));
    }),
    s('g', { transform: `translate(${labelW}, ${rows.length * rowH + 12})` },
      s('rect', { x: 0, y: 0, width: 12, height: 12, fill: '#9cc8b6' }),
      s('text', { x: 16, y: 11, 'font-size': 12, fill: '#33403b' }, '未办结'),
      s('rect', { x: 80, y: 0, width: 12, height: 12, fill: '#c0392b' }),
      s('text', { x: 96, y: 11, 'font-size': 12, fill: '#33403b' }, '其中已逾期')));
  // Drawn at its own size on a wide screen, narrower on a phone (CSSOM: the console's CSP allows no style attribute).
  svg.style.maxWidth = `${width}px`;
  svg.style.display = 'block';
  return svg;
}

function bandList(figures: Figures): HTMLElement {
  return h('ul', { class: 'chips', 'aria-label': '按逾期程度' },
    figures.byBand.map((b) => h('li', { class: ['chip', b.key.startsWith('overdue') && b.count ? 'overdue-text' : ''] }, `${b.label}：${b.count} 项`)));
}

async function urgeDialog(d: Duty): Promise<UrgeInput | null> {
  const kindId = uid('kind');
  const msgId = uid('msg');
  const canSupervise = d.overdue;
  return new Promise<UrgeInput | null>((resolve) => {
    const kind = h('select', { id: kindId, name: 'kind' },
      h('option', { value: '催办' }, '催办'),
      canSupervise ? h('option', { value: '督办' }, '督办') : null);
    const message = h('textarea', { id: msgId, name: 'message', rows: 4, maxlength: 500, required: true },
      d.overdue ? `请于收到后尽快${d.label}，并将办理情况报送本部门。` : `请按期${d.label}。`);
    const error = h('p', { class: 'form-message', role: 'alert' });
    const ok = h('button', { type: 'submit', class: 'btn btn-primary' }, '下一步');
    const cancel = h('button', { type: 'button', class: 'btn' }, '取消');
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-label': '催办或督办', dataset: { testid: 'urge-dialog' } },
      h('form', { method: 'dialog' },
        h('h2', {}, `催办、督办：${d.code} ${d.name}`),
        h('p', {}, `${d.label}（期限 ${date(d.dueDate)}，${daysText(d)}）`),
        h('p', { class: 'muted small' }, `通知对象：${d.partyLabel} ${d.partyName}`, canSupervise ? '' : '；期限未届满，只能催办'),
        h('div', { class: 'field' }, h('label', { for: kindId }, '方式'), kind),
        h('div', { class: 'field' }, h('label', { for: msgId }, '内容'), message),
        error,
        h('div', { class: 'actions' }, cancel, ok)));
    const done = (value: UrgeInput | null) => { if (dialog.open) dialog.close(); dialog.remove(); resolve(value); };
    cancel.addEventListener('click', () => done(null));
    dialog.addEventListener('cancel', () => done(null));
    dialog.querySelector('form')?.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = message.value.trim();
      if (!text) { error.textContent = '请填写催办内容'; return; }
      done({ kind: kind.value, message: text });
    });
    document.body.append(dialog);
    dialog.showModal();
    message.focus();
  });
}

async function urge(d: Duty, notice: HTMLElement, redraw: () => void): Promise<void> {
  const input = await urgeDialog(d);
  if (!input) return;
  const sure = await confirmDialog({
    title: `确认${input.kind}`,
    lines: [`${input.kind}后：系统向${d.partyLabel}“${d.partyName}”发送通知，并记入${d.unitId ? '该单位' : '该地块'}的办理记录；同一期限每日至多催办、督办一次。`, `内容：${input.message}`],
    confirmLabel: `发送${input.kind}`,
  });
  if (!sure) return;
  try {
    const urged = await api<Pick<Duty, 'lastUrgedOn'>>('POST', `/supervision/duties/${d.id}/urge`, input);
    d.lastUrgedOn = urged.lastUrgedOn;
    redraw();
    fill(notice, h('div', { class: 'notice notice-ok', role: 'status' }, `已向${d.partyName}发送${input.kind}。`));
  } catch (e) {
    fill(notice, errorBox(e));
  }
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('监督');
  const q = ctx.query;
  const f = { stage: q.get('stage') ?? '', party: q.get('party') ?? '', overdue: q.get('overdue') === 'true', daysLeft: q.get('daysLeft') ?? '', page: Math.max(1, Number(q.get('page')) || 1) };
  const ids = { stage: uid('stage'), party: uid('party'), days: uid('days'), overdue: uid('overdue') };
  const select = (id: string, name: string, options: readonly [string, string][], value: string, all?: string) => h('select', { id, name }, all ? h('option', { value: '' }, all) : null,
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选期限' },
    h('div', { class: 'field' }, h('label', { for: ids.stage }, '阶段'), select(ids.stage, 'stage', STAGE_OPTIONS, f.stage, '全部阶段')),
    h('div', { class: 'field' }, h('label', { for: ids.party }, '承担方'), select(ids.party, 'party', PARTY_OPTIONS, f.party, '全部')),
    h('div', { class: 'field' }, h('label', { for: ids.days }, '到期时间'), select(ids.days, 'daysLeft', WINDOW_OPTIONS, f.daysLeft)),
    h('div', { class: 'field' }, h('label', { for: ids.overdue }, h('input', { id: ids.overdue, name: 'overdue', type: 'checkbox', checked: f.overdue }), ' 只看已逾期')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, '查询'), h('a', { class: 'btn', href: '/app/supervision' }, '清除')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const text = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : null;
    };
    navigate(`/app/supervision${query({ stage: text('stage'), party: text('party'), daysLeft: text('daysLeft'), overdue: data.get('overdue') ? 'true' : '' })}`);
  });
  const chart = h('div', {}, loading());
  const results = h('div', { 'aria-live': 'polite' }, loading());
  const notice = h('div', {});
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '监督'),
      h('p', { class: 'muted' }, '管辖范围内所有未办结的期限：由谁承担、何时到期、已逾期多少日；可向承担方催办，逾期后可督办。')),
    h('section', { class: 'card', 'aria-label': '统计' }, h('h2', {}, '未办结期限统计'), chart),
    h('section', { class: 'card' }, h('h2', {}, '期限清单'), form, notice, results));

  let figures: Figures;
  let page: DutyPage;
  try {
    [figures, page] = await Promise.all([
      get<Figures>('/supervision/figures'),
      get<DutyPage>(`/supervision/duties${query({ stage: f.stage, party: f.party, daysLeft: f.daysLeft, overdue: f.overdue ? 'true' : '', page: f.page, pageSize: PAGE_SIZE })}`),
    ]);
  } catch (e) {
    fill(chart, errorBox(e));
    fill(results, '');
    return;
  }
  if (!ctx.isCurrent()) return;
  fill(chart, h('p', { class: 'summary' }, `共 ${figures.open} 项未办结，其中 ${figures.overdue} 项已逾期（${date(figures.today)}）`), stageChart(figures), bandList(figures));
  const mayUrge = ctx.me.role === 'eeb' || ctx.me.role === 'land';
  const href = (p: number) => `/app/supervision${query({ stage: f.stage, party: f.party, daysLeft: f.daysLeft, overdue: f.overdue ? 'true' : '', page: p })}`;
  const columns: (Column<Duty> | null)[] = [
    { label: '地块或单位', cell: (d) => h('a', { href: dutyHref(d), class: 'strong-link' }, `${d.code} ${d.name}`) },
    { label: '阶段', cell: (d) => d.stageLabel },
    { label: '事项', cell: (d) => d.label },
    { label: '承担方', cell: (d) => [d.partyName, h('span', { class: 'muted small' }, `（${d.partyLabel}）`)] },
    { label: '期限', cell: (d) => date(d.dueDate), className: 'nowrap' },
    { label: '剩余或逾期', cell: daysChip },
    { label: '最近催办', cell: (d) => (d.lastUrgedOn ? date(d.lastUrgedOn) : '—'), className: 'nowrap' },
    mayUrge ? { label: '操作', cell: (d) => h('button', { type: 'button', class: 'btn btn-small', on: { click: () => urge(d, notice, draw) } }, d.overdue ? '催办、督办' : '催办') } : null,
  ];
  const draw = (): void => void fill(results,
    table(columns.filter((c): c is Column<Duty> => Boolean(c)), page.items, { caption: '未办结期限', rowClass: (d) => (d.overdue ? 'row-overdue' : ''), emptyText: '没有符合条件的期限。' }),
    h('nav', { class: 'pager', 'aria-label': '分页' },
      f.page > 1 ? h('a', { class: 'btn', href: href(f.page - 1), rel: 'prev' }, '上一页') : null,
      h('span', { class: 'pager-text' }, `第 ${f.page} 页`),
      page.hasMore ? h('a', { class: 'btn', href: href(f.page + 1), rel: 'next' }, '下一页') : null));
  draw();
}
