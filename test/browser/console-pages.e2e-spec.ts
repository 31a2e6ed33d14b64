import { DEMO_ORGANISATIONS, DEMO_USERS } from '../../src/demo/demo-directory';
import { confirm, describeInBrowser, login, newContext, refusal, screenshot, startConsole, type Console } from './harness';

/**
 * The web console's pages that need no plot of their own, in Debian's Chromium: the headers it is served with, the
 * directory its forms pick from, every demo user's sign-in, the administrator's pages, empty lists and server data
 * shown as text. The lifecycle of one plot through the console's forms is console.e2e-spec.ts.
 */
describeInBrowser('web console pages in a real browser [embedded]', () => {
  let c: Console;
  const code = `WEBP-${Date.now().toString(36).toUpperCase()}`;
  const orgName = (key: string) => DEMO_ORGANISATIONS.find((o) => o.key === key)!.name;

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());

  it('serves the console under a strict Content-Security-Policy, and the API as before', async () => {
    const root = await fetch(`${c.base}/`, { headers: { Accept: 'text/html' }, redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/app/');
    const page = await fetch(`${c.base}/app/plots`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe');
    // The one bundle, by the hashed name the page gives: cached for good, compressed; its fixed-name twin revalidates.
    const bundle = /<script type="module" src="(\/app\/assets\/app-[A-Z0-9]{8}\.js)">/.exec(await page.text())![1];
    const script = await fetch(`${c.base}${bundle}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-encoding')).toBe('br');
    expect((await fetch(`${c.base}${bundle}.map`)).status).toBe(200);
    expect((await fetch(`${c.base}/app/assets/js/main.js`)).status).toBe(404);
    const named = await fetch(`${c.base}/app/assets/app.js`);
    expect(named.headers.get('cache-control')).toBe('no-cache');
    const again = await fetch(`${c.base}/app/assets/app.js`, { headers: { 'If-None-Match': named.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${c.base}/app/assets/nothing.js`)).status).toBe(404);
    const api = await fetch(`${c.base}/plots`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/json');
    const verifyJson = await fetch(`${c.base}/public/verify/${'0'.repeat(64)}`, { headers: { Accept: 'application/json' } });
    expect(verifyJson.headers.get('content-type')).toContain('application/json');
    const verifyHtml = await fetch(`${c.base}/public/verify/${'0'.repeat(64)}`, { headers: { Accept: 'text/html' } });
    expect(verifyHtml.headers.get('content-type')).toContain('text/html');
  });

  it('the directory the forms pick from: holders and third parties for any signed-in user, names only', async () => {
    expect((await fetch(`${c.base}/directory/organisations`)).status).toBe(401);
    const headers = await c.t.as('consultant');
    const holders = (await (await fetch(`${c.base}/directory/organisations?kind=holder`, { headers })).json()) as Array<Record<string, unknown>>;
    expect(holders.map((o) => o.name).sort()).toEqual([orgName('holder'), orgName('holder2')].sort());
    expect(Object.keys(holders[0]).sort()).toEqual(['id', 'kind', 'name']);
    const all = (await (await fetch(`${c.base}/directory/organisations`, { headers })).json()) as Array<{ kind: string }>;
    expect(new Set(all.map((o) => o.kind))).toEqual(new Set(['holder', 'consultant']));
    const bad = await fetch(`${c.base}/directory/organisations?kind=eeb`, { headers });
    expect(bad.status).toBe(400);
    // The jurisdictions form a tree by 行政区划代码 (DESIGN §1.1): the province, the city, its two districts.
    const tree = (await (await fetch(`${c.base}/directory/jurisdictions`, { headers })).json()) as Array<Record<string, unknown>>;
    expect(tree.map(({ code, level, parentCode }) => ({ code, level, parentCode }))).toEqual([
      { code: '410000', level: 'province', parentCode: null },
      { code: '410100', level: 'city', parentCode: '410000' },
      { code: '410106', level: 'district', parentCode: '410100' },
      { code: '410182', level: 'district', parentCode: '410100' },
    ]);
    expect(Object.keys(tree[0]).sort()).toEqual(['code', 'level', 'name', 'parentCode']);
    // GET /directory: the same lists in one answer (the console reads it once per session), expert organisations with
    // their 评审专家 included.
    expect((await fetch(`${c.base}/directory`)).status).toBe(401);
    const one = (await (await fetch(`${c.base}/directory`, { headers })).json()) as { organisations: Array<{ kind: string }>; jurisdictions: unknown[] };
    const experts = (await (await fetch(`${c.base}/directory/organisations?kind=expert`, { headers })).json()) as unknown[];
    expect(experts.length).toBeGreaterThan(0);
    expect(one.jurisdictions).toEqual(tree);
    expect(one.organisations.filter((o) => o.kind === 'expert')).toEqual(experts);
    expect(one.organisations.filter((o) => o.kind !== 'expert')).toEqual(all);
  });

  it('every demo user signs in and always sees name, organisation and role; logout returns to the login page', async () => {
    const context = await newContext(c.browser, c.base);
    const page = await context.newPage();
    await page.goto(`${c.base}/`);
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await screenshot(page, '01-login');
    for (const user of DEMO_USERS) {
      await login(page, c.base, user.username);
      expect(await page.getByTestId('user-name').innerText()).toBe(user.displayName);
      expect(await page.getByTestId('user-org').innerText()).toBe(orgName(user.org));
      expect((await page.getByTestId('user-role').innerText()).length).toBeGreaterThan(0);
      // A 工信 officer sees no plot (docs/architecture.md, Roles): its work is the lists of closed enterprises.
      const [link, heading] = user.role === 'miit' ? ['疑似地块线索', '疑似污染地块线索'] : ['地块', '地块'];
      expect(await page.getByRole('link', { name: '地块', exact: true }).count()).toBe(user.role === 'miit' ? 0 : 1);
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await page.getByTestId('user-name').innerText()).toBe(user.displayName);
      await page.getByRole('button', { name: '退出' }).click();
      await page.getByText('您已退出登录').waitFor();
    }
    // No token where a script could read it (no storage; the session cookie is HttpOnly), and none left after logout.
    expect(await page.evaluate('sessionStorage.length + localStorage.length')).toBe(0);
    expect((await context.cookies()).map((k) => k.name)).not.toContain('session');
    await context.close();
  });

  it('signs in with the keyboard alone', async () => {
    const context = await newContext(c.browser, c.base);
    const page = await context.newPage();
    await page.goto(`${c.base}/app/login`);
    await page.getByLabel('用户名').waitFor();
    await page.keyboard.type('land');
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo1234');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '待办事项' }).waitFor();
    expect(await page.getByTestId('user-role').innerText()).toBe('自然资源局');
    await context.close();
  });

  it('admin sees organisations and users, creates a user, resets a password and disables the user', async () => {
    const page = await c.as('admin');
    await page.getByRole('link', { name: '系统管理' }).click();
    await page.locator('tbody tr', { hasText: orgName('contractor') }).waitFor();
    await screenshot(page, '06-admin-organisations');
    await page.getByRole('link', { name: '用户', exact: true }).click();
    const form = page.getByTestId('create-user');
    await form.getByLabel('用户名').fill('eeb2');
    await form.getByLabel('姓名').fill('孙审查');
    await form.getByLabel('角色').selectOption('eeb');
    await form.getByLabel('所属机构').selectOption({ label: `${orgName('eeb')}（生态环境局）` });
    await form.getByLabel('初始密码').fill('short');
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain('密码至少 10 个字符');
    await form.getByLabel('初始密码').fill('review-initial-2026');
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('flash').getByText('已新增用户“eeb2”').waitFor();
    const row = page.locator('tbody tr', { hasText: 'eeb2' });
    await row.getByText('重置密码').click();
    await row.getByLabel('“eeb2”的新密码').fill('review-second-2026');
    await row.getByRole('button', { name: '确认重置' }).click();
    await page.getByTestId('flash').getByText('已重置用户“eeb2”的密码').waitFor();
    await page.locator('tbody tr', { hasText: 'eeb2' }).getByRole('button', { name: '停用' }).click();
    // 停用 asks first, saying what follows (issue 22 point 1).
    expect(await confirm(page)).toContain('停用后：');
    await page.getByTestId('flash').getByText('已停用用户“eeb2”').waitFor();
    expect(await page.locator('tbody tr', { hasText: 'eeb2' }).innerText()).toContain('已停用');
    await screenshot(page, '06-admin-users');
    for (const tab of ['行政区划', '工作日历', '系统设置', '变更记录']) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: tab }).waitFor();
      expect(await page.locator('.notice-error').count()).toBe(0);
      if (tab === '系统设置') {
        await page.getByRole('cell', { name: '转运报告提前工作日数（土壤法第四十一条）' }).waitFor();
        await screenshot(page, '06b-admin-settings');
      }
    }
  });

  it('empty lists do not break a page: a holder without plots sees no plots and no tasks', async () => {
    const page = await c.as('holder2');
    await page.goto(`${c.base}/app/`);
    await page.getByText('暂无待办事项。').waitFor();
    await page.goto(`${c.base}/app/plots`);
    await page.getByText('没有符合条件的地块。').waitFor();
    await page.goto(`${c.base}/app/public/register`);
    await page.getByRole('heading', { level: 2, name: '公告' }).waitFor();
    await page.getByText(/名录共 \d+ 块地块/).waitFor();
    expect(await page.locator('.notice-error').count()).toBe(0);
  });

  it('server data is text, never markup: a plot named like HTML shows as written', async () => {
    const name = '<img src=x onerror="window.__injected=1">某地块<script>window.__injected=2</script>';
    const res = await fetch(`${c.base}/plots`, {
      method: 'POST',
      headers: { ...(await c.t.as('holder2')), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        code: `${code}-X`, name, address: '<b>上街区</b>', jurisdiction: '410106', areaM2: 100, formerIndustry: '碳素',
        currentUse: '工业', plannedUse: '工业', holderOrganisationId: c.t.demo.organisations.holder2,
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const page = await c.as('holder2');
    for (const path of ['/app/plots', `/app/plots/${id}`, '/app/']) {
      await page.goto(`${c.base}${path}`);
      await page.getByText('某地块', { exact: false }).first().waitFor();
      expect(await page.locator('main img, main script, main b').count()).toBe(0);
      expect(await page.evaluate('window.__injected')).toBeUndefined();
    }
    expect(await page.locator('h1').innerText()).toBe('待办事项');
  });
});
