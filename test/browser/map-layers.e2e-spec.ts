import type { Page } from 'playwright-core';
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../../src/common/credit-code';
import { seedDemoKeyUnits } from '../../src/demo/demo-key-units';
import { seedDemoPlots } from '../../src/demo/demo-plots';
import { describeInBrowser, newContext, screenshot, startConsole, type Console } from './harness';

interface Collection {
  features: Array<{ id: string; properties: Record<string, unknown> }>;
  numberMatched: number;
  numberReturned: number;
}

function creditCode(body8: string): string {
  const first17 = `91410106${body8}${organisationCodeCheckCharacter(body8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

/**
 * 一张图's other layers (issue 19) in Chromium on the demo: the key units' layer (重点监管单位) draws exactly the units
 * the user may see in the view (GET /map/key-units with the page's own bbox), each opening its unit's page; the
 * public map draws the published list without a link; the plots coloured by zone (上政文〔2017〕147号 三（一）4) with
 * the zones' legend; and nothing is asked of a host outside the app (no basemap is configured).
 */
describeInBrowser('一张图: key units and zones on the console map and the public map [embedded]', () => {
  let c: Console;
  let demoUnit: string;
  const problems: string[] = [];
  const outside: string[] = [];
  const CODES = /\b(suspected|investigation|riskAssessment|listed|released|cleared|removed|carbon|riskControl|remediation)\b/;

  beforeAll(async () => {
    c = await startConsole();
    await seedDemoPlots(c.t.app, c.t.demo.users, c.t.demo.organisations);
    demoUnit = (await seedDemoKeyUnits(c.t.app, c.t.demo.users, c.t.demo.organisations))!;
    // A second unit far from the demo's plots: on the bureau's list, never in the map's first view.
    const far = await c.t.http.post('/key-units').set(await c.t.as('eeb')).send({
      creditCode: creditCode('MLB00001'), name: '上街区远处某化工有限公司', industry: 'carbon', organisationId: c.t.demo.organisations.holder,
      address: '郑州市上街区远郊路 1 号', siteBoundary: { type: 'Polygon', coordinates: [[[113.65, 34.65], [113.652, 34.65], [113.652, 34.652], [113.65, 34.652], [113.65, 34.65]]] },
      listedOn: '2025-03-01', reason: '碳素生产企业，纳入重点监管单位名录',
    });
    expect(far.status).toBe(201);
  });
  afterAll(() => c?.close());

  // Every problem names the page it happened on: the bureau's page of the first tests stays open during the last.
  function watch(page: Page) {
    const on = () => new URL(page.url()).pathname;
    page.on('pageerror', (e) => problems.push(`${on()} pageerror: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource.*\.map\b/.test(m.text())) problems.push(`${on()} console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(c.base)) outside.push(r.url());
    });
    // The console's line for a failed request names no address: this one does.
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${on()} answer ${r.status()}: ${r.request().method()} ${r.url().slice(c.base.length)}`);
    });
    return page;
  }

  /** Ticks the units' box and answers the units GET /map/key-units gave for the page's own window. */
  async function showUnits(page: Page, path: string): Promise<string> {
    const answer = page.waitForResponse((r) => r.url().includes(`${path}?bbox=`) && r.status() === 200);
    await page.getByTestId('units-toggle').check();
    const res = await answer;
    await page.locator('[data-testid="map"][data-units-state="ready"]').waitFor();
    return res.url().slice(c.base.length);
  }

  const drawnUnits = (page: Page) =>
    page.locator('[data-testid="map"] path.map-unit[data-unit-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit-id')!).sort());

  it('issue 19 / 18: the bureau’s map draws as many unit sites as GET /map/key-units returns for the view, the same units; a click opens a popup linking the unit’s page', async () => {
    const page = watch(await c.as('eeb'));
    await page.goto(`${c.base}/app/map`);
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor();
    const url = await showUnits(page, '/map/key-units');
    const inView = (await (await fetch(`${c.base}${url}`, { headers: await c.t.as('eeb') })).json()) as Collection;
    const all = (await (await fetch(`${c.base}/map/key-units`, { headers: await c.t.as('eeb') })).json()) as Collection;
    const drawn = await drawnUnits(page);
    expect(drawn).toEqual(inView.features.map((f) => f.id).sort());
    expect(drawn).toContain(demoUnit);
    expect(inView.numberReturned).toBeLessThan(all.numberMatched);
    expect(await page.getByTestId('units-count').innerText()).toBe(`重点监管单位 ${inView.numberReturned} 个`);
    expect(await page.getByTestId('map-legend').innerText()).toContain('土壤污染重点监管单位');
    await page.locator(`path.map-unit[data-unit-id="${demoUnit}"]`).click();
    const popup = page.getByTestId('unit-popup');
    await expect(popup.innerText()).resolves.toMatch(/上街区某碳素有限公司[\s\S]*碳素生产 · 在名录中/);
    expect(await popup.getByRole('link', { name: '打开单位页面' }).getAttribute('href')).toBe(`/app/key-units/${demoUnit}`);
    await screenshot(page, 'map-layers-units');
  });

  it('上政文〔2017〕147号 三（一）4: coloured by zone, every drawn plot carries its zone’s colour class and the legend names the four zones (保护区 imported later)', async () => {
    const page = await c.as('eeb');
    await page.getByTestId('map-colour').selectOption('zone');
    await page.getByTestId('zone-legend').waitFor();
    expect(await page.getByTestId('map').getAttribute('class')).toContain('map-colour-zone');
    const legend = await page.getByTestId('zone-legend').innerText();
    for (const label of ['保护区', '预警区', '风险管控区', '治理修复区']) expect(legend).toContain(label);
    expect(legend).toContain('由管理员导入');
    expect(legend).toContain('不属于四区');
    await expect(page.getByTestId('map-legend').isHidden()).resolves.toBe(true);
    const plots = (await (await fetch(`${c.base}/map/plots`, { headers: await c.t.as('eeb') })).json()) as Collection;
    for (const f of plots.features.filter((x) => x.properties.zone)) {
      await expect(page.locator(`path.map-plot[data-plot-id="${f.id}"]`).getAttribute('class')).resolves.toContain(`map-zone-${String(f.properties.zone)}`);
    }
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshot(page, 'map-layers-zones');
  });

  it('上政文〔2017〕147号 三（二）1: the public map draws the published units in view, a popup without a link; no request leaves the app', async () => {
    const page = watch(await (await newContext(c.browser, c.base)).newPage());
    await page.goto(`${c.base}/app/public/map`);
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor();
    let url = await showUnits(page, '/public/map/key-units');
    let inView = (await (await fetch(`${c.base}${url}`)).json()) as Collection;
    const zoomOut = async () => {
      const answer = page.waitForResponse((r) => r.url().includes('/public/map/key-units?bbox=') && r.url() !== `${c.base}${url}`);
      await page.locator('.leaflet-control-zoom-out').click();
      url = (await answer).url().slice(c.base.length);
      await page.locator('[data-testid="map"][data-units-state="ready"]').waitFor();
      return (await (await fetch(`${c.base}${url}`)).json()) as Collection;
    };
    // The public map opens on the listed plots: zoomed out until the demo unit beside them is in view, then once more
    // so that the whole site is.
    for (let i = 0; i < 5 && inView.numberReturned === 0; i++) inView = await zoomOut();
    if (inView.numberReturned > 0) inView = await zoomOut();
    expect(inView.numberReturned).toBeGreaterThan(0);
    expect((await drawnUnits(page))).toEqual(inView.features.map((f) => f.id).sort());
    await page.locator('path.map-unit[data-unit-id]').first().click();
    const popup = page.getByTestId('unit-popup');
    await expect(popup.innerText()).resolves.toContain('上街区某碳素有限公司');
    expect(await popup.getByRole('link').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshot(page, 'map-layers-public');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
