// One key supervised unit: what may be done now, its facts, duties by year, demolitions, closure, documents, record.
import { get } from '../api.js';
import { add, fill, h } from '../dom.js';
import { itemsOf } from '../format.js';
import { refresh } from '../main.js';
import type { PageContext } from '../page.js';
import { unitActionCards } from '../key-unit/actions.js';
import { keyUnitBadge } from '../key-unit/labels.js';
import { closurePanel, deadlinesList, demolitionsTable, dutiesTable, reportsTable, unitFacts, unitTimeline } from '../key-unit/sections.js';
import { documentsTable, settled } from '../plot/evidence.js';
import { errorBox, loading, section } from '../widgets.js';

/** The outcome of the last action, shown once after the page is drawn again. */
let flash: string | null = null;

/** GET /key-units/:id, the parts this page reads itself (the sections read the rest). */
interface KeyUnit {
  name: string;
  state: string;
  stateLabel?: string;
  demolitions?: { leadTime?: { requiredWorkingDays?: number } }[];
}

/** Working days a demolition plan is filed ahead: the figure the server counted last, else the reference's default. */
function leadDays(unit: KeyUnit): number {
  const last = [...(unit.demolitions ?? [])].reverse().find((d) => d.leadTime?.requiredWorkingDays);
  return last?.leadTime?.requiredWorkingDays ?? 15;
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.params.id;
  add(root, loading());
  let unit: KeyUnit;
  try {
    unit = await get<KeyUnit>(`/key-units/${id}`);
  } catch (e) {
    fill(root, h('h1', { tabindex: '-1' }, '重点监管单位'), errorBox(e), h('p', {}, h('a', { href: '/app/key-units' }, '返回名录')));
    return;
  }
  const [history, documents, reports] = await Promise.allSettled([
    get(`/key-units/${id}/history`),
    get(`/key-units/${id}/documents`),
    get(`/key-units/${id}/reports`),
  ]);
  if (!ctx.isCurrent()) return;
  ctx.setTitle(unit.name);
  const listed = ctx.query.get('listed') && !flash ? `已将“${unit.name}”列入重点监管单位名录。` : null;
  if (ctx.query.get('listed')) window.history.replaceState(null, '', location.pathname + location.hash);
  const message = flash ?? listed;
  flash = null;
  const flashBox = message ? h('div', { class: 'notice notice-ok', role: 'status', tabindex: '-1', 'data-testid': 'flash' }, message) : null;
  const done = (text: string) => {
    flash = text;
    void refresh();
  };
  const cards = unitActionCards(unit, { done, leadDays: leadDays(unit) });
  fill(root,
    h('div', { class: 'page-head' },
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: '/app/key-units' }, '重点监管单位'), ' / ', unit.name),
        h('h1', { tabindex: '-1' }, unit.name),
        h('p', { class: 'plot-state' }, keyUnitBadge(unit.state, unit.stateLabel)))),
    h('nav', { class: 'page-nav', 'aria-label': '本页目录' },
      [['actions', '办理'], ['facts', '基本信息'], ['duties', '年度义务'], ['demolitions', '拆除活动'], ['closure', '关闭与场地'], ['documents', '备案文件'], ['reports', '报告'], ['timeline', '办理记录']]
        .map(([anchor, text]) => h('a', { href: `#${anchor}` }, text))),
    h('div', { class: 'plot-grid' },
      h('div', { id: 'actions', class: 'anchor' }, section('现在可以办理',
        flashBox,
        cards.length ? h('div', { class: 'actions-grid' }, cards) : h('p', { class: 'empty' }, '您现在没有需要为本单位办理的事项。'))),
      h('div', { id: 'facts', class: 'anchor' }, section('基本信息', unitFacts(unit), h('h3', {}, '未办结的期限'), deadlinesList(unit))),
      h('div', { id: 'duties', class: 'anchor wide' }, section('年度义务', dutiesTable(unit))),
      h('div', { id: 'demolitions', class: 'anchor wide' }, section('拆除活动与违法记录', demolitionsTable(unit))),
      h('div', { id: 'closure', class: 'anchor' }, section('关闭与场地', closurePanel(unit))),
      h('div', { id: 'documents', class: 'anchor wide' }, section('备案文件', settled(documents, (d: unknown) => documentsTable(itemsOf(d))))),
      h('div', { id: 'reports', class: 'anchor wide' }, section('报告', settled(reports, (d: unknown) => reportsTable(itemsOf(d))))),
      h('div', { id: 'timeline', class: 'anchor' }, section('办理记录', settled(history, (d: { items?: unknown[] }) => unitTimeline(d.items ?? []))))));
  if (flashBox) flashBox.focus();
}
