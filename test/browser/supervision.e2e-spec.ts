import type { Page } from 'playwright-core';
import { registerPlot, send } from '../factories/plots';
import { FakeClock } from '../helpers/fake-clock';
import { confirm, describeInBrowser, screenshot, startConsole, type Console } from './harness';

/**
 * Issue 22 points 2, 3 and 5 in Chromium: the district bureau's 监督 page lists a holder's duty 11 days overdue with no
 * sweep run, urges it through the dialog and a confirmation; the holder's bell counts the 催办, the notification list
 * links to the plot and marks it read; the to-do names the task and shows 已办; the plot list shows the deadline column,
 * the stage figures and the export button. Every page's text is read for codes and English.
 */
describeInBrowser('console: supervision, 催办, the notification bell, 已办 and the plot list [embedded]', () => {
  let c: Console;
  const clock = new FakeClock('2026-03-02');
  const errors: string[] = [];
  let plotId = '';
  let plotCode = '';

  const CODES = /\b(investigation_notice|overdue|urge|supervise|holder|bureau|keyUnit|suspected|URGE_DUTY|HTTP \d{3}|undefined|null|NaN|Invalid Date)\b/;
  const ENGLISH = /\b(?!(?:PDF|SHA|CSV|Excel|xlsx|GeoJSON|GB|HJ)\b)[A-Za-z]{3,}\b/;

  async function readText(page: Page) {
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(CODES);
    expect(text).not.toMatch(ENGLISH);
    return text;
  }

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

  beforeAll(async () => {
    c = await startConsole({ clock });
    const plot = await registerPlot(c.t);
    plotId = plot.id;
    plotCode = plot.code;
    await send(c.t, 'eeb', plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-03-10' });
    clock.at('2026-03-21');
  });
  afterAll(() => c?.close());

  it('the bureau’s 监督 page shows the duty 11 days overdue and sends a 催办 after a confirmation naming the party', async () => {
    const page = await as('eeb');
    await page.getByRole('link', { name: '监督' }).click();
    await page.getByRole('heading', { level: 1, name: '监督' }).waitFor();
    const row = page.locator('tbody tr', { hasText: plotCode });
    await row.waitFor();
    expect(await row.getByTestId('days').innerText()).toBe('已逾期 11 日');
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    await readText(page);
    await screenshot(page, 'supervision-list');
    await row.getByRole('button', { name: '催办、督办' }).click();
    const dialog = page.getByTestId('urge-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('方式').selectOption('催办');
    await dialog.getByLabel('内容').fill('请于三日内启动土壤污染状况调查');
    await screenshot(page, 'supervision-urge-dialog');
    await dialog.getByRole('button', { name: '下一步' }).click();
    const text = await confirm(page);
    expect(text).toContain('催办后：系统向土地使用权人');
    await page.locator('.notice-ok', { hasText: '已向' }).waitFor();
    await page.locator('tbody tr', { hasText: plotCode }).locator('td', { hasText: '2026-03-21' }).first().waitFor();
  });

  it('the holder’s bell counts the 催办; the list links to the plot and marks it read', async () => {
    const page = await as('holder');
    await page.goto(`${c.base}/app/`);
    const bell = page.getByTestId('bell');
    await bell.locator('.bell-count', { hasText: '1' }).waitFor();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: '通知' }).waitFor();
    const item = page.getByTestId('notification').filter({ hasText: '【催办】' });
    expect(await item.getAttribute('data-read')).toBe('false');
    await readText(page);
    await screenshot(page, 'notifications-list');
    await item.getByRole('link').click();
    await page.waitForURL(`**/app/plots/${plotId}`);
    // The bell of the plot's page re-reads the count once the notification is marked read.
    for (let i = 0; i < 100 && (await bell.getAttribute('aria-label')) !== '通知，没有未读'; i++) await page.waitForTimeout(100);
    expect(await bell.getAttribute('aria-label')).toBe('通知，没有未读');
    expect(await bell.locator('.bell-count').textContent()).toBe('');
  });

  it('the to-do names the task and lists 已办; the plot list shows the nearest deadline, the stage figures and the export', async () => {
    const page = await as('eeb');
    await page.goto(`${c.base}/app/`);
    const done = page.getByTestId('done');
    await done.locator('tbody tr').first().waitFor();
    expect(await done.innerText()).toContain('下达调查通知');
    await readText(page);
    await screenshot(page, 'todo-done');
    await page.goto(`${c.base}/app/plots?overdue=true`);
    const row = page.locator('tbody tr', { hasText: plotCode });
    await row.waitFor();
    expect(await row.innerText()).toContain('已逾期 11 日');
    await page.getByTestId('stage-stats').locator('a', { hasText: '疑似污染地块' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await readText(page);
    await screenshot(page, 'plots-deadlines');
    expect(errors).toEqual([]);
  });
});
