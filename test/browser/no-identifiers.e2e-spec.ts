import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../src/demo/demo-directory';
import { seedDemoCredit } from '../../src/demo/demo-credit';
import { seedDemoKeyUnits } from '../../src/demo/demo-key-units';
import { seedDemoMonitoring } from '../../src/demo/demo-monitoring';
import { seedDemoPlots } from '../../src/demo/demo-plots';
import { seedDemoProposals } from '../../src/demo/demo-proposals';
import { makePdf, samplesCsv } from '../factories/files';
import { CLEAN, registerPlot } from '../factories/plots';
import { describeInBrowser, newContext, refusal, screenshot, screenshotOf, settled, startConsole, submit, type Console } from './harness';
import { PlotDriver } from './plot-driver';
import { findIdentifiers } from './identifiers';

/**
 * Issue 22 point 5 ("Done when"): every page every demo role reaches from its navigation, the plot page at each demo
 * stage, a key unit, a monitoring point and warning, a 12369 case, a firm and the administrator's pages show no English
 * identifier to a person — no state, event, guard or field name, no HTTP status, no machine name or version — in the
 * text, in title/placeholder/aria-label/alt, and in the options of every select (hidden parts of the page included,
 * so that the forms folded away are read too). The API keeps its codes in JSON fields for clients.
 */
describe('the identifier check itself (issue 22 point 5: the examples it names are found, the allowed words pass)', () => {
  it('finds dotted states, event and guard names, field keys, HTTP statuses, machine names and versions, holiday/workday', () => {
    const examples = [
      'investigation.preliminary.underReview；此时可办理：APPROVE、RETURN', '规则：evaluatorIndependentOfImplementer', '审查意见（opinion）',
      '面积(areaM2)', '第 3 行，analyte 列：不存在的物质', '请求失败：HTTP 409', '流程：plot-lifecycle 第 1 版', 'kind 为 holiday 或 workday', '已提交 SET_PRIORITY', 'preliminary_investigation',
    ];
    for (const text of examples) expect([text, findIdentifiers([text]).length > 0]).toEqual([text, true]);
  });

  it('lets through formats, standards, units, digests and the user names shown as data', () => {
    const allowed = [
      '报告文件（PDF）', '样品检测数据（CSV 或 Excel）', 'SHA-256 · a090f5597507ef7f…', 'GeoJSON 多边形', '坐标系：2000国家大地坐标系（CGCS2000）',
      'EPSG:4490', '砷 86 mg/kg', 'GB 36600-2018 表 1', 'OGC 接口', '扫描 QR 码核验', '“eeb-city”的新密码', '地块 SJ-2026-001', '检出限、pH）', '导出 Excel（xlsx）', '初步调查报告-2095910c.pdf', 'reference/cn-workdays-2026.tsv（随软件发布）',
    ];
    expect(allowed.flatMap((t) => findIdentifiers([t], ['eeb-city']))).toEqual([]);
  });
});

describeInBrowser('no English identifier on any page, for any role [embedded]', () => {
  let c: Console;
  const ids: Record<string, string> = {};
  let plotsByStage: Array<{ id: string; code: string; state: string }> = [];
  const usernames = DEMO_USERS.map((u) => u.username);

  beforeAll(async () => {
    c = await startConsole();
    await seedDemoPlots(c.t.app, c.t.demo.users, c.t.demo.organisations);
    await seedDemoProposals(c.t.app, c.t.demo.users);
    await seedDemoMonitoring(c.t.app, c.t.demo.users, await seedDemoKeyUnits(c.t.app, c.t.demo.users, c.t.demo.organisations));
    await seedDemoCredit(c.t.app, c.t.demo.users, c.t.demo.organisations);
    const one = async (sql: string) => String((await c.t.ds.query(sql))[0]?.v);
    ids.keyUnit = await one('SELECT id AS v FROM key_units ORDER BY name LIMIT 1');
    ids.point = await one('SELECT id AS v FROM monitoring_points ORDER BY code LIMIT 1');
    ids.warning = await one('SELECT id AS v FROM monitoring_warnings ORDER BY created_at LIMIT 1');
    ids.publicReport = await one('SELECT id AS v FROM public_reports ORDER BY created_at LIMIT 1');
    ids.transport = await one('SELECT id::text AS v FROM transports LIMIT 1');
    ids.firm = c.t.demo.organisations.consultant2;
    plotsByStage = await c.t.ds.query('SELECT id, code, state FROM plots ORDER BY code');
  }, 240_000);
  afterAll(() => c?.close());

  /** Renders a path and waits for the page to settle (no loading line, no request in flight). */
  async function visit(page: Page, path: string) {
    await page.goto(`${c.base}${path}`);
    try {
      // A record outside the user's scope is refused in words (its text is read too).
      await page.locator('main h1, main .notice, main [role="alert"]').first().waitFor({ timeout: 30_000 });
    } catch {
      await screenshot(page, `ids-no-heading-${path.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}`);
      throw new Error(`${path} drew no heading: ${(await page.locator('main').innerText().catch(() => '')).slice(0, 300)}`);
    }
    await settled(page);
    await page.locator('.loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  /** Every text a person may read on the page, hidden forms included, with where it was found. */
  async function texts(page: Page): Promise<string[]> {
    // Runs in the page (a string: this project's TypeScript has no DOM types).
    return page.evaluate(`(() => {
      const out = [document.title];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
        // Leaflet's own attribution is not the console's words.
        if (parent.closest('.leaflet-control-attribution')) continue;
        // Literal configuration (an environment variable's name and value as deployed) is data the administrator typed.
        if (parent.closest('[data-literal]')) continue;
        const text = (n.textContent || '').trim();
        if (text) out.push(text);
      }
      for (const el of document.body.querySelectorAll('[title], [placeholder], [aria-label], [alt]')) {
        for (const a of ['title', 'placeholder', 'aria-label', 'alt']) {
          const v = el.getAttribute(a);
          if (v) out.push(v);
        }
      }
      for (const input of document.body.querySelectorAll('input[type="submit"], input[type="button"]')) if (input.value) out.push(input.value);
      return out;
    })()`);
  }

  async function audit(found: string[], page: Page, who: string, path: string) {
    const hits = findIdentifiers(await texts(page), usernames);
    if (hits.length) {
      found.push(`${who} ${path}: ${hits.join(' | ')}`);
      await screenshot(page, `ids-${who}-${path.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}`);
    }
  }

  /** The navigation's own links, as the role sees them. */
  async function navLinks(page: Page): Promise<string[]> {
    const hrefs = await page.locator('nav.nav a').evaluateAll((as) => as.map((a) => new URL((a as unknown as { href: string }).href).pathname));
    return [...new Set(hrefs)].filter((p) => p !== '/app/login');
  }

  it('the public pages, without signing in (名录公示、重点监管单位、公示、公开地图、诚信档案、我要举报、文件核验)', async () => {
    const found: string[] = [];
    const context = await newContext(c.browser, c.base);
    const page = await context.newPage();
    await visit(page, '/app/login');
    await audit(found, page, 'public', '/app/login');
    for (const path of await navLinks(page)) {
      await visit(page, path);
      await audit(found, page, 'public', path);
    }
    await visit(page, `/app/credit/${ids.firm}`);
    await audit(found, page, 'public', '/app/credit/firm');
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);

  // Which record pages each role opens besides its navigation (those it may see; a refusal's text is read too).
  const extras = (role: string): string[] => {
    const out: string[] = [];
    if (['eeb', 'land', 'holder', 'admin', 'miit'].includes(role)) out.push(`/app/key-units/${ids.keyUnit}`);
    if (['eeb', 'land', 'admin'].includes(role)) out.push(`/app/monitoring/points/${ids.point}`, `/app/monitoring/warnings/${ids.warning}`);
    if (role === 'eeb') out.push(`/app/public-reports/${ids.publicReport}`);
    out.push(`/app/credit/${ids.firm}`);
    if (role === 'admin') for (const tab of ['organisations', 'users', 'jurisdictions', 'calendar', 'settings', 'changes']) out.push(`/app/admin/${tab}`);
    return out;
  };

  for (const user of DEMO_USERS) {
    it(`every page of ${user.username}'s navigation, the plots it sees at every stage and its records`, async () => {
      const found: string[] = [];
      const page = await c.as(user.username);
      const paths = new Set(await navLinks(page));
      for (const path of extras(user.role)) paths.add(path);
      if (user.role !== 'miit') {
        const res = await fetch(`${c.base}/plots?pageSize=100`, { headers: await c.t.as(user.username) });
        const body = (await res.json()) as { items?: Array<{ id: string }> } | Array<{ id: string }>;
        const visible = new Set((Array.isArray(body) ? body : body.items ?? []).map((p) => p.id));
        for (const p of plotsByStage) if (visible.has(p.id)) paths.add(`/app/plots/${p.id}`);
        if (ids.transport !== 'undefined' && ['eeb', 'holder'].includes(user.role)) paths.add(`/app/transports/${ids.transport}`);
      }
      for (const path of paths) {
        await visit(page, path);
        await audit(found, page, user.username, path);
      }
      expect(found).toEqual([]);
    }, 300_000);
  }

  /** A plot in its preliminary investigation with the demo consultant commissioned (土壤法第五十九条). */
  async function investigatedPlot(tag: string) {
    const plot = await registerPlot(c.t, { code: `${tag}-${Date.now().toString(36).toUpperCase()}` });
    const holder = await c.t.as('holder');
    for (const body of [{ type: 'ASSIGN_CONSULTANT', orgId: c.t.demo.organisations.consultant, work: 'investigation' }, { type: 'START_INVESTIGATION' }]) {
      const res = await c.t.http.post(`/plots/${plot.id}/events`).set(holder).send(body);
      expect(res.status).toBe(200);
    }
    const driver = new PlotDriver(c, plot.code);
    driver.id = plot.id;
    return driver;
  }

  const pdfFile = async (name = 'r.pdf') => ({ name, mimeType: 'application/pdf', buffer: await makePdf('报告') });

  it('issue 22 point 7: the upload card comes first, a row error is said once (第 3 行：…), a 415 upload refused in words, a 必填 error goes when the field is filled', async () => {
    const plot = await investigatedPlot('WORD');
    const page = await plot.open('consultant');
    // The upload card before the card that submits what was uploaded; the submit card's hint says where it is.
    const order = await page.evaluate(`document.querySelector('.upload-card').compareDocumentPosition(document.querySelector('[data-event="SUBMIT_REPORT"]'))`);
    expect(Number(order) & 4).toBe(4);
    expect(await page.locator('form[data-event="SUBMIT_REPORT"]').innerText()).toContain('第一张卡片“上传报告”');
    const card = page.locator('.upload-card');
    await card.getByLabel('报告类型').selectOption('preliminary_investigation');
    const form = card.locator('form[data-kind="preliminary_investigation"]');
    // 必填: the file is missing; the error beside it goes as soon as a file is chosen.
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain('请先更正');
    const fileBox = form.locator('[data-field="file"]');
    expect(await fileBox.locator('.field-error').isVisible()).toBe(true);
    await form.getByLabel('报告文件（PDF）').setInputFiles(await pdfFile());
    expect(await fileBox.locator('.field-error').isVisible()).toBe(false);
    // A 400 with row errors: an unknown substance on the third line of the sample file.
    await form.getByLabel(/样品检测数据/).setInputFiles({
      name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${samplesCsv([{ analyte: '砷', value: 12 }])}S2,113.3,34.8,0.5,不存在的物质,1,mg/kg,0.01\n`),
    });
    await form.locator('button[type="submit"]').click();
    const rows = await refusal(form);
    expect(rows).toContain('第 3 行');
    expect(rows).not.toMatch(/第 3 行[^\n]*第 3 行/);
    expect(await form.locator('.field-error:not([hidden])').allInnerTexts()).not.toContainEqual(expect.stringMatching(/第 3 行[^\n]*第 3 行/));
    expect(findIdentifiers([rows])).toEqual([]);
    await screenshotOf(form, 'wording-01-row-error-once');
    // A 415: a text file named like a PDF is refused by its content.
    await form.getByLabel('报告文件（PDF）').setInputFiles({ name: 'r.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') });
    await form.getByLabel(/样品检测数据/).setInputFiles([]);
    await form.locator('button[type="submit"]').click();
    const unsupported = await refusal(form);
    expect(unsupported).toMatch(/PDF/);
    expect(unsupported).not.toMatch(/415|HTTP/);
    expect(findIdentifiers([unsupported])).toEqual([]);
    await screenshotOf(form, 'wording-02-upload-415');
  }, 120_000);

  it('a 422 rule refusal (土壤法第三十六条: a preliminary report without screened samples) and a 409 on a changed plot say what happened in Chinese, never a code', async () => {
    const plot = await investigatedPlot('WORDR');
    const consultant = await c.t.as('consultant');
    const bare = await c.t.http.post(`/plots/${plot.id}/reports`).set(consultant).field('kind', 'preliminary_investigation')
      .attach('file', await makePdf('无样品'), { filename: 'bare.pdf', contentType: 'application/pdf' });
    expect(bare.status).toBe(201);
    const page = await plot.open('consultant');
    const form = page.locator('form[data-event="SUBMIT_REPORT"]');
    await form.getByLabel(/^报告/).selectOption(bare.body.id);
    await submit(page, form);
    const rule = await refusal(form);
    expect(rule).toContain('样品检测数据');
    expect(findIdentifiers([rule])).toEqual([]);
    await screenshotOf(form, 'wording-03-rule-422');
    // While the page is open the plot moves on (the same consultant submits a complete report elsewhere).
    const full = await c.t.http.post(`/plots/${plot.id}/reports`).set(consultant).field('kind', 'preliminary_investigation')
      .field('conclusion', JSON.stringify({ summary: '未超过筛选值' }))
      .attach('file', await makePdf('完整'), { filename: 'full.pdf', contentType: 'application/pdf' })
      .attach('samples', Buffer.from(samplesCsv(CLEAN)), { filename: 'samples.csv', contentType: 'text/csv' });
    expect(full.status).toBe(201);
    expect((await c.t.http.post(`/plots/${plot.id}/events`).set(consultant).send({ type: 'SUBMIT_REPORT', reportId: full.body.id })).status).toBe(200);
    await form.getByLabel(/^报告/).selectOption(bare.body.id);
    await submit(page, form);
    const main = page.locator('main');
    // The console draws the plot again and says what changed (issue 22 point 6), or shows the refusal.
    await main.locator('[data-testid="conflict"], .notice-error').first().waitFor();
    const said = await main.innerText();
    expect(said).toMatch(/未办理|不能/);
    // The plot's code is data (this test's code is made of letters).
    expect(findIdentifiers([said], [...usernames, plot.code])).toEqual([]);
    // Digests are data: a SHA-256 may well hold the digits 409 (one CI run's did: …c4099a65…).
    const words = said.replace(/\b[0-9a-f]{64}\b/g, '');
    expect(words).not.toMatch(/(?<!\d)409(?!\d)|HTTP|underReview|SUBMIT_REPORT/);
    await screenshot(page, 'wording-04-conflict-409');
  }, 120_000);

  it('the holiday calendar is a table of dates (放假 / 调休上班), rows added and removed, a year picker; no TSV, no English word', async () => {
    const page = await c.as('admin');
    await visit(page, '/app/admin/calendar?year=2027');
    const form = page.getByTestId('calendar');
    expect(await page.locator('textarea').count()).toBe(0);
    expect(findIdentifiers(await texts(page), usernames)).toEqual([]);
    const rows = page.getByTestId('calendar-days').locator('tbody tr');
    const before = await rows.count();
    await page.getByRole('button', { name: '添加一天' }).click();
    await page.getByRole('button', { name: '添加一天' }).click();
    await page.getByRole('button', { name: '添加一天' }).click();
    await page.getByLabel(`第 ${before + 1} 行的日期`).fill('2027-10-01');
    await page.getByLabel(`第 ${before + 1} 行的名称`).fill('国庆节');
    await page.getByLabel(`第 ${before + 2} 行的日期`).fill('2027-10-09');
    await page.getByLabel(`第 ${before + 2} 行的类型`).selectOption({ label: '调休上班' });
    await page.getByLabel(`第 ${before + 2} 行的名称`).fill('国庆节调休上班');
    // The third row is left empty: refused before sending, by its row number; then removed.
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain(`第 ${before + 3} 行：请选择日期`);
    await page.getByRole('button', { name: `删除第 ${before + 3} 行` }).click();
    await submit(page, form);
    await page.getByTestId('flash').getByText('已保存 2027 年工作日历').waitFor();
    const saved = (await c.t.http.get('/admin/calendar/2027').set(await c.t.as('admin'))).body as { days: Array<{ date: string; kind: string; name: string }> };
    expect(saved.days).toEqual(expect.arrayContaining([
      { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节调休上班' },
    ].map((d) => expect.objectContaining(d))));
    await page.locator('#calendar-year').selectOption('2026');
    await page.getByTestId('calendar-days').getByText('2026 年放假和调休上班的日期').waitFor();
    expect(await rows.count()).toBeGreaterThan(10);
    await screenshot(page, 'wording-05-calendar-table');
  }, 120_000);
});
