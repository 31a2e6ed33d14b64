import { ApiError, get, optional, query } from '../api.js';
import { add, fill, h } from '../dom.js';
import { date, dateTime, today } from '../format.js';
import { safeUseCard } from '../safe-use-card.js';
import type { SignedInContext } from '../page.js';
import { empty, errorBox, loading, stageBadge, table } from '../widgets.js';

/** One task of GET /me/tasks (TaskItem of src/me/tasks.service.ts; key units and 12369 cases too). */
interface Task {
  kind: 'plot' | 'transport' | 'key_unit' | 'public_report';
  id: string;
  plotId?: string;
  code: string;
  name: string;
  state: string;
  stateLabel?: string;
  events?: string[];
  taskLabels?: string[];
  overdue: boolean;
  dueDate?: string;
  batchNo?: string;
  deadlines?: { label?: string; dueDate?: string; status?: string }[];
}

/** One of my steps of GET /me/done (DoneRow of src/me/done.repository.ts, in words). */
interface Done {
  at: string;
  eventLabel: string;
  entityLabel: string;
  entityType: string;
  entityId: string;
  code: string | null;
  name: string | null;
  toStateLabel?: string;
}

/** GET /plots/:id, what the fallback to-do list reads. */
interface PlotForTasks {
  id: string;
  code: string;
  name: string;
  state: string;
  stateLabel?: string;
  allowedEvents?: string[];
  context?: { investigationDueDate?: string | null };
}

type WorkflowEvents = { events?: { type: string; label: string }[] };

/** Events labels from the workflow definition, loaded once. */
let eventLabels: Record<string, string> | undefined;
async function labels(): Promise<Record<string, string>> {
  if (!eventLabels) {
    const [plot, transport] = await Promise.all([
      optional<WorkflowEvents>('/workflows/plot-lifecycle'),
      optional<WorkflowEvents>('/workflows/soil-transport'),
    ]);
    eventLabels = Object.fromEntries([...(plot.data?.events ?? []), ...(transport.data?.events ?? [])].map((e) => [e.type, e.label]));
  }
  return eventLabels;
}

/** What awaits me: GET /me/tasks when the server has it, otherwise my plots with something I may do now. */
async function loadTasks(): Promise<{ items: Task[]; source: 'tasks' | 'plots' }> {
  try {
    const data = await get<{ items?: Task[] } | null>('/me/tasks');
    return { items: data?.items ?? [], source: 'tasks' };
  } catch (e) {
    if (!(e instanceof ApiError) || !e.missing) throw e;
  }
  return { items: await tasksFromPlots(), source: 'plots' };
}

async function tasksFromPlots(): Promise<Task[]> {
  const plots: { id: string }[] = [];
  for (let page = 1; page <= 5; page++) {
    const res = await get<{ items: { id: string }[]; total: number }>(`/plots${query({ page, pageSize: 100 })}`);
    for (const item of res.items) plots.push(item);
    if (plots.length >= res.total || !res.items.length) break;
  }
  const details = await inBatches(plots, 6, (p) => get<PlotForTasks>(`/plots/${p.id}`).catch(() => null));
  const now = today();
  return details
    .filter((p): p is PlotForTasks => Boolean(p?.allowedEvents?.length))
    .map((p): Task => {
      const dueDate = p.state === 'suspected' ? p.context?.investigationDueDate ?? undefined : undefined;
      return {
        kind: 'plot', id: p.id, plotId: p.id, code: p.code, name: p.name, state: p.state, stateLabel: p.stateLabel,
        events: p.allowedEvents, dueDate, overdue: Boolean(dueDate && dueDate < now),
      };
    });
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) for (const r of await Promise.all(items.slice(i, i + size).map(fn))) out.push(r);
  return out;
}

/** Overdue first, then by due date, then as the server gave them. */
function ordered(items: readonly Task[]): Task[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) =>
      Number(Boolean(b.item.overdue)) - Number(Boolean(a.item.overdue)) ||
      String(a.item.dueDate ?? '9999').localeCompare(String(b.item.dueDate ?? '9999')) ||
      a.i - b.i)
    .map((x) => x.item);
}

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  ctx.setTitle('待办');
  const body = h('div', {}, loading());
  add(root, 
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, '待办事项'),
      h('p', { class: 'muted' }, `${ctx.me.displayName}，以下是现在等待您办理的事项（已逾期的排在最前）。`)),
    h('section', { class: 'card', 'data-testid': 'todo' }, body),
    doneCard(ctx),
    safeUseCard(ctx.me));
  let result: { items: Task[]; source: 'tasks' | 'plots'; names: Record<string, string> };
  try {
    const [tasks, names] = await Promise.all([loadTasks(), labels()]);
    result = { ...tasks, names };
  } catch (e) {
    fill(body, errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  const items = ordered(result.items);
  if (!items.length) {
    fill(body, empty('暂无待办事项。'), h('p', {}, h('a', { href: '/app/plots' }, '查看全部地块')));
    return;
  }
  const overdue = items.filter((t) => t.overdue).length;
  fill(body,
    h('p', { class: 'summary', role: 'status' }, `共 ${items.length} 项待办`, overdue ? h('strong', { class: 'overdue-text' }, `，其中 ${overdue} 项已逾期`) : ''),
    table<Task>([
      {
        label: '地块',
        cell: (t) => [h('a', { href: taskHref(t), class: 'strong-link' }, `${t.code} ${t.name}`),
          t.kind === 'transport' && t.batchNo ? h('span', { class: 'muted small' }, ` · 转运批次 ${t.batchNo}`) : null],
      },
      { label: '当前状态', cell: (t) => stageBadge(t.state, t.stateLabel) },
      { label: '待办理', cell: (t) => h('span', { class: 'chips' }, (t.events ?? []).map((e, i) => h('span', { class: 'chip' }, t.taskLabels?.[i] ?? result.names[e] ?? '待办理事项'))) },
      { label: '期限', cell: deadlineCell },
      { label: '类型', cell: (t) => (t.kind === 'transport' ? '污染土壤转运' : t.kind === 'key_unit' ? '重点监管单位' : t.kind === 'public_report' ? '公众举报' : '地块') },
    ], items, { rowClass: (t) => (t.overdue ? 'row-overdue' : ''), caption: '待办事项' }),
    result.source === 'plots' ? h('p', { class: 'muted small' }, '待办按您在各地块上现在可以办理的事项生成。') : null);
}

/** 已办: my own recent steps from the audit trail (GET /me/done), paged by “更多”. */
function doneCard(ctx: SignedInContext): HTMLElement {
  const list = h('div', { 'aria-live': 'polite' }, loading());
  const card = h('section', { class: 'card', 'aria-labelledby': 'done-title', 'data-testid': 'done' }, h('h2', { id: 'done-title' }, '已办'), list);
  const rows: Done[] = [];
  const load = async (page: number): Promise<void> => {
    let data: { items: Done[]; hasMore?: boolean };
    try {
      data = await get<{ items: Done[]; hasMore?: boolean }>(`/me/done${query({ page, pageSize: 10 })}`);
    } catch (e) {
      fill(list, errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    rows.push(...data.items);
    if (!rows.length) {
      fill(list, empty('暂无已办事项。'));
      return;
    }
    fill(list,
      table<Done>([
        { label: '时间', cell: (d) => dateTime(d.at) },
        { label: '事项', cell: (d) => d.eventLabel },
        { label: '对象', cell: (d) => doneLink(d) },
        { label: '办理后', cell: (d) => d.toStateLabel || '—' },
      ], rows, { caption: '已办事项' }),
      data.hasMore ? h('button', { type: 'button', class: 'btn', on: { click: () => load(page + 1) } }, '更多') : null);
  };
  void load(1);
  return card;
}

function doneLink(d: Done): HTMLElement | string {
  const text = `${d.entityLabel}${d.code ? ` ${d.code}` : ''}${d.name ? ` ${d.name}` : ''}`;
  const href = d.entityType === 'plot' ? `/app/plots/${d.entityId}`
    : d.entityType === 'transport' ? `/app/transports/${d.entityId}`
      : d.entityType === 'key_unit' ? `/app/key-units/${d.entityId}`
        : d.entityType === 'warning' ? `/app/monitoring/warnings/${d.entityId}`
          : d.entityType === 'public_report' ? `/app/public-reports/${d.entityId}` : null;
  return href ? h('a', { href }, text) : text;
}

function deadlineCell(t: Task): HTMLElement | string {
  const open = (t.deadlines ?? []).filter((d) => d.dueDate);
  if (open.length) {
    return h('ul', { class: 'plain-list' }, open.map((d) => h('li', { class: d.status === 'overdue' ? 'overdue-text' : '' },
      `${d.label ?? ''} ${date(d.dueDate)}`, d.status === 'overdue' ? '（已逾期）' : '')));
  }
  if (t.dueDate) return h('span', { class: t.overdue ? 'overdue-text' : '' }, date(t.dueDate), t.overdue ? '（已逾期）' : '');
  return t.overdue ? h('span', { class: 'overdue-text' }, '已逾期') : '—';
}

function taskHref(t: Task): string {
  // A transport has its own page: the destination bureau sees the batch, not the plot it comes from.
  if (t.kind === 'key_unit') return `/app/key-units/${t.id}#duties`;
  if (t.kind === 'public_report') return `/app/public-reports/${t.id}`;
  return t.kind === 'transport' ? `/app/transports/${t.id}` : `/app/plots/${t.plotId ?? t.id}#actions`;
}
