import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ORGANISATIONS } from '../../src/demo/demo-directory';
import { DirectoryRepository } from '../../src/organisations/directory.repository';
import { PlotsService } from '../../src/plots/plots.service';
import { referencePath } from '../../src/reference/reference-files';
import { makePdf } from '../factories/files';
import { AFTER_PUBLICITY_DAYS, appDate, expertReview, fullLifecycle, later, PUBLIC_PERIOD_DAYS, runUntil, startJourney, type Journey, type Step } from '../factories/lifecycle';
import { plotBody } from '../factories/plots';
import { confirm, describeInBrowser, login, newContext, outcome, refusal, screenshot, screenshotOf, startConsole, startConsoleWith, submit, type Console } from './harness';

/**
 * The console for the levels of government (issue 15; DESIGN §1.1): the plot page says which level and which bureaus
 * decide each stage; the district forwards (报送, 土壤法第六十条) with a confirmation naming who reviews next; the
 * province finds the plot on its to-do and forms the expert panel (环办土壤〔2019〕63号) in the form, where 回避 is
 * refused with the server's reason; an expert gives their own opinion; the holder records the disclosure (42号令) and
 * the public 公示 page lists it with its remaining days; the administrator migrates a v1 plot after a confirmation.
 */
describeInBrowser('console for the levels of government in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  const orgName = (key: string) => DEMO_ORGANISATIONS.find((o) => o.key === key)!.name;
  // Codes a person must never read: event, state and guard names, HTTP statuses.
  const CODES = /\b(FORWARD|FORM_PANEL|RECORD_EXPERT_OPINION|CONCLUDE_PANEL|RECORD_DISCLOSURE|underReview|riskAssessment|forwardedIfDecidedAbove|panelFreeOfConflicts|HTTP \d{3}|inSystem|province)\b/;

  async function openPlot(as: string, j: Journey): Promise<Page> {
    const page = await c.as(as);
    watch(page);
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    await page.locator('.plot-state .stage-badge').waitFor();
    return page;
  }

  const watched = new WeakSet<Page>();
  function watch(page: Page) {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
  }

  async function run(steps: Step[], j: Journey) {
    for (const s of steps) await s.run(c.t, j);
  }

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  let forwarded: Journey;

  it('DESIGN §1.1, 土壤法第六十条: the district officer sees the 分级决定 panel and 报送, and forwards after a confirmation naming the province', async () => {
    forwarded = await startJourney(c.t);
    await runUntil(c.t, forwarded, fullLifecycle(c.t), 'FORWARD');
    // Before the district forwards, the province is told it waits for the 报送 and offered no panel yet.
    const early = await openPlot('eeb-prov', forwarded);
    expect(await early.getByTestId('round-waiting').innerText()).toContain('待所在地生态环境部门报送后');
    expect(await early.locator('form[data-event="FORM_PANEL"]').count()).toBe(0);
    const page = await openPlot('eeb', forwarded);
    expect(await page.getByTestId('decision-now').innerText()).toContain('由河南省生态环境厅会同河南省自然资源厅决定；须先由所在地生态环境部门报送');
    const panel = page.getByTestId('decisions');
    await panel.waitFor();
    const current = panel.locator('.decision-current');
    expect(await current.count()).toBe(1);
    const row = await current.innerText();
    expect(row).toContain('土壤污染风险评估报告评审与纳入名录');
    expect(row).toContain('省级');
    expect(row).toContain('生态环境 会同 自然资源');
    expect(row).toContain('第六十条');
    expect(row).toContain('评审期限 20 个工作日');
    expect(await panel.locator('[data-step="investigationReview"]').innerText()).toContain('区（县）级');
    expect(await page.getByTestId('round-forwarded').innerText()).toContain('尚未报送');
    // The officer reads who decides before acting: the panel comes right after the actions.
    const form = page.locator('form[data-event="FORWARD"]');
    expect(await page.locator('article[data-event="FORWARD"] h3').innerText()).toBe('报送上级部门');
    expect(await page.locator('form[data-event="APPROVE"]').count()).toBe(0);
    await screenshotOf(page.locator('#actions'), 'levels-01-district-actions');
    await screenshotOf(page.locator('#decisions'), 'levels-01-district-decisions');
    await form.getByLabel('报送说明（可选）').fill('报送省生态环境厅评审');
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('confirm').waitFor();
    await screenshotOf(page.getByTestId('confirm'), 'levels-01-district-confirm');
    const question = await confirm(page);
    expect(question).toContain('报送后：由河南省生态环境厅会同河南省自然资源厅评审');
    expect(await outcome(page, form, '已办理“报送上级部门”')).toContain('已办理“报送上级部门”');
    expect(await page.getByTestId('round-forwarded').innerText()).toMatch(/已于 .* 报送河南省生态环境厅/);
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
  });

  it('环办土壤〔2019〕63号: the province officer finds the plot on the to-do, forms the panel in the form, 回避 refused with the reason', async () => {
    const page = await c.as('eeb-prov');
    watch(page);
    await page.goto(`${c.base}/app/`);
    expect(await page.getByTestId('user-role').innerText()).toBe('省级生态环境部门');
    const code = (await c.t.http.get(`/plots/${forwarded.plotId}`).set(await c.t.as('eeb'))).body.code;
    const row = page.getByTestId('todo').locator('tr', { hasText: code });
    await row.waitFor();
    expect(await row.innerText()).toContain('组织专家评审');
    await screenshot(page, 'levels-02-todo-province');
    await row.getByRole('link').first().click();
    const form = page.locator('form[data-event="FORM_PANEL"]');
    await form.waitFor();
    expect(await form.getByTestId('avoidance').innerText()).toContain('回避');
    const options = await form.locator('select[name="experts.0.organisationId"] option').allInnerTexts();
    // Expert organisations when the directory lists them (kind expert), otherwise independent third parties.
    const independent = options.some((o) => o.includes(orgName('institute')))
      ? [orgName('institute'), orgName('institute'), orgName('university')]
      : [`${orgName('consultant2')}（第三方机构）`, `${orgName('consultant2')}（第三方机构）`, `${orgName('contractor')}（第三方机构）`];
    const experts = [['钱研究员', '研究员'], ['何高工', '高级工程师'], ['林教授', '教授']];
    for (const [i, [name, title]] of experts.entries()) {
      const r = form.locator(`.expert-row[data-row="${i}"]`);
      await r.getByLabel('姓名').fill(name);
      await r.getByLabel('职称（可选）').fill(title);
      await r.getByLabel('所在单位').selectOption({ label: independent[i] });
    }
    // 回避: the risk assessment's author may not review it; the form warns and the server refuses with its reason.
    await form.locator('.expert-row[data-row="2"]').getByLabel('所在单位').selectOption({ label: `${orgName('consultant')}（第三方机构）` });
    expect(await form.locator('.expert-row[data-row="2"] .field-warning').innerText()).toContain('回避');
    await form.locator('.expert-row[data-row="2"]').getByLabel('姓名').fill('林教授');
    await submit(page, form);
    const refused = await refusal(form);
    expect(refused).toContain('回避');
    expect(refused).not.toMatch(CODES);
    await screenshotOf(page.locator('article[data-event="FORM_PANEL"]'), 'levels-03-panel-avoidance');
    await form.locator('.expert-row[data-row="2"]').getByLabel('所在单位').selectOption({ label: independent[2] });
    await submit(page, form);
    expect(await outcome(page, form, '已办理“组织专家评审”')).toContain('已办理“组织专家评审”');
    const round = page.getByTestId('round-panel');
    expect(await round.innerText()).toContain('3 名专家，已提交意见 0 份');
    for (const [name] of experts) expect(await round.innerText()).toContain(name);
    expect(await page.locator('form[data-event="RECORD_EXPERT_OPINION"]').count()).toBe(1);
    await screenshotOf(page.locator('#actions'), 'levels-04-panel-formed');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
  });

  it('环办土壤〔2019〕63号 修改后通过: land-prov\'s to-do lists the plot; expert1 gives their own opinion from the to-do; the conclusions look different; the revision is uploaded, submitted and accepted before the joint decision', async () => {
    const j = await startJourney(c.t);
    const rest = await runUntil(c.t, j, fullLifecycle(c.t), 'FORWARD');
    await run([rest[0], expertReview('eeb-prov')[0]], j);
    const code = (await c.t.http.get(`/plots/${j.plotId}`).set(await c.t.as('eeb'))).body.code;
    const land = await c.as('land-prov');
    watch(land);
    await land.goto(`${c.base}/app/`);
    await land.getByTestId('todo').locator('tr', { hasText: code }).waitFor();
    expect(await land.getByTestId('user-role').innerText()).toBe('省级自然资源部门');

    const expert = await c.as('expert1');
    watch(expert);
    await expert.goto(`${c.base}/app/`);
    // The to-do table only: the 已办 list below it names the plot the expert has already acted on.
    const row = expert.getByTestId('todo').locator('tr', { hasText: code });
    await row.waitFor();
    // The to-do chip names the task with its report (src/me/task-labels.ts), not the bare event.
    expect(await row.innerText()).toContain('记录风险评估报告的专家意见');
    await screenshot(expert, 'levels-05-todo-expert');
    await row.getByRole('link').first().click();
    const form = expert.locator('form[data-event="RECORD_EXPERT_OPINION"]');
    await form.waitFor();
    expect(await form.getByLabel('专家').locator('option').allInnerTexts()).toEqual(['第 1 名：钱研究员（研究员）']);
    await form.getByLabel('评审意见').fill('报告内容基本完整，同意通过');
    await submit(expert, form);
    expect(await outcome(expert, form, '已办理“记录专家意见”')).toContain('已办理“记录专家意见”');
    expect(await expert.getByTestId('round-panel').innerText()).toContain('报告内容基本完整，同意通过');

    await run(expertReview('eeb-prov').slice(2, 4), j);
    const prov = await openPlot('eeb-prov', j);
    const conclude = prov.locator('form[data-event="CONCLUDE_PANEL"]');
    type Styled = { getComputedStyle(e: unknown): { backgroundColor: string } };
    const colours = await conclude.locator('.choice').evaluateAll((els) => els.map((e) => (globalThis as unknown as Styled).getComputedStyle(e).backgroundColor));
    expect(new Set(colours).size).toBe(3);
    await conclude.getByLabel('修改后通过').check();
    await conclude.getByLabel('结论说明').fill('修改完善后通过');
    await conclude.locator('button[type="submit"]').click();
    expect(await confirm(prov)).toContain('修改后的报告');
    await outcome(prov, conclude);
    expect(await prov.getByTestId('round-conclusion').innerText()).toContain('修改后通过');
    await screenshotOf(prov.getByTestId('review-round'), 'levels-06-round');
    expect(await prov.getByTestId('round-waiting').innerText()).toContain('待编制单位提交修改后的报告');
    expect(await prov.locator('form[data-event="APPROVE"]').count()).toBe(0);

    // 修改后通过: the consultant uploads the revision, marked as revising the report under review, and submits it.
    const consultant = await openPlot('consultant', j);
    const card = consultant.locator('.upload-card');
    expect(await card.getByLabel('报告类型').inputValue()).toBe('risk_assessment');
    const upload = card.locator('form[data-kind="risk_assessment"]');
    expect(await upload.getByLabel(/这是按专家意见修改后的报告/).isChecked()).toBe(true);
    await upload.getByLabel('报告文件（PDF）').setInputFiles({ name: 'revised.pdf', mimeType: 'application/pdf', buffer: await makePdf(`revised ${code}`) });
    await upload.getByLabel('风险不可接受').check();
    await upload.locator('button[type="submit"]').click();
    expect(await outcome(consultant, upload, '已上传风险评估报告')).toContain('已上传风险评估报告');
    const revision = consultant.locator('form[data-event="SUBMIT_REVISION"]');
    // Only the upload marked as the revision of the report under review is offered.
    expect(await revision.getByLabel('修改后的报告').locator('option').allInnerTexts()).toEqual([expect.stringContaining('风险评估报告')]);
    await revision.locator('button[type="submit"]').click();
    expect(await confirm(consultant)).toContain('由主管部门确认修改情况');
    expect(await outcome(consultant, revision, '已办理“提交修改后的报告”')).toContain('已办理“提交修改后的报告”');
    expect(await consultant.getByTestId('round-revision').innerText()).toContain('待主管部门确认');

    // The province checks the revision, then decides jointly: the plot is listed.
    const accept = await openPlot('eeb-prov', j);
    const acceptForm = accept.locator('form[data-event="ACCEPT_REVISION"]');
    await acceptForm.getByLabel('确认意见（可选）').fill('已按专家意见修改');
    await acceptForm.locator('button[type="submit"]').click();
    expect(await confirm(accept)).toContain('作出审查决定');
    await outcome(accept, acceptForm);
    expect(await accept.getByTestId('round-revision').innerText()).toContain('主管部门已确认');
    for (const [as, opinion] of [['eeb-prov', '风险不可接受，纳入名录'], ['land-prov', '同意']]) {
      const page = await openPlot(as, j);
      const approve = page.locator('form[data-event="APPROVE"]');
      await approve.getByLabel('审查意见').fill(opinion);
      await approve.locator('button[type="submit"]').click();
      expect(await confirm(page)).toContain('评审意见（D4）');
      await outcome(page, approve);
    }
    const listed = await openPlot('eeb', j);
    expect(await listed.locator('.plot-state .stage-badge').innerText()).toBe('纳入名录 · 优先控制名录');
  });

  it('42号令: the holder records the effect evaluation\'s disclosure in the form; the public 公示 page lists it, then the removal decision, with their remaining days; 公示期满 the decision takes effect', async () => {
    const j = await startJourney(c.t);
    const rest = await runUntil(c.t, j, fullLifecycle(c.t), 'RECORD_DISCLOSURE');
    const page = await openPlot('holder', j);
    const form = page.locator('form[data-event="RECORD_DISCLOSURE"]');
    await form.getByLabel('公开的报告').selectOption({ label: '效果评估报告' });
    await form.getByLabel('公开场所或网址').fill('本单位网站 https://example.invalid/gongkai');
    await form.locator('button[type="submit"]').click();
    expect(await confirm(page)).toContain('公开满两个月');
    expect(await outcome(page, form, '已办理“记录报告信息公开”')).toContain('已办理“记录报告信息公开”');
    const code = (await c.t.http.get(`/plots/${j.plotId}`).set(await c.t.as('eeb'))).body.code;

    const anonymous = await c.browser.newPage();
    watch(anonymous);
    await anonymous.goto(`${c.base}/app/login`);
    await anonymous.getByRole('navigation', { name: '公开页面' }).getByRole('link', { name: '公示', exact: true }).click();
    await anonymous.getByRole('heading', { level: 1, name: '污染地块信息公示' }).waitFor();
    const row = anonymous.locator('tr', { hasText: code });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('效果评估报告');
    expect(text).toContain('https://example.invalid/gongkai');
    expect(text).toMatch(/剩余 \d+ 天/);
    expect(await anonymous.locator('main').innerText()).not.toMatch(CODES);
    await screenshot(anonymous, 'levels-07-public-disclosures');

    // Two months later the removal is applied for, forwarded and decided; the decision is public until its publicity ends.
    await run(rest.slice(1, -1), j);
    await later(PUBLIC_PERIOD_DAYS, {
      run: async () => {
        await anonymous.reload();
        const publicity = anonymous.locator('tr', { hasText: code }).filter({ hasText: '移出名录' });
        await publicity.waitFor();
        expect(await publicity.innerText()).toMatch(/剩余 \d+ 天/);
      },
    }).run(c.t, j);
    await anonymous.close();
    // 公示期满: the province makes the decision take effect, after a confirmation saying so.
    await later(AFTER_PUBLICITY_DAYS, {
      run: async () => {
        const prov = await openPlot('eeb-prov', j);
        const end = prov.locator('form[data-event="END_PUBLICITY"]');
        await end.locator('button[type="submit"]').click();
        expect(await confirm(prov)).toContain('地块移出名录');
        expect(await outcome(prov, end, '已办理“公示期满，决定生效”')).toContain('已办理“公示期满，决定生效”');
        expect(await prov.locator('.plot-state .stage-badge').innerText()).toContain('移出名录');
      },
    }).run(c.t, j);
  });

  it('the 分级决定 panel, the review round and the 公示 page fit a phone-width screen (390 px) without sideways scrolling', async () => {
    const context = await newContext(c.browser, c.base, 390);
    const page = await context.newPage();
    watch(page);
    await login(page, c.base, 'eeb-prov');
    await page.goto(`${c.base}/app/plots/${forwarded.plotId}`);
    await page.getByTestId('decisions').waitFor();
    type Doc = { document: { documentElement: { scrollWidth: number } } };
    const width = () => page.evaluate(() => (globalThis as unknown as Doc).document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    await screenshotOf(page.locator('#actions'), 'levels-09-phone-round');
    await page.goto(`${c.base}/app/public/disclosures`);
    await page.getByRole('heading', { level: 1, name: '污染地块信息公示' }).waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('the administrator migrates a v1 plot to the new workflow after a confirmation (workflows/registry.ts)', async () => {
    const directory = c.t.app.get(DirectoryRepository);
    const user = (await directory.findForLogin('eeb'))!;
    const me = (await directory.findPrincipal(user.id, user.tokenVersion))!;
    const v1 = await c.t.app.get(PlotsService).register(me, plotBody(c.t) as never, 1);
    const page = await openPlot('admin', { plotId: v1.id, reports: {} });
    expect(await page.locator('.plot-state').innerText()).toContain('原流程（区级决定，可由管理员迁移至现行流程）');
    expect(await page.getByTestId('decisions').innerText()).toContain('本地块按原流程办理');
    const form = page.getByTestId('migrate');
    await form.locator('button[type="submit"]').click();
    expect(await confirm(page)).toContain('迁移不可撤销');
    expect(await outcome(page, form, '已迁移至现行流程')).toContain('已迁移至现行流程');
    expect(await page.locator('.plot-state').innerText()).toContain('现行流程（分级决定）');
    expect(await page.locator('.plot-state').innerText()).not.toContain('原流程');
    expect(await page.getByTestId('migrate').count()).toBe(0);
    expect(await page.locator('#timeline').innerText()).toContain('由原流程迁移至现行流程');
    expect(await page.getByTestId('decisions').locator('.decision').count()).toBe(7);
  });
});

/** A deployment where the province decides outside the system: the district records its decisions (DESIGN §1.1). */
function recordedModeFile(): string {
  const config = JSON.parse(readFileSync(referencePath('decision-steps.json'), 'utf8'));
  config.steps.riskAssessmentReview.mode = 'recorded';
  config.steps.removal.mode = 'recorded';
  const path = join(mkdtempSync(join(tmpdir(), 'decisions-')), 'decision-steps.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describeInBrowser('console for decisions recorded by the district in a real browser [embedded]', () => {
  let c: Console;
  beforeAll(async () => {
    c = await startConsoleWith({ DECISION_STEPS_FILE: recordedModeFile() });
  });
  afterAll(() => c?.close());

  it('DESIGN §1.1 recorded decisions: the district uploads the province\'s decision with its number, date and scan, after a confirmation naming what follows', async () => {
    const j = await startJourney(c.t);
    const rest = await runUntil(c.t, j, fullLifecycle(c.t), 'FORWARD');
    await rest[0].run(c.t, j);
    const page = await c.as('eeb');
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    const row = page.getByTestId('decisions').locator('.decision-current');
    await row.waitFor();
    expect(await row.innerText()).toContain('系统外决定，由区分局录入');
    expect(await page.getByTestId('decision-now').innerText()).toContain('在系统外作出决定，由区分局录入');
    const form = page.locator('form[data-event="RECORD_DECISION"]');
    await form.getByLabel('决定文号').fill('豫环审〔2026〕8号');
    await form.getByLabel('决定日期').fill(appDate(c.t));
    await form.getByLabel('通过', { exact: true }).check();
    await form.getByLabel('决定文书扫描件（PDF）').setInputFiles({ name: 'decision.pdf', mimeType: 'application/pdf', buffer: await makePdf('豫环审〔2026〕8号') });
    await screenshotOf(page.locator('article[data-event="RECORD_DECISION"]'), 'levels-08-recorded-decision');
    await form.locator('button[type="submit"]').click();
    const question = await confirm(page);
    expect(question).toContain('录入后：按河南省生态环境厅会同河南省自然资源厅的决定（豫环审〔2026〕8号）进入下一阶段，系统签发录入回执');
    expect(await outcome(page, form, '已办理“录入上级部门决定”')).toContain('已办理“录入上级部门决定”');
    expect(await page.locator('.plot-state .stage-badge').innerText()).toBe('纳入名录 · 优先控制名录');
    const timeline = await page.locator('#timeline').innerText();
    expect(timeline).toContain('决定文号：豫环审〔2026〕8号');
  });
});
