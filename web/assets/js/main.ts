// The console: a small router over history.pushState, the page shell, and the signed-in user.
import { api, ApiError, get, session } from './api.js';
import { fill, h } from './dom.js';
import { roleLabel } from './format.js';
import type { Me, PageContext } from './page.js';

/** A page module: draws itself into the page; may start its reads before GET /me has answered. */
interface PageModule {
  render(root: HTMLElement, ctx: PageContext): unknown;
  prefetch?(params: Record<string, string>): void;
}

interface Route {
  path: RegExp;
  page: () => Promise<PageModule>;
  public?: boolean;
}

const APP_NAME = '污染地块全生命周期管理';

/** Path patterns → page modules (loaded on first use). `public` pages need no login. */
const ROUTES: Route[] = [
  { path: /^\/app\/login$/, page: () => import('./pages/login.js'), public: true },
  { path: /^\/app\/?$/, page: () => import('./pages/todo.js') },
  { path: /^\/app\/plots$/, page: () => import('./pages/plots.js') },
  { path: /^\/app\/plots\/new$/, page: () => import('./pages/plot-new.js') },
  { path: /^\/app\/plots\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/plot.js') },
  { path: /^\/app\/transports\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/transport.js') },
  { path: /^\/app\/registers$/, page: () => import('./pages/registers.js') },
  { path: /^\/app\/annual-report$/, page: () => import('./pages/annual-report.js') },
  { path: /^\/app\/audit-check$/, page: () => import('./pages/audit-check.js') },
  { path: /^\/app\/map$/, page: () => import('./pages/map.js') },
  { path: /^\/app\/proposals$/, page: () => import('./pages/proposals.js') },
  { path: /^\/app\/key-units$/, page: () => import('./pages/key-units.js') },
  { path: /^\/app\/key-units\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/key-unit.js') },
  { path: /^\/app\/monitoring$/, page: () => import('./pages/monitoring.js') },
  { path: /^\/app\/monitoring\/points\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/monitoring-point.js') },
  { path: /^\/app\/monitoring\/warnings\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/monitoring-warning.js') },
  { path: /^\/app\/admin(?:\/(?<tab>[a-z]+))?$/, page: () => import('./pages/admin.js') },
  { path: /^\/(?:app\/)?verify(?:\/(?<sha>[^/]*))?$/, page: () => import('./pages/verify.js'), public: true },
  { path: /^\/public\/verify\/(?<sha>[^/]+)$/, page: () => import('./pages/verify.js'), public: true },
  { path: /^\/(?:app\/)?public\/register$/, page: () => import('./pages/public-register.js'), public: true },
  { path: /^\/app\/public\/disclosures$/, page: () => import('./pages/public-disclosures.js'), public: true },
  { path: /^\/app\/public\/map$/, page: () => import('./pages/public-map.js'), public: true },
  { path: /^\/app\/public\/key-units$/, page: () => import('./pages/public-key-units.js'), public: true },
  { path: /^\/app\/credit$/, page: () => import('./pages/credit.js'), public: true },
  { path: /^\/app\/credit\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/credit-firm.js'), public: true },
  { path: /^\/app\/public\/report$/, page: () => import('./pages/public-report.js'), public: true },
  { path: /^\/app\/public\/report\/(?<code>[A-Za-z0-9]{12})$/, page: () => import('./pages/public-report.js'), public: true },
  { path: /^\/app\/public-reports$/, page: () => import('./pages/public-reports.js') },
  { path: /^\/app\/supervision$/, page: () => import('./pages/supervision.js') },
  { path: /^\/app\/notifications$/, page: () => import('./pages/notifications.js') },
  { path: /^\/app\/public-reports\/(?<id>[0-9a-fA-F-]{36})$/, page: () => import('./pages/public-reports.js') },
];

const state: { me: Me | null; renderId: number; rendered: string } = { me: null, renderId: 0, rendered: '' };

export function currentUser(): Me | null {
  return state.me;
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void route();
}

/** Re-renders the current page (after an action changed what it shows). */
export function refresh(): Promise<void> {
  return route({ keepFocus: true, keepScroll: true });
}

/** Who is signed in, asked once per page load (GET /me): the session cookie is shared by every tab. */
async function loadMe(): Promise<Me | null> {
  if (state.me) return state.me;
  // No csrf cookie: this browser holds no session, and public pages need not ask.
  if (!session.present) return null;
  try {
    state.me = await get<Me>('/me');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    state.me = null;
  }
  return state.me;
}

export function signedIn(me: Me): void {
  state.me = me;
}

/**
 * Ends the session on the server (POST /auth/logout clears both cookies) and shows the login page with `message`;
 * with `next`, the login leads back to that page.
 */
export async function signOut(message?: string, next?: string): Promise<void> {
  state.me = null;
  try {
    await api('POST', '/auth/logout');
  } catch {
    // The cookies may be gone already (logged out in another tab); the login page is shown all the same.
  }
  const q = new URLSearchParams();
  if (message) q.set('msg', message);
  if (next) q.set('next', next);
  const text = q.toString();
  navigate(`/app/login${text ? `?${text}` : ''}`, { replace: true });
}

// Which navigation entry a path belongs to.
const SECTIONS: [string, RegExp][] = [
  ['/app/plots/new', /^\/app\/plots\/new$/],
  ['/app/plots', /^\/app\/plots(\/[0-9a-fA-F-]{36})?$/],
  ['/app/', /^\/app\/?$/],
  ['/app/admin', /^\/app\/admin(\/|$)/],
  ['/verify', /^\/(app\/)?verify(\/|$)|^\/public\/verify\//],
  ['/app/public/register', /^\/(app\/)?public\/register$/],
  ['/app/public/disclosures', /^\/app\/public\/disclosures$/],
  ['/app/map', /^\/app\/map$/],
  ['/app/proposals', /^\/app\/proposals$/],
  ['/app/credit', /^\/app\/credit(\/[0-9a-fA-F-]{36})?$/],
  ['/app/public/report', /^\/app\/public\/report(\/[A-Za-z0-9]{12})?$/],
  ['/app/public-reports', /^\/app\/public-reports(\/[0-9a-fA-F-]{36})?$/],
  ['/app/key-units', /^\/app\/key-units(\/[0-9a-fA-F-]{36})?$/],
  ['/app/monitoring', /^\/app\/monitoring(\/|$)/],
  ['/app/public/key-units', /^\/app\/public\/key-units$/],
  ['/app/public/map', /^\/app\/public\/map$/],
  ['/app/supervision', /^\/app\/supervision$/],
  ['/app/notifications', /^\/app\/notifications$/],
];

function navLink(href: string, text: string, current: string): HTMLElement {
  const own = SECTIONS.find(([key]) => key === href);
  const active = own ? own[1].test(current) : current === href;
  return h('a', { href, class: ['nav-link', active && 'active'], 'aria-current': active ? 'page' : undefined }, text);
}

function renderTopbar(me: Me | null, path: string) {
  const bar = document.getElementById('topbar');
  if (!bar) return;
  const brand = h('a', { class: 'brand', href: me ? '/app/' : '/app/login' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), APP_NAME);
  if (!me) {
    fill(bar, brand, h('nav', { class: 'nav', 'aria-label': '公开页面' },
      navLink('/app/public/register', '名录公示', path),
      navLink('/app/public/key-units', '重点监管单位', path),
      navLink('/app/public/disclosures', '公示', path),
      navLink('/app/public/map', '公开地图', path),
      navLink('/app/credit', '诚信档案', path),
      navLink('/app/public/report', '我要举报', path),
      navLink('/verify', '文件核验', path),
      navLink('/app/login', '登录', path)));
    return;
  }
  // 工业和信息化 bureaus see no plot: their work is the lists of closed and relocated enterprises.
  const seesPlots = me.role !== 'miit';
  const links = [navLink('/app/', '待办', path)];
  if (seesPlots) links.push(navLink('/app/plots', '地块', path), navLink('/app/map', '一张图', path));
  if (['eeb', 'land', 'miit', 'admin'].includes(me.role)) links.push(navLink('/app/proposals', '疑似地块线索', path));
  if (['eeb', 'land', 'miit', 'holder', 'admin'].includes(me.role)) links.push(navLink('/app/key-units', '重点监管单位', path));
  if (['eeb', 'land', 'admin'].includes(me.role)) links.push(navLink('/app/monitoring', '监测预警', path));
  if (['eeb', 'land', 'admin'].includes(me.role)) links.push(navLink('/app/supervision', '监督', path));
  if (me.role === 'eeb') links.push(navLink('/app/public-reports', '公众举报', path));
  links.push(navLink('/app/credit', '诚信档案', path));
  if (me.role === 'eeb' || me.role === 'holder') links.push(navLink('/app/plots/new', '登记地块', path));
  if (['eeb', 'land', 'admin'].includes(me.role)) links.push(navLink('/app/registers', me.role === 'land' ? '名录与用地核查' : '名录', path));
  else if (seesPlots) links.push(navLink('/app/public/register', '名录公示', path));
  if (['eeb', 'land'].includes(me.role)) links.push(navLink('/app/annual-report', '年度报告', path));
  if (['eeb', 'land', 'admin'].includes(me.role)) links.push(navLink('/app/audit-check', '审计链核验', path));
  links.push(navLink('/app/public/disclosures', '公示', path));
  if (me.role === 'admin') links.push(navLink('/app/admin', '系统管理', path));
  links.push(navLink('/verify', '文件核验', path));
  fill(bar, brand,
    h('nav', { class: 'nav', 'aria-label': '主导航' }, links),
    h('div', { class: 'whoami', 'aria-label': '当前用户' },
      bell(),
      h('span', { class: 'who-name', 'data-testid': 'user-name' }, me.displayName),
      h('span', { class: 'who-org', 'data-testid': 'user-org' }, me.organisationName),
      h('span', { class: `role-badge role-${me.role}`, 'data-testid': 'user-role' }, roleLabel(me.role, me.level)),
      h('button', { type: 'button', class: 'btn btn-small', on: { click: () => void signOut('您已退出登录') } }, '退出')));
}

/** The bell: the count of unread notifications, linking to the list; re-read on every page and when a page marks some read. */
const bellState: { el: HTMLElement | null; seq: number; early: Promise<{ unread: number }> | null } = { el: null, seq: 0, early: null };
function bell(): HTMLElement {
  const count = h('span', { class: 'bell-count', 'data-testid': 'bell-count' });
  const el = h('a', { href: '/app/notifications', class: 'btn btn-small bell', 'data-testid': 'bell', 'aria-label': '通知' }, '通知 ', count);
  bellState.el = el;
  void updateBell();
  return el;
}
async function updateBell() {
  const seq = ++bellState.seq;
  const el = bellState.el;
  if (!el) return;
  let text = '';
  try {
    // The count asked for alongside GET /me (route) is taken once; later updates ask again.
    const early = bellState.early;
    bellState.early = null;
    const { unread } = await (early ?? get<{ unread: number }>('/me/notifications/unread'));
    text = unread ? (unread >= 100 ? '99+' : String(unread)) : '';
  } catch {
    return;
  }
  if (seq !== bellState.seq) return;
  const count = el.querySelector('.bell-count');
  if (count) count.textContent = text ? `（${text}）` : '';
  el.setAttribute('aria-label', text ? `通知，${text} 条未读` : '通知，没有未读');
}
window.addEventListener('notifications-changed', () => void updateBell());

async function route({ keepFocus = false, keepScroll = false }: { keepFocus?: boolean; keepScroll?: boolean } = {}): Promise<void> {
  const renderId = ++state.renderId;
  const path = location.pathname;
  state.rendered = path + location.search;
  const found = ROUTES.map((r) => ({ r, m: r.path.exec(path) })).find((x) => x.m);
  const match = found?.m ? { r: found.r, params: found.m.groups ?? {} } : undefined;
  const main = document.getElementById('main')!;
  // A page may start its own reads now, alongside GET /me: one round trip fewer on a slow link (only with a session).
  if (match && session.present) {
    void match.r.page().then((module) => module.prefetch?.(match.params)).catch(() => undefined);
    if (!match.r.public) {
      bellState.early = get<{ unread: number }>('/me/notifications/unread');
      bellState.early.catch(() => undefined);
    }
  }
  let me: Me | null = null;
  try {
    me = await loadMe();
  } catch (e) {
    fill(main, h('div', { class: 'notice notice-error', role: 'alert' }, `无法连接服务器：${messageOf(e)}`));
    return;
  }
  if (renderId !== state.renderId) return;
  if (match && !match.r.public && !me) {
    const next = path + location.search;
    history.replaceState(null, '', `/app/login?next=${encodeURIComponent(next)}`);
    return route();
  }
  renderTopbar(me, path);
  const root = h('div', { class: 'page' });
  const scroll = window.scrollY;
  fill(main, root);
  if (!match) {
    document.title = `页面不存在 · ${APP_NAME}`;
    fill(root, h('h1', { tabindex: '-1' }, '页面不存在'), h('p', {}, h('a', { href: '/app/' }, '返回首页')));
    return;
  }
  try {
    const module = await match.r.page();
    if (renderId !== state.renderId) return;
    const ctx: PageContext = {
      me,
      params: match.params,
      query: new URLSearchParams(location.search),
      isCurrent: () => renderId === state.renderId,
      setTitle: (t) => (document.title = `${t} · ${APP_NAME}`),
    };
    await module.render(root, ctx);
  } catch (e) {
    console.error(e);
    if (renderId !== state.renderId) return;
    fill(root, h('h1', { tabindex: '-1' }, '出错了'), h('div', { class: 'notice notice-error', role: 'alert' }, messageOf(e)));
  }
  if (renderId !== state.renderId) return;
  if (keepScroll) window.scrollTo(0, scroll);
  if (!keepFocus && !root.contains(document.activeElement)) (root.querySelector('h1') ?? main).focus({ preventScroll: keepScroll });
  const target = location.hash && !keepScroll ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  target?.scrollIntoView();
}

document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target instanceof Element ? ev.target.closest<HTMLAnchorElement>('a[href]') : null;
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  if (!/^\/(app(\/|$)|verify(\/|$)|public\/(verify|register))/.test(url.pathname)) return;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  ev.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

// Moving between anchors of the same page (#facts, #timeline) is not a new page.
window.addEventListener('popstate', () => {
  if (location.pathname + location.search === state.rendered) return;
  void route();
});
// A 401 on any request: logged out in another tab, expired or revoked.
window.addEventListener('session-expired', () => {
  if (state.me) void signOut('登录已失效或已在其他页面退出，请重新登录', location.pathname + location.search);
});

void route();

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
