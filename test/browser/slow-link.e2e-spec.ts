import type { CDPSession, Page } from 'playwright-core';
import { fullLifecycle, runUntil, startJourney, type Journey } from '../factories/lifecycle';
import { describeInBrowser, screenshot, startConsole, type Console } from './harness';

/**
 * Issue 22: the plot page loads in at most 1.5 s on a slow link — 150 ms round trip, 2 Mbit/s each way, the CPU
 * slowed four times. Measured from the navigation's start (performance.timeOrigin) to the reviewer's content being
 * there: the decision form and the plot's history. A timing assert, which this project otherwise avoids: the issue
 * asks for this figure, and the bound is the issue's own, without a margin.
 */
describeInBrowser('the plot page on a slow link [embedded]', () => {
  let c: Console;
  let j: Journey;
  const BOUND_MS = 1500;

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
  async function loadPlot(page: Page): Promise<{ ms: number; requests: number }> {
    let requests = 0;
    const t0 = Date.now();
    const count = (r: { url(): string }) => {
      requests++;
      if (process.env.SLOW_LINK_WATERFALL) process.stdout.write(`  ${Date.now() - t0} ms ${r.url().replace(c.base, '')}\n`);
    };
    page.on('request', count);
    await page.goto(`${c.base}/app/plots/${j.plotId}`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (globalThis as { plotReadyAt?: number }).plotReadyAt, undefined, { timeout: 30_000 });
    const ms = Math.round(Number(await handle.jsonValue()));
    page.off('request', count);
    return { ms, requests };
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

  it('issue 22: a reviewer’s plot page, first visit (empty cache) and again (cache kept), each within 1.5 s at 150 ms, 2 Mbit/s, CPU ÷4', async () => {
    const page = await c.as('eeb');
    await page.addInitScript({ content: WATCH_READY });
    const cdp = await slowLink(page);
    await cdp.send('Network.clearBrowserCache');
    const cold = await loadPlot(page);
    await screenshot(page, 'slow-link-plot-cold');
    const warm = await loadPlot(page);
    await screenshot(page, 'slow-link-plot-warm');
    process.stdout.write(`\n[slow link] plot page ready: empty cache ${cold.ms} ms (${cold.requests} requests), cache kept ${warm.ms} ms (${warm.requests} requests)\n`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
    expect({ cold: cold.ms <= BOUND_MS, warm: warm.ms <= BOUND_MS, coldMs: cold.ms, warmMs: warm.ms }).toEqual({ cold: true, warm: true, coldMs: cold.ms, warmMs: warm.ms });
  });
});
