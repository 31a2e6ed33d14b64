import type { Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORGANISATIONS } from '../../src/demo/demo-directory';
import { confirm, describeInBrowser, screenshot, screenshotOf, startConsole, type Console } from './harness';

/**
 * The console for the sources of suspected plots (上政文〔2017〕147号 三（四）1; issue 18): the 工信 bureau hands in its
 * list of closed enterprises on the page, sees no plot; the district 生态环境 bureau confirms one row as a suspected
 * plot (登记, D1) and dismisses another with its reason, each after a confirmation naming what follows; the land
 * bureau asks, before supplying a parcel, whether it must be investigated first (土壤法第五十九条、第六十七条).
 */
describeInBrowser('console for suspected-plot proposals and the land-supply check in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'proposal-lists-'));
  const CODES = /\b(miit_closures|land_quarterly|proposed|confirmed|dismissed|closure|relocation|investigateFirst|supplyAsIntended|refuse|HTTP \d{3}|undefined|null|NaN)\b/;

  function watch(page: Page) {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
  }

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());
  afterEach(() => expect(errors).toEqual([]));

  it('三（四）1: the 工信 bureau uploads its closure list on the page, and its navigation offers no plots', async () => {
    const page = await c.as('miit');
    watch(page);
    const nav = await page.getByRole('navigation', { name: '主导航' }).innerText();
    expect(nav).toContain('疑似地块线索');
    expect(nav).not.toContain('地块\n');
    expect(nav).not.toContain('一张图');
    await page.goto(`${c.base}/app/proposals`);
    const form = page.getByTestId('upload-list');
    await form.waitFor();
    const file = join(dir, '2026年关闭企业清单.csv');
    writeFileSync(file, '\ufeff原因,企业名称,地址,面积（平方米）\r\n关闭,上街区某电镀有限公司,上街区工业路 12 号,18000\r\n搬迁,上街区某涂料厂,上街区中心路 3 号,9000\r\n');
    await form.getByLabel('清单文件').setInputFiles(file);
    await form.locator('button[type="submit"]').click();
    const question = await confirm(page);
    expect(question).toContain('不能撤回');
    await form.locator('.form-message.notice-ok').waitFor();
    expect(await form.locator('.form-message').innerText()).toContain('共 2 行');
    await page.getByRole('cell', { name: '上街区某电镀有限公司' }).first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('工业和信息化部门关闭、搬迁、破产企业清单');
    expect(text).not.toMatch(CODES);
    await screenshot(page, 'proposals-miit');
  });

  it('42号令第二条: the district bureau confirms a closed enterprise as a suspected plot after a confirmation naming D1, and dismisses another with its reason', async () => {
    const page = await c.as('eeb');
    watch(page);
    await page.goto(`${c.base}/app/proposals`);
    const row = page.locator('tr', { hasText: '上街区某电镀有限公司' });
    await row.waitFor();
    await row.getByRole('button', { name: '确认为疑似地块…' }).click();
    const form = row.getByTestId('confirm-proposal');
    await form.getByLabel('地块编码').fill('SJ-2026-101');
    await form.getByLabel('原行业').fill('电镀');
    await form.getByLabel('规划用途').fill('住宅用地');
    await form.getByLabel('土地使用权人').selectOption({ label: DEMO_ORGANISATIONS.find((o) => o.key === 'holder')!.name });
    await form.locator('button[type="submit"]').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    await screenshotOf(dialog, 'proposal-confirm-dialog');
    const question = await confirm(page);
    expect(question).toContain('签发 D1 登记表');
    expect(question).not.toMatch(CODES);
    await page.waitForURL(/\/app\/plots\/[0-9a-f-]{36}/);
    await page.locator('.plot-state .stage-badge').waitFor();
    expect(await page.locator('main').innerText()).toContain('SJ-2026-101');

    await page.goto(`${c.base}/app/proposals`);
    const other = page.locator('tr', { hasText: '上街区某涂料厂' });
    await other.waitFor();
    await other.getByRole('button', { name: '排除…' }).click();
    const dismiss = other.getByTestId('dismiss-proposal');
    await dismiss.getByLabel('排除理由').fill('经核实该厂仅为仓储，未从事涂料生产');
    await dismiss.locator('button[type="submit"]').click();
    const dismissal = page.getByTestId('confirm');
    await dismissal.waitFor();
    expect(await dismissal.locator('.btn-danger').count()).toBe(1);
    await confirm(page);
    await page.goto(`${c.base}/app/proposals?status=all`);
    const done = page.locator('tr', { hasText: '上街区某涂料厂' });
    await done.waitFor();
    expect(await done.innerText()).toContain('经核实该厂仅为仓储');
    const confirmed = await page.locator('tr', { hasText: '上街区某电镀有限公司' }).innerText();
    expect(confirmed).toContain('已登记，查看地块');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshot(page, 'proposals-eeb-decided');
  });

  it('土壤法第五十九条: before supplying the parcel of the new suspected plot the land bureau reads 须先开展土壤污染状况调查', async () => {
    const page = await c.as('land');
    watch(page);
    await page.goto(`${c.base}/app/registers`);
    const form = page.getByTestId('land-supply-check');
    await form.waitFor();
    await form.getByLabel('宗地编码').fill('SJ-2026-101');
    await form.getByLabel('拟供用途').fill('住宅用地');
    await form.locator('button[type="submit"]').click();
    const result = page.getByTestId('land-supply-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('须先开展土壤污染状况调查');
    expect(text).toContain('第五十九条');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshotOf(page.locator('section', { has: form }), 'land-supply-check');
  });
});
