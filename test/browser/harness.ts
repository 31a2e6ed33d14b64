import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-directory';
import { databaseTargets } from '../helpers/databases';
import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/test-app';

/** Debian's Chromium (installed by .ci/run); never a browser downloaded by a test tool. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/**
 * `describe` when Chromium is installed. Without it the browser tests are
 * skipped with a message on a developer's machine, and fail under CI=true.
 */
export function describeInBrowser(title: string, block: () => void) {
  if (existsSync(CHROMIUM)) return describe(title, block);
  if (process.env.CI === 'true') {
    return describe(title, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (apt-get install chromium fonts-noto-cjk)`);
      });
    });
  }
  process.stderr.write(`\n[browser tests] skipped: ${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)\n`);
  return describe.skip(title, block);
}

export interface Console {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A page signed in as a demo user (one browser context per user, reused). */
  as(username: string): Promise<Page>;
  close(): Promise<void>;
}

/** The app on a real loopback socket (embedded database, demo directory) and one Chromium. */
export async function startConsole(opts: TestAppOptions = {}): Promise<Console> {
  const target = databaseTargets().find((d) => d.name === 'embedded')!;
  const t = await startTestApp(target, {}, opts);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
  const contexts = new Map<string, { context: BrowserContext; page: Page }>();
  return {
    t,
    base,
    browser,
    async as(username) {
      let entry = contexts.get(username);
      if (!entry) {
        const context = await newContext(browser, base);
        const page = await context.newPage();
        await login(page, base, username);
        entry = { context, page };
        contexts.set(username, entry);
      }
      return entry.page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
}

export async function newContext(browser: Browser, base: string, width = 1280) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width, height: width < 600 ? 844 : 900 },
    locale: 'zh-CN',
    // The machine's zone must not matter: the console shows China Standard Time itself.
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const traffic = { inFlight: 0, lastChange: Date.now() };
  const change = (by: number) => {
    traffic.inFlight += by;
    traffic.lastChange = Date.now();
  };
  context.on('request', () => change(1));
  context.on('requestfinished', () => change(-1));
  context.on('requestfailed', () => change(-1));
  TRAFFIC.set(context, traffic);
  return context;
}

const TRAFFIC = new WeakMap<BrowserContext, { inFlight: number; lastChange: number }>();

/**
 * Resolves once the page's context has had no request in flight for `quietMs` (Playwright's 'networkidle' waits a
 * fixed 500 ms after the last one, which on a page visited hundreds of times is minutes of waiting for nothing).
 */
export async function settled(page: Page, quietMs = 150, timeoutMs = 15_000): Promise<void> {
  const traffic = TRAFFIC.get(page.context());
  if (!traffic) return page.waitForLoadState('networkidle');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (traffic.inFlight <= 0 && Date.now() - traffic.lastChange >= quietMs) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function login(page: Page, base: string, username: string) {
  await page.goto(`${base}/app/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { level: 1, name: '待办事项' }).waitFor();
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** One part of a page, e.g. a section or a form, where a whole-page picture would be too tall to read. */
export async function screenshotOf(part: Locator, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await part.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Waits for the outcome of a submitted form: the page's success notice, or the form's error (thrown with its text). */
export async function outcome(page: Page, form: Locator, expected?: string): Promise<string> {
  // With the text expected, a flash still showing from the step before is not taken for this one's.
  const ok = expected ? page.getByTestId('flash').filter({ hasText: expected }) : page.getByTestId('flash');
  const error = form.locator('.form-message.notice-error');
  await ok.or(error).first().waitFor();
  if (await error.isVisible().catch(() => false)) throw new Error(`refused: ${await error.innerText()}`);
  return ok.innerText();
}

/** The error a form shows after it was submitted (the refusal, in the user's words). */
export async function refusal(form: Locator): Promise<string> {
  const error = form.locator('.form-message.notice-error');
  await error.waitFor();
  return error.innerText();
}

/**
 * The confirmation a decision asks for (web/assets/js/confirm.js): waits for it, returns its text and confirms.
 */
export async function confirm(page: Page): Promise<string> {
  const dialog = page.getByTestId('confirm');
  await dialog.waitFor();
  const text = await dialog.innerText();
  await dialog.locator('.actions button').last().click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

/** Submits a form and confirms the decision when the console asks for a confirmation first. */
export async function submit(page: Page, form: Locator): Promise<void> {
  await form.locator('button[type="submit"]').click();
  const dialog = page.getByTestId('confirm');
  const settled = page.getByTestId('flash').or(form.locator('.form-message:not([hidden])'));
  await dialog.or(settled).first().waitFor();
  if (await dialog.isVisible().catch(() => false)) await confirm(page);
}

/** The console on an app started with extra environment (e.g. DECISION_STEPS_FILE for decisions recorded by the district). */
export async function startConsoleWith(env: Record<string, string>, opts: TestAppOptions = {}): Promise<Console> {
  const target = databaseTargets().find((d) => d.name === 'embedded')!;
  const t = await startTestApp(target, env, opts);
  return consoleOn(t);
}

/** One Chromium on a started app (startConsole does the same for an app with the default environment). */
async function consoleOn(t: TestApp): Promise<Console> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
  const pages = new Map<string, Page>();
  return {
    t,
    base,
    browser,
    async as(username) {
      let page = pages.get(username);
      if (!page) {
        page = await (await newContext(browser, base)).newPage();
        await login(page, base, username);
        pages.set(username, page);
      }
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await t.close();
    },
  };
}
