import type { Page } from 'playwright-core';
import { fullLifecycle, runUntil, startJourney, type Journey } from '../factories/lifecycle';
import { confirm, describeInBrowser, login, newContext, outcome, screenshot, screenshotOf, startConsole, type Console } from './harness';

// The page's globals, typed for page.evaluate (the test project has no DOM library).
interface PageGlobals {
  document: { querySelector(s: string): { textContent: string | null; getBoundingClientRect(): { top: number } } | null; cookie: string };
  scrollY: number;
  scrollTo(x: number, y: number): void;
  sessionStorage: { length: number };
  localStorage: { length: number };
  __probe: { loadingSeen: boolean; root: unknown };
  MutationObserver: new (cb: (records: Array<{ addedNodes: ArrayLike<{ textContent: string | null }> }>) => void) => { observe(el: unknown, o: object): void };
}

/**
 * Issue 22 point 8: one session across tabs (an HttpOnly, SameSite=Strict cookie with a CSRF value, no token in
 * the page's storage), and a plot page drawn again in place after an action.
 */
describeInBrowser('one session across tabs, and the plot page redrawn in place [embedded]', () => {
  let c: Console;
  const errors: string[] = [];

  function watch(page: Page) {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });
    return page;
  }

  async function approvalJourney(): Promise<Journey> {
    const j = await startJourney(c.t);
    await runUntil(c.t, j, fullLifecycle(c.t), 'APPROVE');
    return j;
  }

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  it('issue 22 point 8: after an approval the plot page is never blanked to “正在加载……”; the scroll position, the opened fold and the page itself are kept, with a success notice', async () => {
    const j = await approvalJourney();
    const context = await newContext(c.browser, c.base);
    const page = watch(await context.newPage());
    await page.setViewportSize({ width: 1280, height: 600 });
    await login(page, c.base, 'eeb');
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    const approve = page.locator('form[data-event="APPROVE"]');
    await approve.waitFor();
    // The earlier entries of the history are folded; the reader opens them before approving.
    await page.getByTestId('timeline-folded').locator('summary').click();
    expect(await page.getByTestId('timeline-folded').getAttribute('open')).not.toBeNull();
    await approve.getByLabel('审查意见').fill('同意，进入下一阶段。');
    const before = (await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const main = w.document.querySelector('#main')!;
      w.__probe = { loadingSeen: false, root: w.document.querySelector('#main > .page') };
      new w.MutationObserver((records) => {
        for (const r of records) for (const n of Array.from(r.addedNodes)) if ((n.textContent ?? '').includes('正在加载')) w.__probe.loadingSeen = true;
      }).observe(main, { childList: true, subtree: true });
      const button = w.document.querySelector('form[data-event="APPROVE"] button[type="submit"]')!;
      w.scrollTo(0, button.getBoundingClientRect().top + w.scrollY - 300);
      return w.scrollY;
    })) as number;
    expect(before).toBeGreaterThan(0);
    await approve.locator('button[type="submit"]').click();
    await confirm(page);
    const notice = await outcome(page, approve, '已办理');
    expect(notice).toContain('已办理');
    // The approval is drawn: eeb's approval form is gone and the history holds the new entry, in the open fold's page.
    await approve.waitFor({ state: 'detached' });
    const after = (await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return {
        loadingSeen: w.__probe.loadingSeen,
        samePage: w.__probe.root === w.document.querySelector('#main > .page'),
        scrollY: w.scrollY,
      };
    })) as { loadingSeen: boolean; samePage: boolean; scrollY: number };
    expect(after).toEqual({ loadingSeen: false, samePage: true, scrollY: before });
    expect(await page.getByTestId('timeline-folded').getAttribute('open')).not.toBeNull();
    const history = await page.locator('#timeline').innerText();
    expect(history).toContain('同意，进入下一阶段。');
    await screenshotOf(page.locator('#actions'), 'session-01-after-approval-in-place');
    await context.close();
  });

  it('issue 22 point 8, OWASP session management: a plot opened in a new tab shows the plot, not the login page; the page holds no token a script can read', async () => {
    const j = await startJourney(c.t);
    const context = await newContext(c.browser, c.base);
    const first = watch(await context.newPage());
    await login(first, c.base, 'eeb');
    const tab = watch(await context.newPage());
    await tab.goto(`${c.base}/app/plots/${j.plotId}`);
    await tab.locator('.plot-state .stage-badge').waitFor();
    expect(new URL(tab.url()).pathname).toBe(`/app/plots/${j.plotId}`);
    expect(await tab.getByRole('heading', { level: 1 }).innerText()).toMatch(/^T-/);
    expect(await tab.getByTestId('user-name').innerText()).toBeTruthy();
    await screenshot(tab, 'session-02-plot-in-new-tab');
    // RFC 6265bis 4.1.2.6 HttpOnly: the session is not in document.cookie; no token in either storage.
    const seen = (await tab.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return { cookie: w.document.cookie, stored: w.sessionStorage.length + w.localStorage.length };
    })) as { cookie: string; stored: number };
    expect(seen.stored).toBe(0);
    expect(seen.cookie).toMatch(/(^|; )csrf=/);
    expect(seen.cookie).not.toMatch(/(^|; )session=/);
    const cookies = await context.cookies();
    const session = cookies.find((k) => k.name === 'session')!;
    // RFC 6265bis 4.1.2.7 SameSite=Strict: no other site's page makes the browser send it.
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    await context.close();
  });

  it('issue 22 point 8: logging out in one tab ends the session in the other; its next action lands on the login page with a message in Chinese', async () => {
    const j = await startJourney(c.t);
    const context = await newContext(c.browser, c.base);
    const one = watch(await context.newPage());
    await login(one, c.base, 'holder');
    const two = watch(await context.newPage());
    await two.goto(`${c.base}/app/plots/${j.plotId}`);
    await two.locator('.plot-state .stage-badge').waitFor();
    await one.getByRole('button', { name: '退出' }).click();
    await one.getByText('您已退出登录').waitFor();
    // The other tab still shows the plot until it does something: here, following the navigation to the plot list.
    await two.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '地块', exact: true }).click();
    await two.getByText('登录已失效或已在其他页面退出，请重新登录').waitFor();
    expect(new URL(two.url()).pathname).toBe('/app/login');
    // Signing in again leads back to the page the tab was on.
    expect(new URL(two.url()).searchParams.get('next')).toBe('/app/plots');
    await two.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    await screenshot(two, 'session-03-other-tab-after-logout');
    expect((await context.cookies()).map((k) => k.name)).not.toContain('session');
    await context.close();
  });
});
