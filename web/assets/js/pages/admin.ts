import { api, ApiError, get, optional } from '../api.js';
import { forget } from '../directory.js';
import { add, fill, h, type Child } from '../dom.js';
import { confirmDialog } from '../confirm.js';
import { errorDetails, makeForm } from '../forms.js';
import { dateTime, isIsoDate, itemsOf, ROLE_LABELS, roleLabel } from '../format.js';
import { navigate, refresh } from '../main.js';
import { renderChangeLog } from './change-log.js';
import type { SignedInContext } from '../page.js';
import { empty, errorBox, loading, section, table } from '../widgets.js';

/** An organisation of GET /admin/organisations (the directory's rows, src/organisations). */
interface AdminOrganisation {
  id: string;
  name: string;
  kind: string;
  jurisdictionCode?: string | null;
  disabled?: boolean;
}

/** A user of GET /admin/users (src/admin/admin.service.ts). */
interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organisationId: string;
  disabled?: boolean;
}

/** A jurisdiction of GET /admin/jurisdictions (the directory's rows, src/organisations). */
interface AdminJurisdiction {
  code: string;
  name: string;
  disabled?: boolean;
}

/** One day of a year's calendar (CalendarDay of src/calendar/calendar-tsv.ts). */
interface CalendarDay {
  date: string;
  kind: string;
  name: string;
}

/** A year of GET /admin/calendar: its counts and who changed it last (src/calendar/calendar.service.ts). */
interface CalendarYearSummary {
  year: number;
  holidays: number;
  workdays: number;
  source?: string | null;
  updatedBy?: string | null;
  updatedAt?: string;
}

/** GET /admin/calendar/:year: the year's days (CalendarYearRow of src/calendar/calendar.repository.ts). */
interface CalendarYearDays {
  days?: CalendarDay[];
}

/** GET /admin/settings: one setting (SettingView of src/config/settings-view.ts). */
interface SettingView {
  key?: unknown;
  env?: unknown;
  label: unknown;
  value?: unknown;
}

/** A setting as the table shows it: its environment variable, label and value in text. */
interface SettingEntry {
  key: string;
  label?: string;
  value: string;
}

const isSettingViews = (data: unknown): data is SettingView[] =>
  Array.isArray(data) && data.every((x: unknown) => x !== null && typeof x === 'object' && 'label' in x);

const TABS: [string, string][] = [
  ['organisations', '机构'],
  ['users', '用户'],
  ['jurisdictions', '行政区划'],
  ['calendar', '工作日历'],
  ['settings', '系统设置'],
  ['changes', '变更记录'],
];
const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

let flash: string | null = null;
function done(message: string): void {
  flash = message;
  forget();
  void refresh();
}

/** A button that PATCHes or POSTs and reports its outcome beside itself. */
function actionButton(label: string, run: () => Promise<void>): HTMLElement {
  const status = h('span', { class: 'small', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'btn btn-small',
    on: {
      click: async () => {
        // 停用 takes effect at once for every session of the user or organisation: asked first (issue 22 point 1).
        if (label === '停用' && !(await confirmDialog({
          title: '确认停用',
          lines: ['停用后：该用户（或该机构、行政区划下的用户）不能再登录和办理，也不能再被选用；已有的办理记录和文书保留，可随时重新启用。'],
          confirmLabel: '停用',
          tone: 'danger',
        }))) return;
        button.disabled = true;
        try {
          await run();
        } catch (e) {
          fill(status, errorDetails(e));
          button.disabled = false;
        }
      },
    },
  }, label);
  return h('span', { class: 'row-actions' }, button, status);
}

async function organisationsTab(body: HTMLElement): Promise<void> {
  const [orgs, districts] = await Promise.all([get<AdminOrganisation[]>('/admin/organisations'), get<AdminJurisdiction[]>('/admin/jurisdictions')]);
  const create = makeForm({
    dataset: { testid: 'create-organisation' },
    fields: [
      { name: 'name', label: '机构名称', required: true, maxLength: 200 },
      { name: 'kind', label: '机构类型', type: 'select', required: true, placeholder: '请选择', options: ROLE_OPTIONS },
      {
        name: 'jurisdictionCode', label: '行政区划（生态环境局、自然资源局必填）', type: 'select', placeholder: '无',
        options: districts.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` })),
      },
    ],
    submitLabel: '新增机构',
    onSubmit: async (v) => {
      if ((v.kind === 'eeb' || v.kind === 'land') && !v.jurisdictionCode) {
        throw new ApiError(0, { message: '生态环境局、自然资源局必须指定行政区划', errors: [{ field: 'jurisdictionCode', message: '必填' }] });
      }
      await api('POST', '/admin/organisations', { name: v.name, kind: v.kind, ...(v.jurisdictionCode ? { jurisdictionCode: v.jurisdictionCode } : {}) });
      done(`已新增机构“${v.name}”。`);
    },
  });
  fill(body,
    table([
      { label: '名称', cell: (o: AdminOrganisation) => o.name },
      { label: '类型', cell: (o) => roleLabel(o.kind) },
      { label: '行政区划', cell: (o) => o.jurisdictionCode ?? '—' },
      { label: '状态', cell: (o) => (o.disabled ? h('span', { class: 'status-off' }, '已停用') : '启用') },
      {
        label: '操作',
        cell: (o) => actionButton(o.disabled ? '启用' : '停用', async () => {
          await api('PATCH', `/admin/organisations/${o.id}`, { disabled: !o.disabled });
          done(`已${o.disabled ? '启用' : '停用'}机构“${o.name}”。`);
        }),
      },
    ], orgs, { caption: '机构' }),
    h('h3', {}, '新增机构'), create);
}

async function usersTab(body: HTMLElement): Promise<void> {
  const [users, orgs] = await Promise.all([get<AdminUser[]>('/admin/users'), get<AdminOrganisation[]>('/admin/organisations')]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const create = makeForm({
    dataset: { testid: 'create-user' },
    fields: [
      { name: 'username', label: '用户名', required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/, patternMessage: '2–64 位小写字母、数字、点、下划线或连字符' },
      { name: 'displayName', label: '姓名', required: true, maxLength: 100 },
      { name: 'role', label: '角色', type: 'select', required: true, placeholder: '请选择', options: ROLE_OPTIONS },
      { name: 'organisationId', label: '所属机构', type: 'select', required: true, placeholder: '请选择', options: orgs.filter((o) => !o.disabled).map((o) => ({ value: o.id, label: `${o.name}（${roleLabel(o.kind)}）` })), validate: (v, all) => (all.role && orgs.find((o) => o.id === v)?.kind !== all.role ? '角色须与机构类型一致' : null) },
      { name: 'password', label: '初始密码', type: 'password', required: true, autocomplete: 'new-password', validate: (v) => (String(v).length < 10 ? '密码至少 10 个字符' : null) },
    ],
    submitLabel: '新增用户',
    onSubmit: async (v) => {
      await api('POST', '/admin/users', v);
      done(`已新增用户“${v.username}”。`);
    },
  });
  fill(body,
    table([
      { label: '用户名', cell: (u: AdminUser) => u.username },
      { label: '姓名', cell: (u) => u.displayName },
      { label: '角色', cell: (u) => roleLabel(u.role) },
      { label: '机构', cell: (u) => orgName.get(u.organisationId) ?? '—' },
      { label: '状态', cell: (u) => (u.disabled ? h('span', { class: 'status-off' }, '已停用') : '启用') },
      {
        label: '操作',
        cell: (u) => h('div', { class: 'row-actions' },
          actionButton(u.disabled ? '启用' : '停用', async () => {
            await api('PATCH', `/admin/users/${u.id}`, { disabled: !u.disabled });
            done(`已${u.disabled ? '启用' : '停用'}用户“${u.username}”。`);
          }),
          resetPassword(u)),
      },
    ], users, { caption: '用户' }),
    h('h3', {}, '新增用户'), create);
}

function resetPassword(user: AdminUser): HTMLElement {
  const details = h('details', { class: 'inline-details' }, h('summary', { class: 'btn btn-small' }, '重置密码'));
  details.append(makeForm({
    dataset: { testid: `reset-${user.username}` },
    fields: [{ name: 'password', label: `“${user.username}”的新密码`, type: 'password', required: true, autocomplete: 'new-password', validate: (v) => (String(v).length < 10 ? '密码至少 10 个字符' : null) }],
    submitLabel: '确认重置',
    onSubmit: async (v) => {
      await api('POST', `/admin/users/${user.id}/reset-password`, { password: v.password });
      done(`已重置用户“${user.username}”的密码；其已登录的会话失效。`);
    },
  }));
  return details;
}

async function jurisdictionsTab(body: HTMLElement): Promise<void> {
  const rows = await get<AdminJurisdiction[]>('/admin/jurisdictions');
  const create = makeForm({
    dataset: { testid: 'create-jurisdiction' },
    fields: [
      { name: 'code', label: '行政区划代码', required: true, pattern: /^[0-9]{6}([0-9]{3,6})?$/, patternMessage: '6 位（或 9–12 位）数字', inputmode: 'numeric' },
      { name: 'name', label: '名称', required: true, maxLength: 100 },
    ],
    submitLabel: '新增行政区划',
    onSubmit: async (v) => {
      await api('POST', '/admin/jurisdictions', v);
      done(`已新增行政区划“${v.name}”。`);
    },
  });
  fill(body,
    table([
      { label: '代码', cell: (j: AdminJurisdiction) => j.code },
      { label: '名称', cell: (j) => j.name },
      { label: '状态', cell: (j) => (j.disabled ? h('span', { class: 'status-off' }, '已停用') : '启用') },
      {
        label: '操作',
        cell: (j) => actionButton(j.disabled ? '启用' : '停用', async () => {
          await api('PATCH', `/admin/jurisdictions/${j.code}`, { disabled: !j.disabled });
          done(`已${j.disabled ? '启用' : '停用'}行政区划“${j.name}”。`);
        }),
      },
    ], rows, { caption: '行政区划' }),
    h('h3', {}, '新增行政区划'), create);
}

const DAY_KINDS = [{ value: 'holiday', label: '放假' }, { value: 'workday', label: '调休上班' }];

/** One editable day of the calendar: date, 放假 or 调休上班, name, and a button that removes the row. */
function dayRow(day: Partial<CalendarDay> = {}): HTMLElement {
  const remove = h('button', { type: 'button', class: 'btn btn-small' }, '删除');
  const row = h('tr', { class: 'calendar-row' },
    h('td', { 'data-label': '日期' }, h('input', { type: 'date', name: 'day-date', value: day.date ?? '', required: true })),
    h('td', { 'data-label': '类型' }, h('select', { name: 'day-kind' },
      DAY_KINDS.map((k) => h('option', { value: k.value, selected: k.value === (day.kind ?? 'holiday') }, k.label)))),
    h('td', { 'data-label': '名称' }, h('input', { type: 'text', name: 'day-name', value: day.name ?? '', maxlength: 50, required: true, placeholder: '如 春节、春节调休上班' })),
    h('td', { 'data-label': '操作' }, remove));
  remove.addEventListener('click', () => {
    const tbody = row.parentElement;
    row.remove();
    if (tbody) numberRows(tbody);
  });
  return row;
}

/** Each row's controls named by the row's place ("第 3 行的日期"), again after a row is added or removed. */
function numberRows(tbody: HTMLElement): void {
  [...tbody.children].forEach((row, i) => {
    const where = `第 ${i + 1} 行`;
    row.querySelector('[name="day-date"]')?.setAttribute('aria-label', `${where}的日期`);
    row.querySelector('[name="day-kind"]')?.setAttribute('aria-label', `${where}的类型`);
    row.querySelector('[name="day-name"]')?.setAttribute('aria-label', `${where}的名称`);
    row.querySelector('button')?.setAttribute('aria-label', `删除${where}`);
  });
}

/** The rows of the editor as the API's days, and the problems found in them (row numbers as the reader sees them). */
function readDays(tbody: HTMLElement, year: number): { days: CalendarDay[]; problems: string[] } {
  const days: CalendarDay[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  [...tbody.children].forEach((row, i) => {
    const [d, kind, name] = ['day-date', 'day-kind', 'day-name'].map((n) => row.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${n}"]`)?.value.trim() ?? '');
    const where = `第 ${i + 1} 行`;
    if (!isIsoDate(d)) problems.push(`${where}：请选择日期`);
    else if (Number(d.slice(0, 4)) !== year) problems.push(`${where}：${d} 不在 ${year} 年`);
    else if (seen.has(d)) problems.push(`${where}：${d} 与第 ${seen.get(d)} 行重复`);
    if (!name) problems.push(`${where}：请填写名称`);
    if (isIsoDate(d)) seen.set(d, i + 1);
    days.push({ date: d, kind, name });
  });
  return { days: days.sort((a, b) => a.date.localeCompare(b.date)), problems };
}

// The API takes the year as a tab-separated table (src/calendar/calendar-tsv.ts); the console never shows it.
function toTsv(days: readonly CalendarDay[]): string {
  return ['date\tkind\tname', ...days.map((d) => `${d.date}\t${d.kind}\t${d.name.replace(/\s+/g, ' ')}`)].join('\n');
}

async function calendarTab(body: HTMLElement, ctx: SignedInContext): Promise<void> {
  const years = await optional('/admin/calendar');
  if (!years.available) {
    fill(body, empty('工作日历服务尚未开通，暂无。'));
    return;
  }
  const list = itemsOf<CalendarYearSummary>(years.data);
  const year = Number(ctx.query.get('year')) || list.at(-1)?.year || new Date().getFullYear();
  const current = await optional<CalendarYearDays>(`/admin/calendar/${year}`);
  const days = current.available ? current.data?.days ?? [] : [];
  const known = new Set(list.map((y) => y.year));
  const choices = [...new Set([...known, year, year + 1, new Date().getFullYear(), new Date().getFullYear() + 1])].sort();
  const picker = h('select', {
    id: 'calendar-year', 'aria-label': '年份',
    on: { change: (ev) => navigate(`/app/admin/calendar?year=${(ev.target as HTMLSelectElement).value}`) },
  }, choices.map((y) => h('option', { value: String(y), selected: y === year }, `${y} 年${known.has(y) ? '' : '（尚未录入）'}`)));
  const tbody = h('tbody', {}, days.map((d) => dayRow(d)));
  numberRows(tbody);
  const add = h('button', { type: 'button', class: 'btn', on: { click: () => {
    const row = dayRow();
    tbody.append(row);
    numberRows(tbody);
    row.querySelector('input')?.focus();
  } } }, '添加一天');
  const editor = h('div', { class: 'calendar-editor', dataset: { testid: 'calendar-days' } },
    h('table', { class: 'table calendar-table' },
      h('caption', {}, `${year} 年放假和调休上班的日期`),
      h('thead', {}, h('tr', {}, ['日期', '类型', '名称', '操作'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody),
    h('div', { class: 'actions' }, add));
  const form = makeForm({
    dataset: { testid: 'calendar' },
    intro: `按国务院办公厅公布的节假日安排，逐日录入 ${year} 年放假和调休上班的日期；未列出的日子按周一至周五上班、周六周日休息计算。保存后，期限和转运提前量按新的安排计算。`,
    fields: [
      { name: 'source', label: '出处（可选）', maxLength: 500, value: list.find((y) => y.year === year)?.source ?? '', placeholder: `如 国务院办公厅关于${year}年部分节假日安排的通知` },
    ],
    fieldsFirst: [editor],
    extraCheck: () => {
      const { problems } = readDays(tbody, year);
      if (!tbody.children.length) problems.push('请至少添加一天');
      return problems.map((message) => ({ message }));
    },
    submitLabel: `保存 ${year} 年工作日历`,
    onSubmit: async (v) => {
      const { days: out } = readDays(tbody, year);
      await api('PUT', `/admin/calendar/${year}`, { tsv: toTsv(out), ...(v.source ? { source: v.source } : {}) });
      done(`已保存 ${year} 年工作日历。`);
    },
  });
  fill(body,
    table([
      { label: '年份', cell: (y: CalendarYearSummary) => h('a', { href: `/app/admin/calendar?year=${y.year}`, 'aria-current': y.year === year ? 'true' : undefined }, `${y.year} 年`) },
      { label: '放假天数', cell: (y) => y.holidays, className: 'num' },
      { label: '调休上班', cell: (y) => y.workdays, className: 'num' },
      { label: '出处', cell: (y) => y.source ?? '—' },
      { label: '更新', cell: (y) => `${y.updatedBy ?? '系统'} · ${dateTime(y.updatedAt)}` },
    ], list, { caption: '已录入的年份', emptyText: '尚未录入任何年份的节假日安排。' }),
    h('h3', {}, '录入或修改'),
    h('p', { class: 'field' }, h('label', { for: 'calendar-year' }, '年份'), picker),
    days.length ? null : empty(`${year} 年尚无节假日安排，请逐日添加。`),
    form);
}

async function settingsTab(body: HTMLElement): Promise<void> {
  const res = await optional('/admin/settings');
  if (!res.available) {
    fill(body, empty('系统设置接口尚未开通，暂无。启动参数见部署说明的配置一节。'));
    return;
  }
  const entries: SettingEntry[] = isSettingViews(res.data)
    ? res.data.map((x) => ({ key: String(x.env ?? x.key), label: String(x.label), value: typeof x.value === 'string' ? x.value : JSON.stringify(x.value) }))
    : flatten(res.data);
  fill(body,
    h('p', { class: 'muted' }, '设置取自启动时的环境变量，修改后须重启服务（见部署说明的配置一节）。环境变量名和取值按部署时填写的原样显示。'),
    table([
      { label: '设置项', cell: (e) => settingLabel(e) },
      { label: '取值', cell: (e) => settingValue(e) },
      { label: '环境变量', cell: (e) => h('code', { 'data-literal': 'env' }, e.key) },
    ], entries, { caption: '系统设置（只读）' }));
}

// Values of a setting that are words of the configuration, in the reader's words (src/config/environment.schema.ts).
const SETTING_VALUE_WORDS: Record<string, Record<string, string>> = {
  TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH: { both: '须两地生态环境部门确认后发运', none: '按计划开始日期提前报告即可发运' },
};

function settingLabel(e: SettingEntry): Child {
  if (!e.label) return h('code', { 'data-literal': 'env' }, e.key);
  // A label that explains the configuration's words ("both：…；none：…") shows them in the value column instead.
  return SETTING_VALUE_WORDS[e.key] ? e.label.replace(/（[a-z]+：[^）]*?；[a-z]+：[^；）]*；?/, '（') : e.label;
}

function settingValue(e: SettingEntry): Child {
  const word = SETTING_VALUE_WORDS[e.key]?.[e.value];
  if (word) return h('span', {}, word, ' ', h('code', { 'data-literal': 'env' }, e.value));
  if (e.value === 'true') return '是';
  if (e.value === 'false') return '否';
  return h('span', { class: 'break', 'data-literal': 'env' }, e.value);
}

function flatten(obj: unknown, prefix = ''): SettingEntry[] {
  if (Array.isArray(obj)) {
    const rows: unknown[] = obj;
    if (rows.every((x): x is { key: unknown; value?: unknown } => x !== null && typeof x === 'object' && 'key' in x)) return rows.map((x) => ({ key: String(x.key), value: JSON.stringify(x.value) }));
  }
  const out: SettingEntry[] = [];
  for (const [k, v] of Object.entries((obj ?? {}) as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const entry of flatten(v, key)) out.push(entry);
    else out.push({ key, value: typeof v === 'string' ? v : JSON.stringify(v) });
  }
  return out;
}

async function changesTab(body: HTMLElement): Promise<void> {
  await renderChangeLog(body);
}

const RENDERERS: Record<string, (body: HTMLElement, ctx: SignedInContext) => Promise<void>> = { organisations: organisationsTab, users: usersTab, jurisdictions: jurisdictionsTab, calendar: calendarTab, settings: settingsTab, changes: changesTab };

export async function render(root: HTMLElement, ctx: SignedInContext): Promise<void> {
  const tab = RENDERERS[ctx.params.tab] ? ctx.params.tab : 'organisations';
  const title = TABS.find(([k]) => k === tab)?.[1] ?? '';
  ctx.setTitle(`系统管理 · ${title}`);
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '系统管理')));
  if (ctx.me.role !== 'admin') {
    add(root, h('div', { class: 'notice notice-info' }, '系统管理仅限系统管理员。'));
    return;
  }
  const body = h('div', {}, loading());
  const message = flash;
  flash = null;
  const flashBox = message ? h('div', { class: 'notice notice-ok', role: 'status', tabindex: '-1', 'data-testid': 'flash' }, message) : null;
  add(root, 
    h('nav', { class: 'tabs', 'aria-label': '管理分类' },
      TABS.map(([key, label]) => h('a', { href: `/app/admin/${key}`, class: ['tab', key === tab && 'active'], 'aria-current': key === tab ? 'page' : undefined }, label))),
    flashBox,
    section(title, body));
  try {
    await RENDERERS[tab](body, ctx);
  } catch (e) {
    fill(body, errorBox(e));
  }
  flashBox?.focus();
}
