import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../../src/common/credit-code';
import { DEMO_PASSWORD } from '../../src/demo/demo-directory';
import { makePdf, samplesCsv } from '../factories/files';
import { FakeClock } from '../helpers/fake-clock';
import { confirm, describeInBrowser, login, newContext, screenshot, screenshotOf, startConsole, type Console } from './harness';

/**
 * The console of the key supervised units (土壤污染重点监管单位, issue 18): the district bureau lists a unit on the page
 * (土壤法第二十一条第一款), the unit files its yearly self-monitoring with its samples (第二十一条第二款第三项) and a
 * demolition plan 15 working days ahead (第二十二条第二款, D18), the bureau records its closure after a confirmation
 * naming the suspected plot its site becomes (第六十七条; 上政文〔2017〕147号 三（四）1), and the public page lists the
 * unit without login (三（二）1). Every page's text is read for codes and English.
 */
describeInBrowser('console for key supervised units in a real browser [embedded]', () => {
  let c: Console;
  const clock = new FakeClock('2026-07-01');
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'key-units-'));
  const body8 = 'KU7B3C9D';
  const first17 = `91410106${body8}${organisationCodeCheckCharacter(body8)}`;
  const creditCode = first17 + creditCodeCheckCharacter(first17);
  const NAME = '上街区某炭素制品有限公司';
  let unitUrl = '';

  const CODES = /\b(listed|demolitionFiled|demolishing|closed|removed|toxicDischarge|hiddenDangerInspection|selfMonitoring|bureauMonitoring|below_screening|above_screening|key_unit\w*|FILE_\w+|CLOSE|REMOVE|START_DEMOLITION|closure|relocation|carbon|HTTP \d{3}|undefined|null|NaN|Invalid Date)\b/;
  const ENGLISH = /\b(?!(?:PDF|pdf|SHA|CSV|csv|Excel|GeoJSON|GB|HJ|YYYY|MM|DD|xlsx)\b)[A-Za-z]{3,}\b/;

  async function readText(page: Page) {
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(CODES);
    expect(text).not.toMatch(ENGLISH);
    return text;
  }

  /** A signed-in page whose own clock is the server's day (the forms check dates against today). */
  async function as(user: string) {
    const page = await c.as(user);
    if (!(page as Page & { watched?: boolean }).watched) {
      (page as Page & { watched?: boolean }).watched = true;
      await page.clock.setFixedTime(clock.now());
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
      });
    }
    return page;
  }

  async function file(name: string, content: Buffer | string) {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  beforeAll(async () => {
    c = await startConsole({ clock });
  });
  afterAll(() => c?.close());
  afterEach(() => expect(errors).toEqual([]));

  it('土壤法第二十一条第一款: the district bureau lists a unit on the page after a confirmation, and it shows in the list with its state in words', async () => {
    const page = await as('eeb');
    expect(await page.getByRole('navigation', { name: '主导航' }).innerText()).toContain('重点监管单位');
    await page.goto(`${c.base}/app/key-units`);
    await page.getByTestId('list-key-unit-card').locator('summary').click();
    const form = page.getByTestId('list-key-unit');
    await form.getByLabel('单位名称').fill(NAME);
    await form.getByLabel('统一社会信用代码').fill(creditCode);
    await form.getByLabel('重点行业').selectOption({ label: '碳素生产' });
    await form.getByLabel('企业（系统中的单位账户）').selectOption({ label: '上街区某碳素有限公司' });
    await form.getByLabel('地址').fill('郑州市上街区工业路 18 号');
    await form.getByLabel('列入名录日期').fill('2025-03-01');
    await form.getByLabel('场地边界（GeoJSON 多边形，可选）').fill(JSON.stringify({
      type: 'Polygon', coordinates: [[[113.31, 34.81], [113.312, 34.81], [113.312, 34.812], [113.31, 34.812], [113.31, 34.81]]],
    }));
    await form.getByLabel('列入理由').fill('碳素生产企业，属重点行业，纳入重点监管单位名录');
    await form.locator('button[type="submit"]').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    await screenshotOf(dialog, 'key-unit-list-confirm');
    const question = await confirm(page);
    expect(question).toContain(`“${NAME}”（${creditCode}）自 2025-03-01 起为土壤污染重点监管单位`);
    expect(question).not.toMatch(CODES);
    await page.waitForURL(/\/app\/key-units\/[0-9a-f-]{36}$/);
    unitUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('flash').innerText()).toContain(`已将“${NAME}”列入重点监管单位名录`);
    const text = await readText(page);
    expect(text).toContain('在名录中');
    expect(text).toContain('碳素生产');
    // The 2025 有毒有害物质排放情况 report was due on 2026-03-31 (reference/key-unit-duties.json): 逾期, in red.
    const row2025 = page.locator('#duties tr', { hasText: '2025 年' });
    expect(await row2025.locator('.overdue-text').first().innerText()).toContain('逾期（2026-03-31 到期）');
    await screenshot(page, 'key-unit-eeb-listed');

    await page.goto(`${c.base}/app/key-units?state=listed`);
    const row = page.locator('tr', { hasText: NAME });
    await row.waitFor();
    expect(await row.innerText()).toContain('在名录中');
    await readText(page);
    await screenshot(page, 'key-units-list');
  });

  it('土壤法第二十一条第二款第三项: the unit files its 2025 self-monitoring with the PDF and a sample file of soil and groundwater; the year shows ✓ with the screening result in words, and its to-do links to the unit', async () => {
    const page = await as('holder2');
    expect(await page.getByRole('navigation', { name: '主导航' }).innerText()).toContain('重点监管单位');
    const todoLink = page.locator(`a[href^="${unitUrl}"]`).first();
    await todoLink.waitFor();
    await todoLink.click();
    await page.waitForURL((u) => u.pathname === unitUrl);
    const card = page.locator('article[data-event="FILE_DUTY_REPORT"]');
    await card.getByLabel('义务').selectOption({ label: '土壤和地下水自行监测报告' });
    await card.getByLabel('年度').selectOption({ label: '2025 年度' });
    await card.getByLabel('报告（PDF）').setInputFiles(await file('自行监测报告.pdf', await makePdf('Self-monitoring 2025')));
    await card.getByLabel('样品数据').setInputFiles(await file('样品.csv', samplesCsv([
      { sample: 'S1', analyte: '铅', value: 500 },
      { sample: 'W1', analyte: '铅', value: 0.001, medium: 'groundwater' },
    ])));
    await card.locator('button[type="submit"]').click();
    const flash = page.getByTestId('flash');
    await flash.waitFor();
    expect(await flash.innerText()).toContain('已报送2025 年度土壤和地下水自行监测报告');
    // 铅 500 mg/kg: below the 第二类用地 screening value (800), the class a unit's site is screened as.
    const row2025 = page.locator('#duties tr', { hasText: '2025 年' });
    const cells = await row2025.innerText();
    expect(cells).toContain('✓ 已报送 2026-07-01；未超过筛选值');
    await readText(page);
    await screenshotOf(page.locator('#duties'), 'key-unit-duties');
  });

  it('土壤法第二十二条第二款: a demolition plan 7 working days ahead is refused in words; 15 or more ahead it is filed after a confirmation naming D18, which then shows among the documents', async () => {
    const page = await as('holder2');
    await page.goto(`${c.base}${unitUrl}`);
    const card = page.locator('article[data-event="FILE_DEMOLITION_PLAN"]');
    expect(await card.innerText()).toContain('须在开工前至少 15 个工作日报备（土壤法第二十二条第二款');
    const plan = await file('拆除方案.pdf', await makePdf('Demolition plan'));
    await card.getByLabel('工作方案（PDF）').setInputFiles(plan);
    await card.getByLabel('计划拆除开工日期').fill('2026-07-10');
    await card.locator('button[type="submit"]').click();
    await confirm(page);
    const error = card.locator('.form-message.notice-error');
    await error.waitFor();
    const refused = await error.innerText();
    expect(refused).toContain('至少 15 个工作日');
    expect(refused).not.toMatch(CODES);

    // The plan chosen stays in the form and is not uploaded a second time.
    await card.getByLabel('计划拆除开工日期').fill('2026-08-03');
    await card.locator('button[type="submit"]').click();
    const question = await confirm(page);
    expect(question).toContain('备案回执（D18）');
    expect(question).toContain('计划 2026-08-03 开工');
    await page.getByTestId('flash').waitFor();
    expect(await page.locator('.plot-state').innerText()).toContain('拆除方案已备案');
    const docs = page.locator('#documents');
    await docs.getByRole('cell', { name: '拆除活动土壤污染防治工作方案备案回执' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), docs.getByRole('button', { name: /下载/ }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(await page.locator('#demolitions').innerText()).toContain('2026-08-03');
    expect(await page.locator('#reports tr', { hasText: '拆除活动土壤污染防治工作方案' }).count()).toBe(1);
    await readText(page);
    await screenshot(page, 'key-unit-demolition-filed');
  });

  it('土壤法第六十七条, 上政文〔2017〕147号 三（四）1: the district bureau records the closure after a confirmation naming the suspected plot, and follows the link to the new plot', async () => {
    const page = await as('eeb');
    await page.goto(`${c.base}${unitUrl}`);
    const card = page.locator('article[data-event="CLOSE"]');
    await card.getByLabel('原因').selectOption({ label: '关闭' });
    await card.getByLabel('日期').fill('2026-07-01');
    await card.locator('button[type="submit"]').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    await screenshotOf(dialog, 'key-unit-close-confirm');
    const question = await confirm(page);
    expect(question).toContain(`场地将登记为疑似污染地块“${NAME}场地”（编码 KU-${creditCode}），进入土壤污染状况调查`);
    expect(question).not.toMatch(CODES);
    await page.getByTestId('flash').waitFor();
    const text = await readText(page);
    expect(text).toContain('已关闭 · 场地待调查');
    await screenshot(page, 'key-unit-closed');
    await page.getByTestId('site-plot-link').click();
    await page.waitForURL(/\/app\/plots\/[0-9a-f-]{36}/);
    await page.locator('.plot-state .stage-badge').waitFor();
    const plot = await page.locator('main').innerText();
    expect(plot).toContain(`${NAME}场地`);
    expect(plot).toContain('疑似污染地块');
  });

  it('土壤法第二十一条第一款: an enterprise not on the list finds the page in its navigation and reads that it is not listed; it cannot open the unit', async () => {
    const page = await as('holder');
    expect(await page.getByRole('navigation', { name: '主导航' }).innerText()).toContain('重点监管单位');
    await page.goto(`${c.base}/app/key-units`);
    await page.getByText('本单位未列入重点监管单位名录。').waitFor();
    await page.goto(`${c.base}${unitUrl}`);
    await page.locator('main .notice-error').waitFor();
    expect(await page.locator('main').innerText()).not.toContain(NAME);
    await readText(page);
  });

  it('上政文〔2017〕147号 三（一）1: GET /key-units/industries gives the form the reference list of key industries; a duty outside the three of 土壤法第二十一条第二款 is refused (400) in words, naming no code', async () => {
    const page = await as('holder2');
    type Answer = { industries: { items: unknown[] }; status: number; body: { errors: Array<{ message: string }> } };
    const answer = (await page.evaluate(async ({ path, password }) => {
      // The console's session is an HttpOnly cookie: an API client's bearer token comes from its own login.
      const login = await fetch('/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'holder2', password }) });
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const industries = await (await fetch('/key-units/industries', { headers: auth })).json();
      const res = await fetch(`${path.replace('/app', '')}/events`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'FILE_DUTY_REPORT', duty: 'noise', year: 2025, reportId: '00000000-0000-4000-8000-000000000000' }) });
      return { industries, status: res.status, body: await res.json() };
    }, { path: unitUrl, password: DEMO_PASSWORD })) as Answer;
    expect(answer.industries.items).toEqual(expect.arrayContaining([{ code: 'carbon', name: '碳素生产' }, { code: 'nonferrous-smelting', name: '有色金属冶炼及压延加工' }]));
    expect(answer.status).toBe(400);
    const messages = JSON.stringify(answer.body.errors.map((e) => e.message));
    expect(messages).toContain('义务须为有毒有害物质排放情况年度报告、土壤污染隐患排查报告或土壤和地下水自行监测报告之一');
    expect(messages).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('上政文〔2017〕147号 三（二）1: the public page lists the unit without login, with the year’s monitoring result in words, linked in the public navigation and the footer', async () => {
    const context = await newContext(c.browser, c.base);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${c.base}/app/public/register`);
    await page.getByRole('navigation', { name: '公开页面' }).getByRole('link', { name: '重点监管单位' }).click();
    await page.waitForURL(/\/app\/public\/key-units$/);
    const row = page.locator('tr', { hasText: NAME });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(creditCode);
    expect(text).toContain('碳素生产');
    expect(text).toContain('2025 年：自行监测未超过筛选值');
    expect(await page.locator('#footer a[href="/app/public/key-units"]').count()).toBe(1);
    await readText(page);
    await screenshot(page, 'public-key-units');
    await context.close();
  });
  it('issue 22: the unit page and the public list read on a 390 px phone without sideways scrolling', async () => {
    const context = await newContext(c.browser, c.base, 390);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    await login(page, c.base, 'holder2');
    await page.goto(`${c.base}${unitUrl}`);
    await page.locator('#duties table').waitFor();
    const width = () => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    await screenshot(page, 'key-unit-phone');
    await screenshotOf(page.locator('#duties'), 'key-unit-phone-duties');
    await screenshotOf(page.locator('#facts'), 'key-unit-phone-facts');
    await page.goto(`${c.base}/app/public/key-units`);
    await page.locator('tr', { hasText: NAME }).waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    await screenshot(page, 'public-key-units-phone');
    await context.close();
  });
});
