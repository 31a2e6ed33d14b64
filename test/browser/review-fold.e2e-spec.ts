import type { Page } from 'playwright-core';
import { fullLifecycle, runUntil, startJourney } from '../factories/lifecycle';
import { describeInBrowser, screenshot, screenshotOf, startConsole, type Console } from './harness';

/**
 * The reviewer's page with a full GB 36600-2018 Table 1 sample set (issue 22 point 4, the leftover of the last round):
 * 45 screening rows made the review page 10,771 px tall at 1280 px. The exceedances and the other detected analytes stay
 * in the open, the exceedances first; the analytes not detected in any sample fold behind a count; the verdict stays.
 */
describeInBrowser('the screening table folded on the reviewer’s page [embedded]', () => {
  let c: Console;
  const errors: string[] = [];

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());

  async function height(page: Page): Promise<number> {
    return page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
  }

  it('issue 22 point 4, GB 36600-2018 表1 45 项基本项目: exceedances first and in the open, the not-detected items folded behind a count, the verdict visible; the page is shorter', async () => {
    const j = await startJourney(c.t);
    await runUntil(c.t, j, fullLifecycle(c.t), 'APPROVE');
    const page = await c.as('eeb');
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    await page.locator('.plot-state .stage-badge').waitFor();
    const screening = page.locator('#screening');
    await screening.waitFor();
    // The verdict line is not folded.
    const verdict = screening.locator('.screening-verdict').first();
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.innerText()).toContain('超过筛选值');
    const folded = screening.getByTestId('screening-folded');
    const summary = await folded.locator('summary').innerText();
    const m = /^其余 (\d+) 项均未检出，展开查看$/.exec(summary.trim());
    expect(m).not.toBeNull();
    const nFolded = Number(m![1]);
    const openRows = screening.locator('.table-wrap').first().locator('tbody tr');
    const nOpen = await openRows.count();
    // Every Table 1 basic item is in one of the two tables.
    expect(nOpen + nFolded).toBeGreaterThanOrEqual(45);
    expect(nFolded).toBeGreaterThan(30);
    // The first row in the open is an exceedance, and it is visible; the folded rows are hidden and read 未检出.
    expect(await openRows.first().getAttribute('class')).toMatch(/row-(bad|warn)/);
    expect(await openRows.first().isVisible()).toBe(true);
    expect(await openRows.first().locator('.verdict').innerText()).toMatch(/超筛选值|超管制值/);
    const hidden = folded.locator('tbody tr');
    expect(await hidden.count()).toBe(nFolded);
    expect(await hidden.first().isVisible()).toBe(false);
    const foldedHeight = await height(page);
    await screenshot(page, 'review-fold-01-folded');
    await screenshotOf(screening, 'review-fold-02-screening-folded');
    // Opened, every row is there again: the height the page had before the fold.
    await folded.locator('summary').click();
    expect(await hidden.first().isVisible()).toBe(true);
    expect(new Set(await folded.locator('tbody .verdict').allInnerTexts())).toEqual(new Set(['未检出']));
    const openHeight = await height(page);
    await screenshotOf(screening, 'review-fold-03-screening-opened');
    process.stdout.write(`\n[review-fold] page height at 1280 px: ${openHeight} px with every row, ${foldedHeight} px folded (${nOpen} rows open, ${nFolded} folded)\n`);
    expect(foldedHeight).toBeLessThan(openHeight);
    // The reports table's download button (report-card.js's builder): the report's file comes.
    const reports = page.locator('table').filter({ has: page.locator('caption', { hasText: /^报告$/ }) }).first();
    const [file] = await Promise.all([page.waitForEvent('download'), reports.getByRole('button', { name: '下载' }).first().click()]);
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    expect(errors).toEqual([]);
  });
});
