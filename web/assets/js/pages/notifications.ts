// 通知: what the deadline job recorded for me and the 催办 and 督办 sent to me, each linked to its plot or unit, with read marks.
import { api, get } from '../api.js';
import { add, fill, h } from '../dom.js';
import { dateTime } from '../format.js';
import { refresh } from '../main.js';
import type { PageContext } from '../page.js';
import { empty, errorBox, loading } from '../widgets.js';

/** One notification as GET /me/notifications lists it (NotificationView of src/deadlines/notifications.repository.ts). */
interface Notification {
  id: string;
  status: 'due' | 'overdue' | 'urge' | 'supervise';
  plotId: string | null;
  unitId: string | null;
  transportId: string | null;
  senderName: string | null;
  read: boolean;
  message: string;
  createdAt: string;
}

const STATUS_LABELS: Record<Notification['status'], string> = { due: '今日到期', overdue: '已逾期', urge: '催办', supervise: '督办' };

function hrefOf(n: Notification): string | null {
  if (n.unitId) return `/app/key-units/${n.unitId}#duties`;
  if (n.transportId) return `/app/transports/${n.transportId}`;
  return n.plotId ? `/app/plots/${n.plotId}` : null;
}

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  ctx.setTitle('通知');
  const body = h('div', { 'aria-live': 'polite' }, loading());
  const readAll = h('button', { type: 'button', class: 'btn', on: { click: async () => {
    await api('POST', '/me/notifications/read-all');
    window.dispatchEvent(new Event('notifications-changed'));
    await refresh();
  } } }, '全部标为已读');
  add(root,
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '通知'), readAll),
    h('section', { class: 'card' }, body));
  let data: { items: Notification[]; unread: number };
  try {
    data = (await get('/me/notifications')) as typeof data;
  } catch (e) {
    fill(body, errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (!data.items.length) {
    fill(body, empty('暂无通知。'));
    return;
  }
  // Opening a notification marks it read; the console's own link handling then navigates.
  const open = (n: Notification) => {
    if (n.read) return;
    n.read = true;
    void api('POST', `/me/notifications/${n.id}/read`).then(() => window.dispatchEvent(new Event('notifications-changed')), () => null);
  };
  fill(body,
    h('p', { class: 'summary', role: 'status' }, `共 ${data.items.length} 条通知`, data.unread ? `，${data.unread >= 100 ? '99+' : data.unread} 条未读` : '，均已读'),
    h('ul', { class: 'plain-list notification-list' }, data.items.map((n) => {
      const href = hrefOf(n);
      const text = [h('span', { class: ['chip', n.status === 'overdue' || n.status === 'supervise' ? 'overdue-text' : ''] }, STATUS_LABELS[n.status] ?? '通知'), ' ', n.message];
      return h('li', { class: ['notification', n.read ? 'read' : 'unread'], dataset: { testid: 'notification', read: String(n.read) } },
        n.read ? null : h('strong', { class: 'small' }, '未读 · '),
        href ? h('a', { href, on: { click: () => open(n) } }, text) : text,
        h('div', { class: 'muted small' }, dateTime(n.createdAt), n.senderName ? ` · ${n.senderName}` : ''));
    })));
}
