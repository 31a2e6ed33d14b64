// Small pieces the pages share: stage badges, empty states, tables that turn into cards on a phone.
import { h, type Child } from './dom.js';
import { errorDetails } from './forms.js';
import { stageLabel, stageOf } from './format.js';

export function stageBadge(state: string, label?: string | null): HTMLElement {
  const stage = stageOf(state);
  return h('span', { class: `stage-badge stage-${stage}` }, label ?? stageLabel(stage));
}

export function empty(text = '暂无'): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

export function loading(text = '正在加载……'): HTMLElement {
  return h('p', { class: 'muted loading', role: 'status' }, text);
}

export function errorBox(err: unknown): HTMLElement {
  return h('div', { class: 'notice notice-error', role: 'alert' }, errorDetails(err));
}

/**
 * A table whose cells carry their column's name, so that on a narrow screen each
 * row reads as a card ("名称：…"). columns: [{label, cell(row) → node|text, className}].
 */
export interface Column<Row> {
  label: string;
  cell: (row: Row) => Child;
  className?: string;
}

export interface TableOptions<Row> {
  caption?: string;
  rowClass?: (row: Row) => string | undefined;
  emptyText?: string;
}

export function table<Row>(columns: readonly Column<Row>[], rows: readonly Row[], { caption, rowClass, emptyText }: TableOptions<Row> = {}): HTMLElement {
  if (!rows.length) return empty(emptyText);
  // Dates and times never break inside.
  columns = columns.map((c) => (c.className || !/日期|时间/.test(c.label) ? c : { ...c, className: 'nowrap' }));
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data-table' },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h('tbody', {}, rows.map((row) =>
        h('tr', { class: rowClass?.(row) }, columns.map((c) => h('td', { 'data-label': c.label, class: c.className }, c.cell(row) ?? '—')))))));
}

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = `sec-${title.replace(/\s+/g, '')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), children);
}

/** A digest shown in full, in a monospace face, breakable on a phone. */
export function digest(sha: string | null | undefined): HTMLElement | string {
  return sha ? h('code', { class: 'digest', title: 'SHA-256' }, sha) : '—';
}

/** Previous / next links for a paged list; nothing when everything fits on one page. */
export function pager(page: number, pages: number, href: (page: number) => string): HTMLElement | null {
  if (pages <= 1 && page <= 1) return null;
  const step = (enabled: boolean, target: number, rel: string, text: string) =>
    enabled ? h('a', { class: 'btn', href: href(target), rel }, text) : h('span', { class: 'btn disabled', 'aria-disabled': 'true' }, text);
  return h('nav', { class: 'pager', 'aria-label': '分页' },
    step(page > 1, Math.min(page - 1, pages), 'prev', '上一页'),
    h('span', { class: 'pager-text' }, `第 ${Math.min(page, pages)} / ${pages} 页`),
    step(page < pages, page + 1, 'next', '下一页'));
}
