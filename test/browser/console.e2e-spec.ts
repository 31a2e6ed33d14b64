import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_ORGANISATIONS } from '../../src/demo/demo-directory';
import { makePdf, samplesCsv } from '../factories/files';
import { CLEAN, CONTAMINATED } from '../factories/plots';
import { FakeClock } from '../helpers/fake-clock';
import { describeInBrowser, login, newContext, outcome, refusal, screenshot, screenshotOf, startConsole, type Console } from './harness';
import { PlotDriver } from './plot-driver';

/**
 * The web console in Debian's Chromium: one plot goes from suspected to released on plot-lifecycle v2 entirely
 * through the console's forms, as the demo users (the district, the province after 报送, the experts of each
 * panel, the holder), with the uploads made from files created here; the server's clock is moved for the
 * periods the law counts. The pages that need no plot are console-pages.e2e-spec.ts.
 */
describeInBrowser('web console in a real browser [embedded]', () => {
  let c: Console;
  let plot: PlotDriver;
  const code = `WEB-${Date.now().toString(36).toUpperCase()}`;
  const orgName = (key: string) => DEMO_ORGANISATIONS.find((o) => o.key === key)!.name;
  // The server's clock (lead times, dispatch dates); the pages show server times in China Standard Time.
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    c = await startConsole({ clock });
    plot = new PlotDriver(c, code);
  });
  afterAll(() => c?.close());

  it('eeb registers a plot: the form checks before sending, then the plot page opens', async () => {
    const page = await c.as('eeb');
    await page.getByRole('link', { name: '登记地块' }).click();
    const form = page.getByTestId('register-plot');
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain('请先更正');
    expect(await form.locator('[data-field="code"] .field-error').innerText()).toBe('必填');
    await form.getByLabel('地块编码').fill(code);
    await form.getByLabel('地块名称').fill('原某铝厂电解车间地块（浏览器测试）');
    await form.getByLabel('地址').fill('郑州市上街区中心路 1 号');
    await form.getByLabel('占地面积（平方米）').fill('52000');
    await form.getByLabel('原行业').fill('铝冶炼');
    await form.getByLabel('现状用途').fill('工业用地（停产）');
    await form.getByLabel('规划用途').fill('住宅');
    await form.getByLabel('土地使用权人').selectOption({ label: orgName('holder') });
    await form.getByLabel(/地块边界/).fill('{"type":"Point"}');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-field="boundary"] .field-error').innerText()).toContain('Polygon');
    await form.getByLabel(/地块边界/).fill('');
    await form.locator('button[type="submit"]').click();
    await plot.heading(page);
    plot.id = /\/app\/plots\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await plot.stateOf(page)).toBe('疑似污染地块');
    expect(await page.getByTestId('flash').innerText()).toContain('已登记');
  });

  it('the holder finds the new plot in its to-do list and on the plot list, filtered by stage and text', async () => {
    const page = await c.as('holder');
    await page.goto(`${c.base}/app/`);
    // The to-do table only: the 已办 list below it names the plot too once the user has acted on it.
    const row = page.getByTestId('todo').locator('tr', { hasText: code });
    await row.waitFor();
    expect(await row.innerText()).toContain('委托第三方机构');
    await screenshot(page, '02-todo-holder');
    await page.goto(`${c.base}/app/plots`);
    await page.getByLabel('阶段', { exact: true }).selectOption('suspected');
    await page.getByLabel('搜索').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/stage=suspected/);
    await page.locator('tbody tr', { hasText: code }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('阶段', { exact: true }).selectOption('released');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有符合条件的地块。').waitFor();
  });

  it('suspected → investigation: notice (eeb), commission and start (holder)', async () => {
    await plot.act('eeb', 'ISSUE_INVESTIGATION_NOTICE', (f) => f.getByLabel('调查完成期限').fill('2026-12-31'));
    await plot.act('holder', 'ASSIGN_CONSULTANT', async (f) => {
      await f.getByLabel('受委托机构').selectOption({ label: orgName('consultant') });
      await f.getByLabel('委托事项').selectOption('investigation');
    });
    const page = await plot.act('holder', 'START_INVESTIGATION');
    expect(await plot.stateOf(page)).toBe('初步调查 · 编制报告');
  });

  it('preliminary investigation: upload with samples, submit, expert panel (环办土壤〔2019〕63号), joint review decides from the screening', async () => {
    const bad = await plot.open('consultant');
    const card = bad.locator('.upload-card');
    await card.getByLabel('报告类型').selectOption('preliminary_investigation');
    const form = card.locator('form[data-kind="preliminary_investigation"]');
    await form.getByLabel('报告文件（PDF）').setInputFiles({ name: 'r.pdf', mimeType: 'application/pdf', buffer: await makePdf('x') });
    await form.getByLabel(/样品检测数据/).setInputFiles({
      name: 'bad.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`${samplesCsv([{ analyte: '砷', value: 12 }])}S2,113.3,34.8,0.5,不存在的物质,1,mg/kg,0.01\n`),
    });
    await form.locator('button[type="submit"]').click();
    const text = await refusal(form);
    expect(text).toContain('第 3 行');

    const { text: uploaded } = await plot.upload('consultant', 'preliminary_investigation', { samples: CONTAMINATED });
    expect(uploaded).toContain('超过筛选值');
    await plot.act('consultant', 'SUBMIT_REPORT');
    const eebPage = await c.as('eeb');
    await eebPage.goto(`${c.base}/app/`);
    // v2: the district organises the expert review first; the decision follows the panel's conclusion.
    expect(await eebPage.getByTestId('todo').locator('tr', { hasText: code }).innerText()).toContain('组织专家评审');
    const concluded = await plot.expertPanel('eeb');
    expect(await concluded.locator('form[data-event="APPROVE"]').count()).toBe(1);
    await screenshotOf(concluded.locator('#actions'), '04-review-round-concluded');
    await eebPage.goto(`${c.base}/app/`);
    expect(await eebPage.getByTestId('todo').locator('tr', { hasText: code }).innerText()).toContain('审查初步调查报告');
    await plot.approve('eeb', '同意，样品超过筛选值，需开展详细调查');
    const page = await plot.approve('land', '同意');
    expect(await plot.stateOf(page)).toBe('详细调查 · 编制报告');
    const arsenic = page.locator('#screening tbody tr', { hasText: '砷' });
    expect(await arsenic.getAttribute('class')).toContain('row-');
    expect(await arsenic.innerText()).toContain('超筛选值');
  });

  it('detailed investigation and risk assessment lead to the register (土壤法第六十条: the district forwards, the province reviews and lists)', async () => {
    await plot.upload('consultant', 'detailed_investigation', { samples: CONTAMINATED });
    await plot.act('consultant', 'SUBMIT_REPORT');
    await plot.expertPanel('eeb');
    await plot.approve('land', '同意');
    let page = await plot.approve('eeb', '同意');
    expect(await plot.stateOf(page)).toBe('风险评估 · 编制报告');
    await plot.act('holder', 'ASSIGN_CONSULTANT', async (f) => {
      await f.getByLabel('受委托机构').selectOption({ label: orgName('consultant') });
      await f.getByLabel('委托事项').selectOption('riskAssessment');
    });
    await plot.upload('consultant', 'risk_assessment', {
      conclusion: async (f) => {
        await f.getByLabel('风险不可接受').check();
        await f.getByLabel(/主要污染物/).fill('砷、铅');
      },
    });
    await plot.act('consultant', 'SUBMIT_REPORT');
    // Before v2 the district approved the risk assessment; by law (土壤法第六十条、第六十一条) the provincial
    // 生态环境 bureau 会同 自然资源 reviews it and lists the plot: the district is offered 报送, not a decision.
    const district = await plot.open('eeb');
    expect(await district.locator('form[data-event="APPROVE"]').count()).toBe(0);
    await plot.forward('eeb', '报送省生态环境厅评审');
    await plot.expertPanel('eeb-prov');
    await plot.approve('eeb-prov', '风险不可接受，纳入名录');
    page = await plot.approve('land-prov', '同意纳入名录');
    expect(await plot.stateOf(page)).toBe('纳入名录 · 优先控制名录');
  });

  it('land sees the plot on the registers and the land-use check refuses housing on a listed plot', async () => {
    const page = await c.as('land');
    await page.getByRole('link', { name: '名录与用地核查' }).click();
    await page.locator('tbody tr', { hasText: code }).first().waitFor();
    const check = page.getByTestId('land-use-check');
    const plotOption = await check.locator('option', { hasText: code }).getAttribute('value');
    await check.getByLabel('地块').selectOption(plotOption!);
    await check.getByLabel('拟供应用途').fill('住宅');
    await check.locator('button[type="submit"]').click();
    const result = page.getByTestId('land-use-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('不得供应为“住宅”');
    await screenshot(page, '09-registers-land');
  });

  it('priority, remediation plan, works with the notice board, completion', async () => {
    const priority = await plot.act('land', 'SET_PRIORITY', async (f) => {
      await f.getByLabel('优先控制次序').fill('1');
      await f.getByLabel('教育用地').check();
    });
    expect(await plot.stateOf(priority)).toBe('待报送方案');
    await plot.upload('holder', 'remediation_plan', { conclusion: (f) => f.getByLabel(/管控或修复目标/).fill('砷 ≤ 20 mg/kg') });
    await plot.act('holder', 'FILE_REMEDIATION_PLAN');
    await plot.act('eeb', 'ACKNOWLEDGE_FILING');
    const works = await plot.act('holder', 'START_WORKS', async (f) => {
      await f.getByLabel('工程名称').fill('原铝厂地块土壤修复工程');
      await f.getByLabel('施工单位').selectOption({ label: orgName('contractor') });
      await f.getByLabel('修复措施').fill('异位固化稳定化');
      await f.getByLabel('联系方式').fill('0371-00000000');
      // The server's day: 修复完工 asks for a completion date no earlier than this.
      await f.getByLabel('开工日期').fill('2026-07-01');
      await f.getByLabel('计划完工日期').fill('2027-06-30');
    });
    expect(await plot.stateOf(works)).toBe('治理与修复 · 施工中');
  });

  it('土壤法第四十一条: a soil transport is reported, acknowledged by both districts, dispatched and received before works complete', async () => {
    const page = await plot.open('holder');
    const open = page.getByTestId('open-transport');
    await open.locator('button[type="submit"]').click();
    expect(await outcome(page, open)).toContain('已新建转运批次');
    await plot.transport('holder', 'SUBMIT', async (f) => {
      await f.getByLabel('计划开始日期').fill('2026-07-13');
      await f.getByLabel('运输方式').fill('密闭厢式货车');
      await f.getByLabel('运输路线').fill('上街区 → 连霍高速 → 荥阳市');
      await f.getByLabel('承运单位').fill('某运输有限公司');
      await f.getByLabel(/车辆号牌/).fill('豫A·12345，豫A·67890');
      await f.getByLabel('转运量（吨）').fill('120');
      await f.getByLabel('接收单位（设施）').fill('荥阳市某水泥窑协同处置厂');
      await f.getByLabel('接收地行政区划代码').fill('410182');
      await f.getByLabel('最终处置方式').fill('水泥窑协同处置');
      await f.getByLabel('否', { exact: true }).check();
    });
    const waiting = await plot.open('holder');
    expect(await waiting.locator('form[data-event="COMPLETE_WORKS"]').count()).toBe(0);
    expect(await waiting.getByTestId('open-transports-note').innerText()).toContain('土壤法第四十一条');
    await plot.transport('eeb', 'ACKNOWLEDGE');
    // The destination bureau acts on the batch from its own page; the plot it comes from stays closed to it.
    const destination = await plot.transportFromTodo('eeb-xy', 'ACKNOWLEDGE');
    expect(await destination.locator('#facts').innerText()).toContain(plot.code);
    expect(await destination.locator('#documents').innerText()).toContain('污染土壤转运报告');
    await screenshotOf(destination.locator('main'), '04-transport-destination');
    await destination.goto(`${c.base}/app/plots/${plot.id}`);
    await destination.locator('main .notice-error').first().waitFor();
    clock.at('2026-07-13');
    await plot.transport('holder', 'DISPATCH', async (f) => {
      await f.getByLabel('联单号').fill('HW-2026-000123');
      await f.getByLabel('发运量（吨）').fill('120');
    });
    await plot.upload('holder', 'transport_receipt', { conclusion: (f) => f.getByLabel(/接收量/).fill('119') });
    const received = await plot.transport('holder', 'RECORD_RECEIPT', async (f) => {
      await f.getByLabel('接收量（吨）').fill('119');
      await f.getByLabel(/接收证明/).selectOption({ index: 1 });
    });
    expect(await received.locator('#transports').innerText()).toContain('转运完成');
    await screenshotOf(received.locator('#transports'), '04-plot-transports');
    // 修复完工 records the day the works were completed (not before 开工日期, not after today): the server's day.
    const done = await plot.act('holder', 'COMPLETE_WORKS', (f) => f.getByLabel('完工日期').fill('2026-07-13'));
    expect(await plot.stateOf(done)).toBe('效果评估 · 编制报告');
  });

  it('土壤法第六十五条: the works contractor is not offered to the holder as effect evaluator, and the form says why', async () => {
    const page = await plot.open('holder');
    const form = page.locator('form[data-event="ASSIGN_CONSULTANT"]');
    const offered = await form.getByLabel('受委托机构').locator('option').allInnerTexts();
    expect(offered).not.toContain(orgName('contractor'));
    expect(offered).toContain(orgName('consultant2'));
    expect(await form.innerText()).toContain('本地块的修复施工单位和方案编制单位不在可选之列（土壤法第六十五条）');
    await screenshotOf(page.locator('article[data-event="ASSIGN_CONSULTANT"]'), '05-refusal-art65');
    await plot.act('holder', 'ASSIGN_CONSULTANT', async (f) => {
      await f.getByLabel('受委托机构').selectOption({ label: orgName('consultant2') });
      await f.getByLabel('委托事项').selectOption('effectEvaluation');
    });
  });

  it('effect evaluation by consultant2 with its expert panel, disclosed two months (42号令第二十五条), removal applied for, forwarded and approved jointly by the province (土壤法第六十六条), 公示期满: released', async () => {
    await plot.upload('consultant2', 'effect_evaluation', {
      samples: CLEAN,
      conclusion: async (f) => {
        await f.getByLabel('达到修复或管控目标').check();
        await f.getByLabel('准予的用地类别').selectOption('1');
      },
    });
    await plot.act('consultant2', 'SUBMIT_REPORT');
    await plot.expertPanel('eeb');
    let page = await plot.approve('eeb', '达到修复目标');
    expect(await plot.stateOf(page)).toBe('待申请移出名录');
    // The holder records the effect evaluation's disclosure on the server's day (the browser's own date may differ).
    const publishedOn = clock.now().toISOString().slice(0, 10);
    await plot.act('holder', 'RECORD_DISCLOSURE', async (f) => {
      await f.getByLabel('公开的报告').selectOption({ label: '效果评估报告' });
      await f.getByLabel('公开日期').fill(publishedOn);
      await f.getByLabel('公开场所或网址').fill('本单位网站 https://example.invalid/gongkai');
    });
    // Two months of disclosure before the removal can be applied for: not offered on the day of publication.
    page = await plot.open('holder');
    expect(await page.locator('form[data-event="APPLY_REMOVAL"]').count()).toBe(0);
    clock.at('2026-09-14');
    page = await plot.open('holder');
    await screenshotOf(page.locator('article[data-event="APPLY_REMOVAL"]'), '04-apply-removal');
    await plot.act('holder', 'APPLY_REMOVAL');
    // The district does not decide the removal: it forwards, the province decides jointly.
    const district = await plot.open('eeb');
    expect(await district.locator('form[data-event="APPROVE"]').count()).toBe(0);
    await plot.forward('eeb', '报送省生态环境厅审查');
    await plot.approve('eeb-prov', '同意移出');
    page = await plot.approve('land-prov', '准予按规划用途开发利用');
    expect(await plot.stateOf(page)).toBe('移出名录 · 公示中');
    expect(await page.locator('form[data-event="END_PUBLICITY"]').count()).toBe(0);
    // 公示期满 (reference/decision-steps.json: 7 days): the province makes the decision take effect.
    clock.at('2026-09-22');
    page = await plot.act('eeb-prov', 'END_PUBLICITY');
    expect(await plot.stateOf(page)).toBe('移出名录 · 准予按规划用途开发利用');
    expect(await page.locator('#actions').innerText()).toContain('没有需要');
    expect(await page.locator('.lc-current').getAttribute('data-state')).toBe('released');
    expect(await page.locator('.lc-visited[data-state="listed"]').count()).toBe(1);
    const items = page.locator('.timeline .tl-item');
    const last = items.last();
    expect(await last.innerText()).toContain('准予按规划用途开发利用');
    expect(await last.innerText()).toContain('孙处长');
    const landDecision = items.filter({ hasText: '意见：准予按规划用途开发利用' });
    expect(await landDecision.count()).toBe(1);
    expect(await landDecision.innerText()).toContain('吴处长');
  });

  it('the plot page shows facts, diagram, timeline in China Standard Time, reports whose download matches their digest', async () => {
    const page = await plot.open('eeb');
    const history = (await (await fetch(`${c.base}/plots/${plot.id}/history`, { headers: await c.t.as('eeb') })).json()) as { items: Array<{ at: string }> };
    const first = new Date(history.items[0].at);
    const cst = new Date(first.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    // A long history shows its last five entries; the earlier ones are folded (issue 22 point 4).
    await page.getByTestId('timeline-folded').locator('summary').click();
    expect(await page.locator('.timeline time').first().innerText()).toBe(cst);
    expect(await page.locator('#facts').innerText()).toContain('原铝厂地块土壤修复工程');
    const row = page.locator('#reports tbody tr').first();
    const digest = (await row.locator('code.digest').innerText()).trim();
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载' }).click()]);
    const file = readFileSync((await download.path())!);
    expect(createHash('sha256').update(file).digest('hex')).toBe(digest);
    await screenshot(page, '04-plot-page-released');
    await screenshotOf(page.locator('.page-head'), '04-plot-head');
    await screenshotOf(page.locator('#lifecycle'), '04-plot-lifecycle');
    await screenshotOf(page.locator('#screening'), '04-plot-screening');
    await screenshotOf(page.locator('#reports'), '04-plot-reports');
    await screenshotOf(page.locator('#documents'), '04-plot-documents');
    await page.goto(`${c.base}/app/plots?stage=released&q=${code}`);
    await page.locator('tbody tr', { hasText: code }).waitFor();
    await screenshot(page, '03-plot-list');
  });

  it('public verification of a filing document by its digest, without login', async () => {
    const headers = await c.t.as('eeb');
    let docs: Array<{ sha256: string; digest: string; number: string }> | undefined;
    // Filing documents are rendered after commit; give the outbox a moment.
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${c.base}/plots/${plot.id}/documents`, { headers });
      if (res.status === 404) break;
      const body = (await res.json()) as typeof docs | { items: typeof docs };
      docs = Array.isArray(body) ? body : body?.items;
      if (docs?.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const context = await newContext(c.browser, c.base);
    const page = await context.newPage();
    if (docs?.length) {
      // The QR code on a document leads a phone to /public/verify/<digest>.
      await page.goto(`${c.base}/public/verify/${docs[0].digest}`);
      const result = page.getByTestId('verify-result');
      await result.waitFor();
      expect(await result.innerText()).toContain('文件真实有效');
      expect(await result.innerText()).toContain(docs[0].number);
      await screenshot(page, '07-verify-valid');
    } else {
      // The documents module (GET /plots/:id/documents) is not in this build yet: only the
      // not-found path of the page can be checked; the valid path runs once documents exist.
      process.stderr.write('\n[browser tests] GET /plots/:id/documents answered 404: valid-digest verification not checked\n');
    }
    await page.goto(`${c.base}/verify`);
    await page.getByLabel('文件 SHA-256 摘要').fill('not a digest');
    await page.getByRole('button', { name: '核验' }).click();
    await page.getByText('请输入 64 位十六进制字符').waitFor();
    await page.getByLabel('文件 SHA-256 摘要').fill(`${c.base}/public/verify/${'ab'.repeat(32)}`);
    await page.getByRole('button', { name: '核验' }).click();
    await page.waitForURL(/\/verify\/(ab){32}$/);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('未找到');
    await screenshot(page, '07-verify-not-found');
    await context.close();
  });

  it('works on a phone-width screen (390 px) without sideways scrolling', async () => {
    const context = await newContext(c.browser, c.base, 390);
    const page = await context.newPage();
    await page.goto(`${c.base}/app/login`);
    await screenshot(page, '08-phone-login');
    await login(page, c.base, 'holder');
    for (const [path, name] of [[`/app/plots/${plot.id}`, '08-phone-plot'], ['/app/plots', '08-phone-plot-list'], ['/app/', '08-phone-todo']]) {
      await page.goto(`${c.base}${path}`);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await context.close();
  });
});
