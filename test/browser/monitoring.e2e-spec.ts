import type { Page } from 'playwright-core';
import { seedDemoKeyUnits } from '../../src/demo/demo-key-units';
import { seedDemoMonitoring } from '../../src/demo/demo-monitoring';
import { confirm, describeInBrowser, screenshot, screenshotOf, startConsole, type Console } from './harness';

/**
 * The monitoring console (issue 20): the network and its open warnings, a point's page with a time-series chart drawn
 * by the app (screening and intervention lines of GB 15618-2018), and a warning handled 核实 → 处置 → 关闭 on its page,
 * each step after a confirmation stating its outcome.
 */
describeInBrowser('monitoring network, charts and warnings in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  const CODES = /\b(basic|risk|keyUnitSurroundings|waterSource|farmland|construction|aboveScreening|risingTrend|raised|verifying|handling|closed|VERIFY_START|CONFIRM|CLOSE|HTTP \d{3}|undefined|null|NaN)\b/;

  function watch(page: Page) {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
  }

  beforeAll(async () => {
    c = await startConsole();
    await seedDemoMonitoring(c.t.app, c.t.demo.users, await seedDemoKeyUnits(c.t.app, c.t.demo.users, c.t.demo.organisations));
  });
  afterAll(() => c?.close());
  afterEach(() => expect(errors).toEqual([]));

  it('三（一）2、4: the district bureau sees its points (the overdue one marked) and the open warnings, in Chinese', async () => {
    const page = await c.as('eeb');
    watch(page);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监测预警' }).click();
    await page.getByRole('cell', { name: /SJ-JC-01/ }).first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('超过风险筛选值');
    expect(text).toContain('连续三次监测呈上升趋势');
    expect(text).toMatch(/SJ-FX-02[\s\S]*已逾期/);
    expect(text).not.toMatch(CODES);
    await screenshot(page, 'monitoring-network');
  });

  it('三（一）2 区环保局牵头: the district bureau sets up a point — its location clicked on the map, kind and frequency from the configuration, a responsible organisation — and imports a CSV of points; the campaigns list offers each campaign’s report (D19)', async () => {
    const page = await c.as('eeb');
    watch(page);
    await page.goto(`${c.base}/app/monitoring`);
    const form = page.getByTestId('create-point');
    await form.waitFor();
    await page.getByTestId('point-location-map').and(page.locator('[data-state="ready"]')).waitFor();
    await form.getByLabel('点位编码').fill('SJ-JC-09');
    await form.getByLabel('点位名称').fill('峡窝镇耕地新增基础点位');
    const kinds = await form.getByLabel('点位类型').locator('option').allInnerTexts();
    expect(kinds).toEqual(expect.arrayContaining(['基础点位（每 5 年 1 次）', '风险点位（每年 1 次）']));
    await form.getByLabel('点位类型').selectOption({ label: '基础点位（每 5 年 1 次）' });
    await form.locator('[data-field="media"]').getByLabel('地下水').check();
    // A click on the map fills in the coordinates.
    const map = page.getByTestId('point-location-map');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.6, y: box.height * 0.4 } });
    await page.getByTestId('point-location-text').filter({ hasText: '东经' }).waitFor();
    const lon = Number(await form.getByLabel('经度（东经，度）').inputValue());
    const lat = Number(await form.getByLabel('纬度（北纬，度）').inputValue());
    expect(lon).toBeGreaterThan(113.2);
    expect(lon).toBeLessThan(113.4);
    expect(lat).toBeGreaterThan(34.7);
    expect(lat).toBeLessThan(34.9);
    await form.getByLabel('责任单位').selectOption({ index: 1 });
    const responsible = (await form.getByLabel('责任单位').locator('option:checked').innerText()).replace(/^第三方机构：|^单位：/, '');
    expect(await form.innerText()).not.toMatch(CODES);
    await screenshotOf(form, 'monitoring-point-form');
    await form.locator('button[type="submit"]').click();
    expect(await confirm(page)).toMatch(/SJ-JC-09/);
    await form.locator('.notice-ok').filter({ hasText: '已设置点位 SJ-JC-09' }).waitFor();
    await form.getByRole('link', { name: '查看点位' }).click();
    await page.getByRole('heading', { name: /SJ-JC-09/ }).waitFor();
    const facts = await page.locator('main').innerText();
    expect(facts).toContain('每 5 年 1 次');
    expect(facts).toContain('土壤、地下水');
    expect(facts).toContain(responsible);
    expect(facts).toContain(`东经 ${lon.toFixed(4)}°`);

    await page.goto(`${c.base}/app/monitoring`);
    const imp = page.getByTestId('import-points');
    await imp.waitFor();
    // Opened again, the map is drawn too (Leaflet already loaded).
    await page.getByTestId('point-location-map').and(page.locator('[data-state="ready"]')).waitFor();
    const csv = ['点位编码,点位名称,点位类型,监测介质,经度,纬度,用地,作物,用地类别', 'SJ-FX-08,果园新增风险点位,风险点位,土壤,113.301,34.812,农用地,果园,', 'SJ-QY-08,企业周边新增点位,重点监管企业周边,土壤；地下水,113.305,34.815,建设用地,,第二类用地'].join('\n');
    await imp.locator('input[type="file"]').setInputFiles({ name: '点位.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await imp.locator('button[type="submit"]').click();
    await imp.locator('.notice-ok').filter({ hasText: '已导入 2 个点位' }).waitFor();
    await page.getByRole('link', { name: 'SJ-FX-08', exact: true }).waitFor();
    const campaigns = page.locator('section', { has: page.getByRole('heading', { name: '监测批次' }) }).first();
    expect(await campaigns.innerText()).toMatch(/上环土监〔\d{4}〕\d{4}号/);
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshot(page, 'monitoring-network-forms');
  });

  it('GB 15618-2018 表1、表3: the point’s page draws cadmium over three campaigns with its screening (0.3) and intervention (2.0) lines, the last result red above the line', async () => {
    const page = await c.as('eeb');
    await page.goto(`${c.base}/app/monitoring`);
    await page.getByRole('link', { name: 'SJ-JC-01', exact: true }).click();
    const figure = page.locator('figure.series-figure[data-cas="7440-43-9"]');
    await figure.waitFor();
    expect(await figure.locator('circle.result-dot').count()).toBe(3);
    expect(await figure.locator('circle.result-dot.above').count()).toBe(1);
    expect(await figure.locator('text', { hasText: '筛选值 0.3' }).count()).toBe(1);
    expect(await figure.locator('text', { hasText: '管制值 2' }).count()).toBe(1);
    const dots = await figure.locator('circle.result-dot').evaluateAll((els) => els.map((e) => Number(e.getAttribute('cy'))));
    const lineY = await figure.locator('path.screening-line').evaluate((e) => Number((e.getAttribute('d') ?? '').split(/[ ,]/)[1]));
    // SVG y grows downwards: the first two results below the screening line, the last above it.
    expect(dots[0]).toBeGreaterThan(lineY);
    expect(dots[1]).toBeGreaterThan(lineY);
    expect(dots[2]).toBeLessThan(lineY);
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshotOf(figure, 'monitoring-cadmium-chart');
    await screenshot(page, 'monitoring-point');
  });

  it('三（一）4: the warning is verified, confirmed, handled and closed on its page, each step after a confirmation stating what follows', async () => {
    const page = await c.as('eeb');
    await page.goto(`${c.base}/app/monitoring`);
    await page.locator('tr', { hasText: 'SJ-JC-01' }).getByRole('link', { name: '已预警 · 待核实' }).click();
    const step = async (testid: string, text: string, expectInQuestion: RegExp, state: string) => {
      const form = page.getByTestId(testid);
      await form.waitFor();
      await form.locator('textarea').fill(text);
      await form.locator('button[type="submit"]').click();
      const question = await confirm(page);
      expect(question).toMatch(expectInQuestion);
      expect(question).not.toMatch(CODES);
      await page.getByTestId('warning-state').filter({ hasText: state }).waitFor();
    };
    await step('warning-VERIFY_START', '复核采样记录和实验室原始数据', /转入核实/, '核实中');
    await step('warning-CONFIRM', '复测镉 0.48 mg/kg，仍超筛选值', /确认超标，预警转入处置/, '处置中');
    await step('warning-RECORD_MEASURES', '通知农户施用石灰调节 pH，加强农产品协同监测', /处置措施记入/, '处置中');
    await step('warning-CLOSE', '安全利用措施已落实', /预警关闭/, '已关闭');
    const text = await page.locator('main').innerText();
    expect(text).toContain('通知农户施用石灰');
    expect(text).not.toMatch(CODES);
    await screenshot(page, 'monitoring-warning-closed');
  });

  it('一张图: the monitoring layer toggled on the map draws the points in view, those with an open warning in red', async () => {
    const page = await c.as('eeb');
    await page.goto(`${c.base}/app/map`);
    await page.getByTestId('map-count').filter({ hasText: '显示' }).waitFor();
    await page.getByLabel('显示监测点位和预警').check();
    const status = page.getByTestId('monitoring-count');
    // While the map still settles on its plots (a busy machine), the first drawing may be of the view before; the layer
    // draws again when the map stops moving, so wait for the points of the settled view.
    await status.filter({ hasText: /监测点位 [1-9]\d* 个/ }).waitFor();
    const shown = Number((await status.innerText()).match(/监测点位 (\d+) 个/)![1]);
    expect(shown).toBeGreaterThan(0);
    expect(await page.locator('path.monitoring-point').count()).toBe(shown);
    expect(await page.locator('path.monitoring-point.warned').count()).toBe(Number((await status.innerText()).match(/有未关闭预警的 (\d+) 个/)![1]));
    await screenshot(page, 'monitoring-map-layer');
  });
});
