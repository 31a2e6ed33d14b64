import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { FilingService } from '../../src/documents/filing.service';
import { registerPlot, send } from '../factories/plots';
import { confirm, describeInBrowser, login, newContext, screenshot, startConsole, type Console } from './harness';

/**
 * The console pages that were missing (issue 22 point 9), in Chromium: the D14 annual report, the audit-chain check,
 * the administrator's change log and the registers' exports to Excel. Screenshots in test-artifacts/screenshots/v2-*.
 */
describeInBrowser('console v2: the missing pages (issue 22 point 9) [embedded]', () => {
  let c: Console;
  let plotId: string;

  beforeAll(async () => {
    c = await startConsole();
    const plot = await registerPlot(c.t);
    plotId = plot.id;
    await send(c.t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: c.t.demo.organisations.consultant, work: 'investigation' });
    await c.t.app.get(FilingService).drain();
  });
  afterAll(() => c?.close());

  const visibleText = (page: Awaited<ReturnType<Console['as']>>) => page.locator('main').innerText();

  it('年度报告 (D14, 土壤法第五十八条): the environment bureau picks the year, reads the figures, issues after a confirmation and downloads the PDF', async () => {
    const page = await c.as('eeb');
    await page.getByRole('link', { name: '年度报告', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '年度工作进展报告' }).waitFor();
    const year = String(new Date().getFullYear());
    await page.getByTestId('annual-year').selectOption(year);
    await page.getByRole('heading', { name: '各阶段地块数（年末）' }).waitFor();
    expect(await visibleText(page)).toContain('疑似污染地块');
    await page.getByTestId('annual-issue').click();
    const question = await confirm(page);
    expect(question).toContain(`${year} 年度`);
    expect(question).toContain('出具后');
    const issued = page.getByTestId('annual-issued');
    await issued.waitFor();
    expect(await issued.innerText()).toMatch(/已出具：.+〔\d{4}〕\d+号/);
    await screenshot(page, 'v2-annual-report');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-pdf').click()]);
    expect(readFileSync((await file.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    // A second report of the same year is refused in words.
    await page.getByTestId('annual-issue').click();
    await confirm(page);
    await page.getByText(/不能重复出具/).waitFor();
  });

  it('年度报告: the land bureau reads the figures but does not issue; a holder has no such page in the navigation', async () => {
    const land = await c.as('land');
    await land.getByRole('link', { name: '年度报告', exact: true }).click();
    await land.getByRole('heading', { name: '各阶段地块数（年末）' }).waitFor();
    expect(await land.getByTestId('annual-issue').count()).toBe(0);
    const holder = await c.as('holder');
    await holder.goto(`${c.base}/app/`);
    await holder.getByRole('heading', { level: 1, name: '待办事项' }).waitFor();
    expect(await holder.getByRole('link', { name: '年度报告', exact: true }).count()).toBe(0);
    expect(await holder.getByRole('link', { name: '审计链核验', exact: true }).count()).toBe(0);
  });

  it('变更记录: every change an administrator makes — a user created, a holiday calendar entered — in words, paged', async () => {
    const headers = await c.t.as('admin');
    const created = await fetch(`${c.base}/admin/users`, {
      method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'changelog1', displayName: '变更测试员', role: 'eeb', organisationId: c.t.demo.organisations.eeb, password: 'Change-log-2026!' }),
    });
    expect(created.status).toBe(201);
    const tsv = readFileSync(`${__dirname}/../../reference/cn-workdays-2026.tsv`, 'utf8');
    const put = await fetch(`${c.base}/admin/calendar/2026`, {
      method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ tsv, source: '国办发明电〔2025〕7号' }),
    });
    expect(put.status).toBe(200);
    const log = (await (await fetch(`${c.base}/admin/change-log?page=1&pageSize=50`, { headers })).json()) as { items: Array<Record<string, unknown>> };
    expect(log.items[0]).toMatchObject({ action: '修改', entity: '工作日历', subject: '2026 年', actor: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(log.items[1]).toMatchObject({ action: '新增', entity: '用户', subject: '变更测试员' });
    expect(JSON.stringify(log)).not.toContain('Change-log-2026!');
    expect((await fetch(`${c.base}/admin/change-log?pageSize=500`, { headers })).status).toBe(400);
    expect((await fetch(`${c.base}/admin/change-log`, { headers: await c.t.as('eeb') })).status).toBe(403);

    const page = await c.as('admin');
    await page.getByRole('link', { name: '系统管理', exact: true }).click();
    await page.getByRole('link', { name: '变更记录', exact: true }).click();
    await page.getByTestId('change-log-total').waitFor();
    const text = await visibleText(page);
    expect(text).toContain('修改工作日历');
    expect(text).toContain('新增用户');
    expect(text).toContain('角色：生态环境主管部门');
    expect(text).not.toMatch(/\b(create|update|calendar|user|organisationId|displayName)\b/);
    await screenshot(page, 'v2-change-log');
  });

  it('名录 exports (风险管控和修复名录, 疑似污染地块名单) download as xlsx from the bureau page and read back', async () => {
    const page = await c.as('eeb');
    await page.getByRole('link', { name: '名录', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '名录' }).waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-suspected').click()]);
    expect(file.suggestedFilename()).toBe('疑似污染地块名单.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('疑似污染地块名单');
    expect(sheet.getRow(1).getCell(1).text).toBe('编码');
    expect(sheet.rowCount).toBeGreaterThan(1);
    await page.getByText('已导出疑似污染地块名单。').waitFor();
    const [listed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-listed').click()]);
    expect(listed.suggestedFilename()).toBe('风险管控和修复名录.xlsx');
    await screenshot(page, 'v2-registers-export');
  });

  it('the new pages fit a 390 px wide phone: no sideways scrolling (issue 22: every page works at 390 px)', async () => {
    const context = await newContext(c.browser, c.base, 390);
    const page = await context.newPage();
    await login(page, c.base, 'eeb');
    for (const [path, heading] of [['/app/annual-report', '年度工作进展报告'], ['/app/audit-check', '审计链核验'], ['/app/registers', '名录']]) {
      await page.goto(`${c.base}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
      expect({ path, overflow: overflow <= 1 }).toEqual({ path, overflow: true });
    }
    await screenshot(page, 'v2-registers-390');
    await page.goto(`${c.base}/app/annual-report`);
    await page.getByRole('heading', { name: '各阶段地块数（年末）' }).waitFor();
    await screenshot(page, 'v2-annual-report-390');
    await context.close();
  });

  it('审计链核验: the administrator checks every chain and reads 每条记录已核验; after a row is rewritten the page names 第 N 条', async () => {
    const page = await c.as('admin');
    await page.getByRole('link', { name: '审计链核验', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '审计链核验' }).waitFor();
    await page.getByTestId('audit-run').click();
    const result = page.getByTestId('audit-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('每条记录已核验，未发现改动');
    expect(await page.getByTestId('audit-progress').innerText()).toMatch(/核验完成，用时/);
    await screenshot(page, 'v2-audit-check-ok');

    // A tamperer with the database's superuser rewrites the second row of the plot without AUDIT_KEY.
    await c.t.ds.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`UPDATE audit_log SET payload = payload || '{"work":"remediation"}'::jsonb WHERE entity_id = $1 AND seq = 2`, [plotId]);
    });
    const bureau = await c.as('eeb');
    await bureau.getByRole('link', { name: '审计链核验', exact: true }).click();
    await bureau.getByTestId('audit-run').click();
    const broken = bureau.getByTestId('audit-result');
    await broken.waitFor();
    const text = await broken.innerText();
    expect(text).toContain('本辖区的审计链被改动');
    expect(text).toContain('地块的审计链第 2 条被改动');
    expect(text).not.toMatch(/\b(plot|seq|valid|firstBroken)\b/);
    await screenshot(bureau, 'v2-audit-check-broken');
  });
});
