// 变更记录: the administrator's changes (jurisdictions, organisations, users, passwords reset), newest first, paged,
// in words: who, when, what was changed and how.
import { get, query } from '../api.js';
import { fill, h } from '../dom.js';
import { dateTime } from '../format.js';
import { empty, pager, table } from '../widgets.js';

const PAGE_SIZE = 50;

/** One entry as GET /admin/change-log answers it (toChangeLogEntry of src/admin/change-log.ts). */
interface ChangeLogEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  subject: string;
  details: { label: string; value: string }[];
}

function details(entry: ChangeLogEntry): HTMLElement | string {
  if (!entry.details.length) return '—';
  return h('ul', { class: 'plain-list' }, entry.details.map((d) => h('li', {}, `${d.label}：${d.value}`)));
}

/** Fills `body` with one page of the change log; the page number is read from ?page= of the address. */
export async function renderChangeLog(body: HTMLElement): Promise<void> {
  const page = Math.max(1, Number(new URLSearchParams(location.search).get('page')) || 1);
  const res = (await get(`/admin/change-log${query({ page, pageSize: PAGE_SIZE })}`)) as { total: number; items: ChangeLogEntry[] };
  if (!res.total) {
    fill(body, empty('暂无变更记录：新增或修改行政区划、机构、用户，以及重置密码后，在此逐条记录。'));
    return;
  }
  const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
  fill(body,
    h('p', { class: 'small', 'data-testid': 'change-log-total' }, `共 ${res.total} 条变更，最新的在前。`),
    table<ChangeLogEntry>([
      { label: '时间', cell: (c) => dateTime(c.at) },
      { label: '操作人', cell: (c) => c.actor },
      { label: '操作', cell: (c) => `${c.action}${c.entity}` },
      { label: '对象', cell: (c) => c.subject },
      { label: '内容', cell: details },
    ], res.items, { caption: `变更记录（第 ${page} 页）` }),
    pager(page, pages, (p) => `/app/admin/changes${query({ page: p })}`));
}
