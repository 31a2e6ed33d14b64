import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { todayInChina } from '../../src/calendar/calendar-date';
import { seedDemoPlots } from '../../src/demo/demo-plots';
import { describeInBrowser, newContext, screenshot, screenshotOf, startConsole, type Console } from './harness';

/**
 * 一张图 part 2 in Debian's Chromium: the plot page's map draws the plot's sample locations coloured by exceedance of
 * the screening value (GB 36600-2018), as many as GET /plots/:id/samples/points answers; the start page of a bureau
 * shows 污染地块安全利用率 with the plan's target (上政文〔2017〕147号 二（主要指标）) and a bar per district for a city.
 */
describeInBrowser('一张图 part 2 and the safe-use indicator in a real browser [embedded]', () => {
  let c: Console;
  const problems: string[] = [];
  const CODES = /\b(exceeds|below|notDetected|noStandard|suspected|listed|released|cleared)\b/;
  const idOf = async (code: string) => (await c.t.ds.query(`SELECT id FROM plots WHERE code = $1`, [code]))[0].id as string;

  beforeAll(async () => {
    c = await startConsole();
    await seedDemoPlots(c.t.app, c.t.demo.users, c.t.demo.organisations);
    // Two developments: the released plot for housing (permitted class 1: safe), the cleared one for housing
    // (permitted class 2: not safe) — 1 of 2, 50.00 %.
    for (const code of ['SJ-2026-001', 'SJ-2026-005']) {
      const res = await c.t.http.post(`/indicators/developments/${await idOf(code)}`).set(await c.t.as('land')).send({ use: '住宅', beganOn: todayInChina() });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => c?.close());

  it('the map and the public map draw the jurisdiction boundary an administrator uploaded, dashed, named as approximate', async () => {
    const shangjie = JSON.parse(readFileSync(join(__dirname, '..', '..', 'reference', 'jurisdiction-boundaries', '410106-approximate.geojson'), 'utf8'));
    const put = await c.t.http.put('/map/jurisdictions/410106/boundary').set(await c.t.as('admin'))
      .send({ boundary: shangjie.geometry, approximate: true, source: shangjie.properties.source });
    expect(put.status).toBe(200);
    for (const [page, path] of [[watch(await c.as('eeb')), '/app/map'], [watch(await (await newContext(c.browser, c.base)).newPage()), '/app/public/map']] as const) {
      await page.goto(`${c.base}${path}`);
      await page.locator('[data-testid="map"][data-state="ready"][data-jurisdictions]').waitFor();
      expect(await page.locator('[data-testid="map"]').getAttribute('data-jurisdictions')).toBe('1');
      const line = page.locator('path.map-jurisdiction');
      expect(await line.count()).toBe(1);
      expect(await line.getAttribute('aria-label')).toBe('郑州市上街区辖区边界（示意）');
      expect(await page.getByTestId('map-jurisdictions').innerText()).toBe('虚线为辖区边界（郑州市上街区为示意边界）');
      await screenshot(page, path === '/app/map' ? 'map-part2-jurisdiction' : 'map-part2-public-jurisdiction');
    }
  });

  function watch(page: Page) {
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource.*\.map\b/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(c.base)) problems.push(`request outside the app: ${r.url()}`);
    });
    return page;
  }

  it('the plot page draws one point per sample location, coloured by exceedance, with a legend in Chinese (GB 36600-2018 表1)', async () => {
    const id = await idOf('SJ-2026-003');
    const points = (await c.t.http.get(`/plots/${id}/samples/points`).set(await c.t.as('eeb'))).body;
    const api = JSON.parse(typeof points === 'string' ? points : JSON.stringify(points));
    const page = watch(await c.as('eeb'));
    await page.goto(`${c.base}/app/plots/${id}`);
    const map = page.locator('[data-testid="plot-map"][data-state="ready"]');
    await map.waitFor();
    const drawn = map.locator('path.map-sample');
    expect(await drawn.count()).toBe(4);
    expect(await map.getAttribute('data-points')).toBe('4');
    const classes = await drawn.evaluateAll((els) => els.map((e) => e.getAttribute('data-exceedance')).sort());
    expect(classes).toEqual(['below', 'exceeds', 'exceeds', 'notDetected']);
    expect(await map.locator('path.map-plot').count()).toBe(1);
    const legend = await page.locator('.map-samples-legend').innerText();
    for (const label of ['采样点 4 个', '超过筛选值', '未超过筛选值', '均未检出']) expect(legend).toContain(label);
    expect(legend).not.toMatch(CODES);
    const worst = await map.locator('path.map-sample-exceeds').first().getAttribute('aria-label');
    expect(worst).toMatch(/^采样点 .+：超过筛选值，最高为(砷|铅)（筛选值的 [\d.]+ 倍）$/);
    expect(api.numberMatched).toBe(4);
    await page.locator('#boundary').scrollIntoViewIfNeeded();
    await screenshotOf(page.locator('#boundary'), 'map-part2-sample-points');
  });

  it(`the bureau's start page shows 污染地块安全利用率: 50.00 %, 1 of 2, below the target of 91 % (上政文〔2017〕147号 二（主要指标）)`, async () => {
    const page = watch(await c.as('eeb'));
    await page.goto(`${c.base}/app`);
    const card = page.locator('.safe-use-card');
    await card.locator('.safe-use-summary').waitFor();
    const text = await card.innerText();
    expect(text).toContain('50.00%');
    expect(text).toContain('未达到目标');
    expect(text).toContain('开发利用的地块 2 块，其中安全利用 1 块');
    expect(text).toContain('目标：不低于 91%（上政文〔2017〕147号 二（主要指标））');
    expect(text).not.toMatch(CODES);
    await screenshotOf(card, 'safe-use-card-district');
  });

  it('a city bureau sees a bar per district, the target as a line; a holder sees no card', async () => {
    const page = watch(await c.as('eeb-city'));
    await page.goto(`${c.base}/app`);
    const bars = page.locator('.safe-use-card svg.safe-use-bars');
    await bars.waitFor();
    expect(await bars.locator('g.safe-use-row').count()).toBe(1);
    expect(await bars.locator('g.safe-use-row[data-code="410106"] text').allTextContents()).toEqual(['郑州市上街区', '50.00%']);
    const width = Number(await bars.locator('rect.safe-use-bar').getAttribute('width'));
    expect(width).toBe(110);
    expect(await bars.getAttribute('aria-label')).toBe('各下级行政区划的安全利用率：郑州市上街区 50.00%');
    await screenshot(page, 'safe-use-card-city');
    const holder = watch(await c.as('holder'));
    await holder.goto(`${c.base}/app`);
    await holder.getByRole('heading', { level: 1, name: '待办事项' }).waitFor();
    expect(await holder.locator('.safe-use-card').count()).toBe(0);
  });

  it('no page error, no refusal by the Content-Security-Policy, nothing fetched from outside the app', () => {
    expect(problems).toEqual([]);
  });
});
