import { FilingService } from '../../src/documents/filing.service';
import { registerPlot, send } from '../factories/plots';
import { describeInBrowser, screenshot, startConsole, type Console } from './harness';
import { findIdentifiers } from './identifiers';

/**
 * 审计链核验 of one plot (issue 22 point 9): the plot page's link opens the page with that plot chosen and checks at
 * once; the picker finds another plot by its code and checks it; a tampered row of plot A is named, plot B verifies.
 */
describeInBrowser('the audit check of one plot in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());

  async function plotWithHistory() {
    const plot = await registerPlot(c.t);
    await send(c.t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: c.t.demo.organisations.consultant, work: 'investigation' });
    await send(c.t, 'eeb', plot.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-30' });
    await c.t.app.get(FilingService).drain();
    return plot as { id: string; code: string };
  }

  it('hardening #5 审计链防篡改: plot A’s rewritten row is named by the check of A; plot B, picked by its code, verifies', async () => {
    const a = await plotWithHistory();
    const b = await plotWithHistory();
    await c.t.ds.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`UPDATE audit_log SET payload = payload || '{"work":"remediation"}'::jsonb WHERE entity_id = $1 AND seq = 2`, [a.id]);
    });
    const page = await c.as('eeb');
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${c.base}/app/audit-check?plotId=${a.id}`);
    const result = page.getByTestId('audit-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('本地块（含其转运批次）的审计链被改动');
    expect(text).toContain('地块的审计链第 2 条被改动');
    expect(await page.getByTestId('audit-target').innerText()).toContain(a.code);
    expect(await page.getByTestId('audit-progress').innerText()).toMatch(/核验完成，用时(不到 0\.1| \d+\.\d) 秒/);
    await screenshot(page, 'audit-one-01-plot-broken');

    await page.getByLabel('查找地块').fill(b.code);
    await page.getByRole('button', { name: '查找' }).click();
    await page.locator('[data-testid="audit-plot"] option', { hasText: b.code }).waitFor({ state: 'attached' });
    await page.getByTestId('audit-run').click();
    await page.getByTestId('audit-target').filter({ hasText: b.code }).waitFor();
    expect(await page.getByTestId('audit-result').innerText()).toContain('本地块（含其转运批次）的审计链完好');
    await screenshot(page, 'audit-one-02-plot-ok');
    // The plot codes are data (typed at registration).
    expect(findIdentifiers([await page.locator('main').innerText()], [a.code, b.code])).toEqual([]);
    // Without a plot in the address the whole scope is chosen and no plot search is shown.
    await page.goto(`${c.base}/app/audit-check`);
    await page.getByTestId('audit-run').waitFor();
    expect(await page.getByLabel('查找地块').isVisible()).toBe(false);
    expect(await page.getByTestId('audit-run').innerText()).toBe('核验本辖区审计链');
    await screenshot(page, 'audit-one-03-scope');
    expect(errors).toEqual([]);
  });
});
