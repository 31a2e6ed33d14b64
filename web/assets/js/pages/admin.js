import { api, ApiError, get, optional } from '../api.js';
import { forget } from '../directory.js';
import { add, fill, h } from '../dom.js';
import { confirmDialog } from '../confirm.js';
import { errorDetails, makeForm } from '../forms.js';
import { dateTime, itemsOf, ROLE_LABELS, roleLabel } from '../format.js';
import { refresh } from '../main.js';
import { renderChangeLog } from './change-log.js';
import { empty, errorBox, loading, section, table } from '../widgets.js';

const TABS = [
  ['organisations', '机构'],
  ['users', '用户'],
  ['jurisdictions', '行政区划'],
  ['calendar', '工作日历'],
  ['settings', '系统设置'],
  ['changes', '变更记录'],
];
const ROLE_OPTIONS = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

let flash = null;
function done(message) {
  flash = message;
  forget();
  void refresh();
}

/** A button that PATCHes or POSTs and reports its outcome beside itself. */
function actionButton(label, run) {
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

async function organisationsTab(body) {
  const [orgs, districts] = await Promise.all([get('/admin/organisations'), get('/admin/jurisdictions')]);
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
      { label: '名称', cell: (o) => o.name },
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

async function usersTab(body) {
  const [users, orgs] = await Promise.all([get('/admin/users'), get('/admin/organisations')]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const create = makeForm({
    dataset: { testid: 'create-user' },
    fields: [
      { name: 'username', label: '用户名', required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/, patternMessage: '2–64 位小写字母、数字、点、下划线或连字符' },
      { name: 'displayName', label: '姓名', required: true, maxLength: 100 },
      { name: 'role', label: '角色', type: 'select', required: true, placeholder: '请选择', options: ROLE_OPTIONS },
      { name: 'organisationId', label: '所属机构', type: 'select', required: true, placeholder: '请选择', options: orgs.filter((o) => !o.disabled).map((o) => ({ value: o.id, label: `${o.name}（${roleLabel(o.kind)}）` })), validate: (v, all) => (all.role && orgs.find((o) => o.id === v)?.kind !== all.role ? '角色须与机构类型一致' : null) },
      { name: 'password', label: '初始密码', type: 'password', required: true, autocomplete: 'new-password', validate: (v) => (v.length < 10 ? '密码至少 10 个字符' : null) },
    ],
    submitLabel: '新增用户',
    onSubmit: async (v) => {
      await api('POST', '/admin/users', v);
      done(`已新增用户“${v.username}”。`);
    },
  });
  fill(body,
    table([
      { label: '用户名', cell: (u) => u.username },
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

function resetPassword(user) {
  const details = h('details', { class: 'inline-details' }, h('summary', { class: 'btn btn-small' }, '重置密码'));
  details.append(makeForm({
    dataset: { testid: `reset-${user.username}` },
    fields: [{ name: 'password', label: `“${user.username}”的新密码`, type: 'password', required: true, autocomplete: 'new-password', validate: (v) => (v.length < 10 ? '密码至少 10 个字符' : null) }],
    submitLabel: '确认重置',
    onSubmit: async (v) => {
      await api('POST', `/admin/users/${user.id}/reset-password`, { password: v.password });
      done(`已重置用户“${user.username}”的密码；其已登录的会话失效。`);
    },
  }));
  return details;
}

async function jurisdictionsTab(body) {
  const rows = await get('/admin/jurisdictions');
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
      { label: '代码', cell: (j) => j.code },
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

async function calendarTab(body, ctx) {
  const years = await optional('/admin/calendar');
  if (!years.available) {
    fill(body, empty('工作日历服务尚未开通，暂无。'));
    return;
  }
  const list = itemsOf(years.data);
  const year = Number(ctx.query.get('year')) || list.at(-1)?.year || new Date().getFullYear();
  const current = await optional(`/admin/calendar/${year}`);
  const days = current.available ? current.data?.days ?? [] : [];
  const form = makeForm({
    dataset: { testid: 'calendar' },
    intro: '按国务院办公厅公布的节假日安排，逐年录入：第一行为表头 date、kind、name（以制表符分隔），其后每行一天，kind 为 holiday（放假）或 workday（调休上班）。保存后，期限和转运提前量按新的安排计算。',
    fields: [
      { name: 'year', label: '年份', type: 'number', required: true, integer: true, min: 2000, max: 2100, value: String(year) },
      { name: 'source', label: '出处（可选）', maxLength: 500, placeholder: '如 国务院办公厅关于2027年部分节假日安排的通知' },
      { name: 'tsv', label: '节假日安排（TSV）', type: 'textarea', required: true, rows: 8, wide: true, value: days.length ? toTsv(days) : 'date\tkind\tname\n', validate: (v) => (/^date\tkind\tname/m.test(v) ? null : '第一行须为表头 date<TAB>kind<TAB>name') },
    ],
    submitLabel: '保存工作日历',
    onSubmit: async (v) => {
      await api('PUT', `/admin/calendar/${v.year}`, { tsv: v.tsv, ...(v.source ? { source: v.source } : {}) });
      done(`已保存 ${v.year} 年工作日历。`);
    },
  });
  fill(body,
    table([
      { label: '年份', cell: (y) => h('a', { href: `/app/admin/calendar?year=${y.year}`, 'aria-current': y.year === year ? 'true' : undefined }, `${y.year} 年`) },
      { label: '放假天数', cell: (y) => y.holidays, className: 'num' },
      { label: '调休上班', cell: (y) => y.workdays, className: 'num' },
      { label: '出处', cell: (y) => y.source ?? '—' },
      { label: '更新', cell: (y) => `${y.updatedBy ?? '系统'} · ${dateTime(y.updatedAt)}` },
    ], list, { caption: '已录入的年份', emptyText: '尚未录入任何年份的节假日安排。' }),
    h('h3', {}, `录入或修改（当前显示 ${year} 年）`),
    form,
    days.length
      ? h('details', { class: 'calendar-days' }, h('summary', {}, `${year} 年逐日安排（${days.length} 天）`),
        table([
          { label: '日期', cell: (d) => d.date },
          { label: '类型', cell: (d) => (d.kind === 'holiday' ? '放假' : d.kind === 'workday' ? '调休上班' : d.kind) },
          { label: '名称', cell: (d) => d.name },
        ], days, { caption: `${year} 年节假日安排` }))
      : empty(`${year} 年尚无节假日安排。`));
}

function toTsv(days) {
  return ['date\tkind\tname', ...days.map((d) => `${d.date}\t${d.kind}\t${d.name}`)].join('\n');
}

async function settingsTab(body) {
  const res = await optional('/admin/settings');
  if (!res.available) {
    fill(body, empty('系统设置接口尚未开通，暂无。启动参数见 README 的“Configuration”一节。'));
    return;
  }
  const entries = Array.isArray(res.data) && res.data.every((x) => x && typeof x === 'object' && 'label' in x)
    ? res.data.map((x) => ({ key: String(x.env ?? x.key), label: String(x.label), value: typeof x.value === 'string' ? x.value : JSON.stringify(x.value) }))
    : flatten(res.data);
  fill(body,
    h('p', { class: 'muted' }, '设置取自启动时的环境变量，修改后须重启服务（见 README 的“Configuration”一节）。'),
    table([
      { label: '设置项', cell: (e) => e.label ?? h('code', {}, e.key) },
      { label: '取值', cell: (e) => h('span', { class: 'break' }, e.value === 'true' ? '是' : e.value === 'false' ? '否' : e.value) },
      { label: '环境变量', cell: (e) => h('code', {}, e.key) },
    ], entries, { caption: '系统设置（只读）' }));
}

function flatten(obj, prefix = '') {
  if (Array.isArray(obj)) {
    if (obj.every((x) => x && typeof x === 'object' && 'key' in x)) return obj.map((x) => ({ key: String(x.key), value: JSON.stringify(x.value) }));
  }
  const out = [];
  for (const [k, v] of Object.entries(obj ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const entry of flatten(v, key)) out.push(entry);
    else out.push({ key, value: typeof v === 'string' ? v : JSON.stringify(v) });
  }
  return out;
}

async function changesTab(body) {
  await renderChangeLog(body);
}

const RENDERERS = { organisations: organisationsTab, users: usersTab, jurisdictions: jurisdictionsTab, calendar: calendarTab, settings: settingsTab, changes: changesTab };

export async function render(root, ctx) {
  const tab = RENDERERS[ctx.params.tab] ? ctx.params.tab : 'organisations';
  const title = TABS.find(([k]) => k === tab)[1];
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
