import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { makePdf, samplesCsv, withEveryBasicItem, type SampleSpec } from '../factories/files';
import { fullLifecycle, runUntil, startJourney } from '../factories/lifecycle';
import { registerPlot, send, THREE_METALS } from '../factories/plots';
import { describeInBrowser, outcome, refusal, screenshot, screenshotOf, startConsole, type Console } from './harness';

/**
 * The console for evidence v2 (issue 17): the sample templates download from the upload form; a large sample
 * file uploads with a progress bar; the upload lists the GB 36600-2018 表1 basic items a preliminary
 * investigation misses; the screening shows pollutants without a standard value as 无标准值 (never a 0), the
 * plot's own value with its source, Table 2 items, and groundwater against GB/T 14848-2017 class III / IV;
 * the risk assessment's targets are entered row by row, with the server's refusal beside the row.
 */
describeInBrowser('console for evidence v2 in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  // Codes a person must never read: verdicts, field names, HTTP statuses.
  const CODES = /\b(no_data|below_screening|above_screening|above_intervention|within_class3|above_class3|above_class4|noStandardValue|missingRequiredItems|missingItemsReason|groundwater|HTTP \d{3})\b/;

  const watched = new WeakSet<Page>();
  function watch(page: Page) {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // The connection this test cuts on purpose is the only failed load allowed.
      if (m.type() === 'error' && !/status of 4\d\d|ERR_CONNECTION_RESET/.test(m.text())) errors.push(m.text());
    });
  }

  async function openPlot(as: string, plotId: string): Promise<Page> {
    const page = await c.as(as);
    watch(page);
    await page.goto(`${c.base}/app/plots/${plotId}`);
    await page.locator('.plot-state .stage-badge').waitFor();
    return page;
  }

  async function uploadForm(page: Page, kind: string): Promise<Locator> {
    const card = page.locator('.upload-card');
    await card.getByLabel('报告类型').selectOption(kind);
    const form = card.locator(`form[data-kind="${kind}"]`);
    await form.waitFor();
    return form;
  }

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  let plotId = '';

  it('the sample templates (.xlsx and .csv) download from the upload form; three metals list the 42 missing basic items of GB 36600-2018 表1', async () => {
    const plot = await registerPlot(c.t);
    plotId = plot.id;
    await send(c.t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: c.t.demo.organisations.consultant, work: 'investigation' });
    await send(c.t, 'holder', plotId, { type: 'START_INVESTIGATION' });
    const page = await openPlot('consultant', plotId);
    const form = await uploadForm(page, 'preliminary_investigation');
    const templates = form.getByTestId('sample-templates');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), templates.getByRole('link', { name: '下载 Excel 模板' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('样品数据模板.xlsx');
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), templates.getByRole('link', { name: '下载 CSV 模板' }).click()]);
    expect(csv.suggestedFilename()).toBe('样品数据模板.csv');
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain('样品编号');
    expect(csvText).toContain('地下水');
    expect(await form.getByLabel('未检测项目说明（可选）').count()).toBe(1);
    expect(await form.getByTestId('upload-progress').isVisible()).toBe(false);
    await screenshotOf(page.locator('.upload-card'), 'evidence-01-upload-form');

    await form.getByLabel('报告文件（PDF）').setInputFiles({ name: 'r.pdf', mimeType: 'application/pdf', buffer: await makePdf('three metals') });
    await form.getByLabel(/样品检测数据/).setInputFiles({ name: 'samples.csv', mimeType: 'text/csv', buffer: Buffer.from(samplesCsv(THREE_METALS)) });
    await form.locator('button[type="submit"]').click();
    const text = await outcome(page, form);
    expect(text).toContain('已上传初步调查报告');
    const missing = page.getByTestId('missing-items');
    expect(await missing.innerText()).toContain('缺少 GB 36600-2018 表1 的 42 项基本项目');
    expect(await missing.locator('li').count()).toBe(42);
    expect(await missing.innerText()).toContain('苯并[a]芘');
    expect(await missing.innerText()).toContain('未检测项目说明');
    await screenshotOf(page.getByTestId('flash'), 'evidence-02-missing-items');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
  });

  it('a large sample file uploads with a progress bar reaching 100 % (XMLHttpRequest upload progress); a broken connection is said in words', async () => {
    const page = await openPlot('consultant', plotId);
    const form = await uploadForm(page, 'preliminary_investigation');
    await page.route('**/plots/*/reports', (route) => route.abort('connectionreset'));
    await form.getByLabel('报告文件（PDF）').setInputFiles({ name: 'r.pdf', mimeType: 'application/pdf', buffer: await makePdf('cut') });
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain('上传中断：无法连接服务器，请检查网络后重新上传；报告未保存');
    expect(await form.getByTestId('upload-progress').innerText()).toContain('上传中断');
    await page.unroute('**/plots/*/reports');
    const rows: SampleSpec[] = withEveryBasicItem([
      { analyte: '砷', value: 9.5 },
      { analyte: '氟化物', value: 2400 },
      { analyte: '石油烃（C10-C40）', value: 5000 },
      { sample: 'GW1', analyte: '砷', value: 20, unit: 'μg/L', medium: 'groundwater' },
    ]);
    for (let i = 0; i < 40_000; i++) rows.push({ sample: `P${i}`, analyte: '铅', value: 20 + (i % 50), depth: 0.5 + (i % 5) });
    const file = Buffer.from(samplesCsv(rows));
    expect(file.length).toBeGreaterThan(1.5 * 1024 * 1024);
    await form.getByLabel('报告文件（PDF）').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: await makePdf('big samples') });
    await form.getByLabel(/样品检测数据/).setInputFiles({ name: 'samples.csv', mimeType: 'text/csv', buffer: file });
    await form.getByLabel('地下水是否受到污染（可选）').selectOption({ label: '地下水受到污染' });
    // Every value the bar takes, kept on the window (the page is drawn again after the upload).
    // (Run in the page; this project's compiler has no DOM types, hence the small ones here.)
    await form.locator('progress').evaluate((bar: { value: number }) => {
      type Observer = new (cb: () => void) => { observe(target: unknown, opts: { attributes: boolean }): void };
      const win = globalThis as unknown as { seen: number[]; MutationObserver: Observer };
      const seen: number[] = [];
      win.seen = seen;
      new win.MutationObserver(() => seen.push(Number(bar.value))).observe(bar, { attributes: true });
    });
    // A slow line, so that the bar is seen half way.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
    try {
      await form.locator('button[type="submit"]').click();
      const progress = form.getByTestId('upload-progress');
      await progress.waitFor();
      await page.waitForFunction(() => ((globalThis as { seen?: number[] }).seen ?? []).some((v) => v > 0 && v < 100), undefined, { timeout: 15_000 })
        .catch(() => undefined);
      const midway = await progress.innerText();
      expect(midway).toMatch(/\d+%/);
      await screenshotOf(form, 'evidence-03-upload-progress');
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
    const text = await outcome(page, form);
    expect(text).toContain(`样品 ${rows.length} 条`);
    expect(text).toContain('超过Ⅲ类限值（Ⅳ类）');
    const seen = await page.evaluate(() => (globalThis as { seen?: number[] }).seen ?? []);
    expect(seen.reduce((a, b) => Math.max(a, b), 0)).toBe(100);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    expect(await page.getByTestId('missing-items').count()).toBe(0);
  });

  it('GB 36600-2018 and GB/T 14848-2017 on the plot page: 氟化物 as 无标准值 (no 0), 石油烃(C10-C40) of 表2, the groundwater table by class III / IV; then the plot’s own value with its source', async () => {
    const reports = (await c.t.http.get(`/plots/${plotId}/reports`).set(await c.t.as('eeb')).expect(200)).body;
    const big = (Array.isArray(reports) ? reports : reports.items).find((r: { sampleCount: number }) => r.sampleCount > 40_000);
    await send(c.t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: big.id });
    const page = await openPlot('eeb', plotId);
    const screening = page.locator('#screening');
    const fluoride = screening.locator('tbody tr', { hasText: '氟化物' });
    expect(await fluoride.innerText()).toContain('无标准值');
    expect((await fluoride.locator('[data-label="筛选值 mg/kg"]').innerText()).trim()).toBe('无标准值');
    expect((await fluoride.locator('[data-label="管制值 mg/kg"]').innerText()).trim()).toBe('无标准值');
    expect(await fluoride.locator('[data-label="判定"]').innerText()).toBe('无标准值，未判定');
    expect(await screening.getByTestId('no-standard-note').innerText()).toContain('无标准值');
    const tph = screening.locator('tbody tr', { hasText: '石油烃(C10-C40)' });
    expect(await tph.locator('[data-label="判定"]').innerText()).toBe('超筛选值');
    const water = screening.getByTestId('groundwater-screening');
    expect(await water.locator('h3').innerText()).toBe('地下水（GB/T 14848-2017）');
    expect(await water.locator('thead').innerText()).toMatch(/标准值 Ⅲ类[\s\S]*标准值 Ⅳ类/);
    expect(await water.innerText()).toMatch(/地下水筛查结论：\s*超过Ⅲ类限值（Ⅳ类）/);
    const arsenic = water.locator('tbody tr', { hasText: '砷' });
    expect((await arsenic.locator('[data-label="最大值 mg/L"]').innerText()).trim()).toBe('0.02');
    expect((await arsenic.locator('[data-label="标准值 Ⅲ类 mg/L"]').innerText()).trim()).toBe('0.01');
    expect((await arsenic.locator('[data-label="标准值 Ⅳ类 mg/L"]').innerText()).trim()).toBe('0.05');
    expect(await arsenic.locator('[data-label="判定"]').innerText()).toBe('超Ⅲ类限值（Ⅳ类）');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshotOf(screening, 'evidence-04-screening');

    // The value the deciding bureau set for this plot, with its source (kept in the plot's context).
    const source = '郑州市上街区生态环境分局确定（风险评估报告）';
    const siteValue = { cas: '16984-48-8', name: '氟化物', medium: 'soil', value: 2000, unit: 'mg/kg', source };
    await c.t.ds.query(`UPDATE plots SET snapshot = jsonb_set(snapshot, '{context,siteValues}', $2::jsonb) WHERE id = $1`, [plotId, JSON.stringify([siteValue])]);
    await page.reload();
    const judged = page.locator('#screening tbody tr', { hasText: '氟化物' });
    await judged.waitFor();
    expect(await judged.innerText()).toContain(`按地块确定的限值 2,000 mg/kg 筛选；来源：${source}`);
    expect(await judged.locator('[data-label="筛选值 mg/kg"]').innerText()).toContain('2,000');
    expect(await judged.locator('[data-label="判定"]').innerText()).toBe('超地块限值');
    await screenshotOf(page.locator('#screening'), 'evidence-05-screening-site-value');
  });

  it('HJ 25.3 / HJ 25.4: the risk assessment’s targets entered row by row (污染物, 类别, 目标值, 单位) with area and volume; an unknown pollutant is refused beside its row', async () => {
    const j = await startJourney(c.t);
    await runUntil(c.t, j, fullLifecycle(c.t), 'SUBMIT_REPORT', 3);
    const page = await openPlot('consultant', j.plotId);
    const form = await uploadForm(page, 'risk_assessment');
    await form.getByLabel('报告文件（PDF）').setInputFiles({ name: 'ra.pdf', mimeType: 'application/pdf', buffer: await makePdf('risk assessment') });
    await form.getByLabel('风险不可接受').check();
    const row = (i: number) => form.locator(`.target-row[data-row="${i}"]`);
    await row(0).getByLabel('污染物', { exact: true }).fill('砷');
    await row(0).getByLabel('目标值').fill('20');
    await form.getByRole('button', { name: '增加一项' }).click();
    await row(1).getByLabel('污染物', { exact: true }).fill('火星土');
    await row(1).getByLabel('类别').selectOption('风险控制值');
    await row(1).getByLabel('目标值').fill('1');
    await form.getByLabel(/需修复或管控的面积/).fill('1200');
    await form.getByLabel(/需修复或管控的土方量/).fill('3600');
    await form.locator('button[type="submit"]').click();
    const refused = await refusal(form);
    expect(refused).toContain('第 2 项目标值 · 污染物');
    expect(refused).toContain('火星土');
    expect(refused).toContain('请求内容有误，共 1 处');
    expect(refused).not.toMatch(/conclusion\.|targets|analyte/);
    expect(await form.getByTestId('upload-progress').getByRole('button', { name: '取消上传' }).isVisible()).toBe(false);
    expect(await row(1).locator('.field-error').first().isVisible()).toBe(true);
    await screenshotOf(form, 'evidence-06-targets-refused');
    await row(1).getByLabel('污染物', { exact: true }).fill('氟化物');
    await form.locator('button[type="submit"]').click();
    expect(await outcome(page, form)).toContain('已上传风险评估报告');
    const list = (await c.t.http.get(`/plots/${j.plotId}/reports`).set(await c.t.as('eeb')).expect(200)).body;
    const assessments = (Array.isArray(list) ? list : list.items).filter((r: { kind: string }) => r.kind === 'risk_assessment');
    const mine = assessments.find((r: { conclusion: { areaM2?: number } }) => r.conclusion?.areaM2 === 1200);
    expect(mine.conclusion).toMatchObject({
      riskAcceptable: false,
      areaM2: 1200,
      volumeM3: 3600,
      targets: [
        { analyte: '砷', cas: '7440-38-2', kind: '修复目标值', value: 20, medium: 'soil' },
        { analyte: '氟化物', kind: '风险控制值', value: 1, medium: 'soil' },
      ],
    });
    await screenshot(page, 'evidence-07-risk-assessment-uploaded');
  });
});
