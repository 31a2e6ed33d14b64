import type { Page } from 'playwright-core';
import { seedDemoPlots } from '../../src/demo/demo-plots';
import { describeInBrowser, login, newContext, screenshot, screenshotOf, startConsole, type Console } from './harness';

interface Feature {
  id: string;
  geometry: unknown;
  properties: { code: string; name: string; state?: string; stage: string; stateLabel: string };
}
interface Collection {
  type: string;
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
}

/**
 * 一张图 (issue 19) in Debian's Chromium, on the demo plots: the map page of each role draws exactly the plots the
 * user may see (GET /map/plots), coloured by stage, with a legend, a metric scale bar and a graticule, offline (Leaflet
 * is served by the app); a click on a plot opens its page; the plot page shows its boundary; the search finds a plot
 * and outlines it; the public map (no login) draws the published register only (土壤法第五十八条: the register is
 * what is made public), never a plot still under investigation.
 */
describeInBrowser('一张图: the console map, the plot map and the public map in a real browser [embedded]', () => {
  let c: Console;
  const problems: string[] = [];
  // Codes a person must never read on a map page: stage and state names.
  const CODES = /\b(suspected|investigation|riskAssessment|listed|released|cleared|inProgress|underReview)\b/;

  beforeAll(async () => {
    c = await startConsole();
    await seedDemoPlots(c.t.app, c.t.demo.users, c.t.demo.organisations);
  });
  afterAll(() => c?.close());

  const watched = new WeakSet<Page>();
  function watch(page: Page) {
    if (watched.has(page)) return page;
    watched.add(page);
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
    // A Content-Security-Policy refusal (an inline style, a script from elsewhere) is a console error.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource.*\.map\b/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(c.base)) problems.push(`request outside the app: ${r.url()}`);
    });
    return page;
  }

  async function collection(path: string, user?: string): Promise<Collection> {
    const res = await fetch(`${c.base}${path}`, { headers: user ? await c.t.as(user) : {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('geo+json');
    return (await res.json()) as Collection;
  }

  async function openMap(page: Page, path: string) {
    await page.goto(`${c.base}${path}`);
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor();
  }

  const drawnIds = (page: Page) =>
    page.locator('[data-testid="map"] path.map-plot[data-plot-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-plot-id')!).sort());

  it.each(['eeb', 'holder2', 'consultant'])(
    'the map of %s draws as many polygons as GET /map/plots returns for them, the same plots, with a legend, a scale bar and a graticule',
    async (user) => {
      const all = await collection('/map/plots', user);
      expect(all.type).toBe('FeatureCollection');
      expect(all.numberReturned).toBe(all.features.length);
      const page = watch(await c.as(user));
      await openMap(page, '/app/map');
      const ids = await drawnIds(page);
      expect(ids).toHaveLength(all.numberReturned);
      expect(ids).toEqual(all.features.map((f) => f.id).sort());
      await expect(page.getByTestId('map-count').innerText()).resolves.toBe(`显示 ${all.numberReturned} 个地块`);
      const legend = await page.getByTestId('map-legend').innerText();
      for (const label of ['疑似污染地块', '土壤污染状况调查', '风险评估', '纳入名录', '移出名录']) expect(legend).toContain(label);
      expect(await page.locator('.leaflet-control-scale-line').innerText()).toMatch(/^\d+ (m|km)$/);
      expect(await page.locator('path.map-graticule').count()).toBeGreaterThan(1);
      expect(await page.locator('.map-graticule-label').first().innerText()).toMatch(/^\d+(\.\d+)?°[EN]$/);
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(CODES);
      await screenshot(page, `map-${user}`);
    },
  );

  it('each user sees their own plots only: a holder fewer than the district bureau, all among the bureau\'s', async () => {
    const eeb = await collection('/map/plots', 'eeb');
    const holder = await collection('/map/plots', 'holder2');
    expect(eeb.numberReturned).toBeGreaterThan(holder.numberReturned);
    expect(holder.numberReturned).toBeGreaterThan(0);
    const bureau = new Set(eeb.features.map((f) => f.id));
    expect(holder.features.every((f) => bureau.has(f.id))).toBe(true);
  });

  it('a click on a plot opens its page, which shows the plot\'s boundary on its own map', async () => {
    const page = watch(await c.as('eeb'));
    await openMap(page, '/app/map');
    const features = (await collection('/map/plots', 'eeb')).features;
    // The last drawn polygon is on top: a real click at its centre reaches it.
    const path = page.locator('[data-testid="map"] path.map-plot[data-plot-id]').last();
    const id = await path.getAttribute('data-plot-id');
    const box = (await path.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(`**/app/plots/${id}`);
    const f = features.find((x) => x.id === id)!;
    await page.getByRole('heading', { level: 1, name: `${f.properties.code} ${f.properties.name}` }).waitFor();
    const small = page.getByTestId('plot-map');
    await page.locator('[data-testid="plot-map"][data-state="ready"]').waitFor();
    expect(await small.locator('path.map-plot').count()).toBe(1);
    expect(await small.locator('path.map-plot').getAttribute('aria-label')).toBe(`${f.properties.code} ${f.properties.name}`);
    await small.scrollIntoViewIfNeeded();
    await screenshotOf(page.locator('#boundary'), 'map-plot-boundary');
  });

  it('the stage filter draws one stage, and the search finds a plot by its code and outlines it on the map', async () => {
    const page = watch(await c.as('eeb'));
    await openMap(page, '/app/map');
    const listed = await collection('/map/plots?stage=listed', 'eeb');
    await page.getByLabel('阶段').selectOption('listed');
    await page.waitForURL('**/app/map?stage=listed');
    await page.locator('[data-testid="map"][data-state="ready"]').waitFor();
    expect(await drawnIds(page)).toEqual(listed.features.map((f) => f.id).sort());
    expect(await page.locator('[data-testid="map"] path.map-plot:not(.map-stage-listed)').count()).toBe(0);
    const target = listed.features[0];
    await page.getByLabel('搜索地块').fill(target.properties.code);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByRole('list', { name: '搜索结果' }).getByRole('button', { name: '在图上定位' }).first().click();
    await page.locator('path.map-plot-selected').waitFor();
    expect(await page.locator('.leaflet-tooltip').filter({ hasText: target.properties.code }).count()).toBeGreaterThan(0);
    await screenshot(page, 'map-search');
  });

  it('the public map (no login) draws the published register only (土壤法第五十八条), never an unpublished plot', async () => {
    const published = await collection('/public/map/plots');
    const bureau = await collection('/map/plots', 'eeb');
    // The public answer names a plot by its code, never by the plot's internal id.
    const states = new Map(bureau.features.map((f) => [f.properties.code, f.properties.state ?? '']));
    const unpublished = bureau.features.filter((f) => !String(f.properties.state).startsWith('listed.'));
    expect(published.numberReturned).toBeGreaterThan(0);
    expect(unpublished.length).toBeGreaterThan(0);
    for (const f of published.features) {
      expect({ code: f.properties.code, state: states.get(f.properties.code) }).toEqual({ code: f.properties.code, state: expect.stringMatching(/^listed\./) });
    }
    const internalIds = new Set(bureau.features.map((f) => f.id));
    expect(published.features.filter((f) => internalIds.has(f.id))).toEqual([]);
    const page = watch(await (await newContext(c.browser, c.base)).newPage());
    await openMap(page, '/app/public/map');
    const ids = await drawnIds(page);
    expect(ids).toEqual(published.features.map((f) => f.id).sort());
    for (const f of unpublished) expect(ids).not.toContain(f.properties.code);
    const text = await page.locator('main').innerText();
    for (const f of unpublished) expect(text).not.toContain(f.properties.code);
    expect(text).toContain(`显示 ${published.numberReturned} 个地块`);
    expect(text).not.toMatch(CODES);
    // A click shows what the register says of the plot; there is no plot page for the public.
    const path = page.locator('[data-testid="map"] path.map-plot[data-plot-id]').last();
    const code = await path.getAttribute('data-plot-id');
    const box = (await path.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('map-popup').waitFor();
    const clicked = published.features.find((f) => f.id === code)!;
    expect(await page.getByTestId('map-popup').innerText()).toContain(`${clicked.properties.code} ${clicked.properties.name}`);
    // The popup fades in; the picture is taken when it is fully shown.
    await page.waitForFunction(() => {
      const w = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { opacity: string } };
      const popup = w.document.querySelector('.leaflet-popup');
      return !!popup && w.getComputedStyle(popup).opacity === '1';
    });
    expect(page.url()).toBe(`${c.base}/app/public/map`);
    await screenshot(page, 'map-public');
  });

  it('on a phone the map and the public map fit the screen width, the plots drawn as on a desktop', async () => {
    const context = await newContext(c.browser, c.base, 390);
    const page = watch(await context.newPage());
    await openMap(page, '/app/public/map');
    expect(await drawnIds(page)).toHaveLength((await collection('/public/map/plots')).numberReturned);
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
    await screenshot(page, 'map-phone-public');
    await login(page, c.base, 'holder');
    await openMap(page, '/app/map');
    expect(await drawnIds(page)).toHaveLength((await collection('/map/plots', 'holder')).numberReturned);
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
    await screenshot(page, 'map-phone');
    await context.close();
  });

  it('no page error, no refusal by the Content-Security-Policy, nothing fetched from outside the app', () => {
    expect(problems).toEqual([]);
  });
});
