import type { CDPSession, Page } from 'playwright-core';
import { fullLifecycle, runUntil, startJourney, type Journey } from '../factories/lifecycle';
import { describeInBrowser, screenshot, startConsole, type Console } from './harness';

/**
 * Issue 22: the plot page on a slow link — 150 ms round trip, 2 Mbit/s each way, the CPU slowed four times — measured
 * from the navigation's start (performance.timeOrigin) to the reviewer's content being there: the decision form and
 * the plot's history. The figure is printed beside the 1.5 s target; the test does not gate on it (a timing
 * assert would measure the machine the suite runs on, not the page). What it asserts is what makes the page fast on
 * such a link whatever the machine: the console comes as one compressed bundle (no source module fetched), and the
 * page's reads go out in one wave — none waits for another read's answer — so the critical path is the page, the
 * bundle and one round of reads.
 */
describeInBrowser('the plot page on a slow link [embedded]', () => {
  let c: Console;
  let j: Journey;
  /** The target, printed beside the figure. */
  const TARGET_MS = 1500;

  beforeAll(async () => {
    c = await startConsole();
    j = await startJourney(c.t);
    await runUntil(c.t, j, fullLifecycle(c.t), 'APPROVE');
  });
  afterAll(() => c?.close());

  async function slowLink(page: Page): Promise<CDPSession> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // 2 Mbit/s = 250,000 bytes a second.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 250_000, uploadThroughput: 250_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    return cdp;
  }

  /** Milliseconds from navigation start until the decision form and the history are both on the page. */
  interface Load {
    ms: number;
    requests: number;
    /** the paths of the scripts the page fetched */
    scripts: string[];
    /** reads (anything outside /app/) that started only after another read had been answered */
    lateReads: string[];
  }

  async function loadPlot(page: Page): Promise<Load> {
    let requests = 0;
    const t0 = Date.now();
    const scripts: string[] = [];
    const readsStarted: Array<{ path: string; at: number }> = [];
    let firstReadAnsweredAt = Infinity;
    const pathOf = (url: string) => (url.startsWith(c.base) ? url.slice(c.base.length) : url);
    // The app's own reads: its URLs outside the console's pages and assets (not data: or blob: URLs).
    const isRead = (path: string) => path.startsWith('/') && !path.startsWith('/app/');
    const mine = new Set<unknown>();
    const started = (r: { url(): string; resourceType(): string }) => {
      mine.add(r);
      requests++;
      const path = pathOf(r.url());
      if (r.resourceType() === 'script') scripts.push(path);
      if (isRead(path)) readsStarted.push({ path, at: Date.now() });
      if (process.env.SLOW_LINK_WATERFALL) process.stdout.write(`  ${Date.now() - t0} ms ${path}\n`);
    };
    let firstAnswered = '';
    const finished = (r: { url(): string; sizes(): Promise<{ responseBodySize: number }> }) => {
      const path = pathOf(r.url());
      if (process.env.SLOW_LINK_WATERFALL) {
        const at = Date.now() - t0;
        void r.sizes().then((z) => process.stdout.write(`  ${at} ms done ${path} (${z.responseBodySize} B)\n`), () => undefined);
      }
      // A read the previous page started and the navigation cut short is not this load's.
      if (mine.has(r) && isRead(path) && Date.now() < firstReadAnsweredAt) {
        firstReadAnsweredAt = Date.now();
        firstAnswered = path;
      }
    };
    page.on('request', started);
    page.on('requestfinished', finished);
    await page.goto(`${c.base}/app/plots/${j.plotId}`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (globalThis as { plotReadyAt?: number }).plotReadyAt, undefined, { timeout: 30_000 });
    const ms = Math.round(Number(await handle.jsonValue()));
    page.off('request', started);
    page.off('requestfinished', finished);
    // Reads the page makes once it has drawn (none is needed for the content measured) are not the load's.
    const lateReads = readsStarted.filter((r) => r.at > firstReadAnsweredAt && r.at - t0 <= ms).map((r) => `${r.path} (after ${firstAnswered})`);
    return { ms, requests, scripts, lateReads };
  }

  /** Notes the moment both are there, by the page's own clock, without polling from outside the page (in-page code). */
  const WATCH_READY = `
    const ready = () => {
      const form = document.querySelector('form[data-event="APPROVE"]');
      return Boolean(form && form.offsetParent !== null && document.querySelector('ol.timeline li.tl-item'));
    };
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      window.plotReadyAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });`;

  it('issue 22: a reviewer’s plot page at 150 ms, 2 Mbit/s, CPU ÷4 loads one bundle and sends its reads in one wave (time printed beside the 1.5 s target)', async () => {
    const page = await c.as('eeb');
    await page.addInitScript({ content: WATCH_READY });
    const cdp = await slowLink(page);
    await cdp.send('Network.clearBrowserCache');
    const cold = await loadPlot(page);
    await screenshot(page, 'slow-link-plot-cold');
    const warm = await loadPlot(page);
    await screenshot(page, 'slow-link-plot-warm');
    const verdict = (ms: number) => (ms <= TARGET_MS ? 'within' : 'over');
    process.stdout.write(`\n[slow link] plot page ready: empty cache ${cold.ms} ms (${cold.requests} requests, ${verdict(cold.ms)} the ${TARGET_MS} ms target), ` +
      `cache kept ${warm.ms} ms (${warm.requests} requests, ${verdict(warm.ms)} it)\n`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
    // One bundle, hashed; no console source module is fetched on its own.
    const own = cold.scripts.filter((p) => p.startsWith('/app/assets/') && !p.includes('/vendor/'));
    expect(own).toEqual([expect.stringMatching(/^\/app\/assets\/app-[0-9A-Za-z]+\.js$/)]);
    // Every read the content needs left before the first answer came back: one round of reads, not waves in series.
    expect(cold.lateReads).toEqual([]);
    expect(warm.lateReads).toEqual([]);
  });
});
