import type { Page } from 'playwright-core';
import { fullLifecycle, runUntil, startJourney, type Journey, type Step } from '../factories/lifecycle';
import { send } from '../factories/plots';
import { confirm, describeInBrowser, login, newContext, outcome, screenshot, SCREENSHOTS, screenshotOf, startConsole, type Console } from './harness';

/**
 * The plot page for a reviewer (issue 22 points 1, 2, 4 and 6): confirmations that state the outcome computed from
 * the statechart and the facts, approving and refusing steps that look different, the round's progress and the next
 * step for every role, the report under review beside the decision forms with its screening and sample points,
 * stock opinions, long histories folded, and a 409 that reloads the plot, says what changed and keeps what was typed.
 */
describeInBrowser('the plot page for a reviewer in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  // Codes a person must never read: event, state and guard names, HTTP statuses.
  const CODES = /\b(APPROVE|RETURN|COMPLETE_WORKS|SET_PRIORITY|underReview|drafting|VERSION_CONFLICT|HTTP \d{3})\b/;
  // Around the sample points of test/factories/files.ts (113.3° E, 34.8° N).
  const boundary = {
    type: 'Polygon',
    coordinates: [[[113.2995, 34.7995], [113.3015, 34.7995], [113.3015, 34.8005], [113.2995, 34.8005], [113.2995, 34.7995]]],
  };

  const watched = new WeakSet<Page>();
  function watch(page: Page) {
    if (watched.has(page)) return page;
    watched.add(page);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of \d\d\d/.test(m.text())) errors.push(m.text());
    });
    // A refusal is a 4xx the page explains; a 5xx is a fault, named by its address.
    page.on('response', (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });
    return page;
  }

  async function openPlot(as: string, j: Journey): Promise<Page> {
    const page = watch(await c.as(as));
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    await page.locator('.plot-state .stage-badge').waitFor();
    return page;
  }

  async function journey(until: string, nth = 1): Promise<{ j: Journey; rest: Step[] }> {
    const j = await startJourney(c.t, { boundary, confirmOverlap: true });
    const rest = await runUntil(c.t, j, fullLifecycle(c.t), until, nth);
    return { j, rest };
  }

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());
  afterEach(() => {
    const seen = errors.splice(0);
    expect(seen).toEqual([]);
  });

  it('土壤法第五十九条 会同, 环办土壤〔2019〕63号: the reviewer reads the round’s progress and the next step, the report beside the forms, and a confirmation naming the outcome', async () => {
    const { j } = await journey('APPROVE');
    const page = await openPlot('eeb', j);
    const progress = page.getByTestId('review-progress');
    expect(await progress.innerText()).toMatch(/专家意见\s*3\/3/);
    expect(await progress.locator('[data-bureau="eeb"]').innerText()).toContain('待审');
    expect(await progress.locator('[data-bureau="land"]').innerText()).toContain('待审');
    const next = await page.getByTestId('next-step').innerText();
    expect(next).toContain('轮到您办理');
    expect(next).toMatch(/下一步：由.*生态环境.*、.*自然资源.*作出审查决定/);
    // The report under review, its screening and its sample points beside the decision forms.
    const desk = page.getByTestId('review-desk');
    expect(await desk.getByTestId('desk-report').innerText()).toContain('审查中的报告：初步调查报告');
    expect(await desk.locator('#screening').innerText()).toContain('超过筛选值');
    await desk.locator('[data-testid="plot-map"][data-state="ready"]').waitFor();
    expect(Number(await desk.getByTestId('plot-map').getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await desk.locator('.desk-forms form[data-event="APPROVE"]').count()).toBe(1);
    // The report itself, in the page, on demand: framed from a blob: URL the console made (its CSP allows no other frame).
    await desk.getByRole('button', { name: '在页面中预览报告' }).click();
    const frame = desk.locator('iframe.report-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    const pdf = page.frames().find((f) => f.url().startsWith('blob:'))!;
    await pdf.waitForLoadState();
    expect(await pdf.evaluate(() => (globalThis as unknown as { document: { contentType: string } }).document.contentType)).toBe('application/pdf');
    await screenshotOf(desk.locator('.desk-report'), 'review-01c-report-preview');
    // Wide screens: the forms sit to the right of the report, not 1,500 px below it (measured unscrolled: they are sticky).
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
    const reportBox = (await desk.locator('.desk-report').boundingBox())!;
    const formsBox = (await desk.locator('.desk-forms').boundingBox())!;
    expect(formsBox.x).toBeGreaterThan(reportBox.x + reportBox.width - 1);
    expect(Math.abs(formsBox.y - reportBox.y)).toBeLessThan(5);
    // Approving and refusing do not look alike.
    expect(await page.locator('form[data-event="APPROVE"] button[type="submit"]').getAttribute('class')).toContain('btn-primary');
    expect(await page.locator('form[data-event="RETURN"] button[type="submit"]').getAttribute('class')).toContain('btn-danger');
    // Stock opinions fill the text, which the reviewer may edit.
    const approve = page.locator('form[data-event="APPROVE"]');
    await approve.getByTestId('stock-opinions').getByRole('button', { name: '同意，进入下一阶段。' }).click();
    expect(await approve.getByLabel('审查意见').inputValue()).toBe('同意，进入下一阶段。');
    await screenshot(page, 'review-01-desk-wide');
    // What the reviewer sees on opening the page: the progress, the next step, the report and the forms.
    await page.screenshot({ path: `${SCREENSHOTS}/review-01-desk-first-screen.png` });
    await approve.locator('button[type="submit"]').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    await screenshotOf(dialog, 'review-02-approve-confirm');
    const question = await confirm(page);
    // The statechart's target chosen by the screening verdict (samples above the screening values → 详细调查).
    expect(question).toMatch(/同意后：记录本部门的同意意见；尚待.*自然资源.*同意/);
    expect(question).toContain('全部同意后：进入“详细调查 · 编制报告”，签发评审意见（D4）');
    await outcome(page, approve, '已办理');
    expect(await page.getByTestId('review-progress').locator('[data-bureau="eeb"]').innerText()).toContain('已同意');
    expect(await page.getByTestId('review-progress').locator('[data-bureau="land"]').innerText()).toContain('待审');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    // The land bureau: its turn, and the last approval's confirmation says where the plot goes.
    const land = await openPlot('land', j);
    expect(await land.getByTestId('next-step').innerText()).toMatch(/轮到您办理。下一步：由.*自然资源.*作出审查决定/);
    await land.locator('form[data-event="APPROVE"]').getByLabel('审查意见').fill('同意，开展详细调查');
    await land.locator('form[data-event="APPROVE"] button[type="submit"]').click();
    expect(await confirm(land)).toContain('通过后：进入“详细调查 · 编制报告”，签发评审意见（D4）');
    await outcome(land, land.locator('form[data-event="APPROVE"]'), '已办理');
    expect(await land.locator('.plot-state .stage-badge').innerText()).toBe('详细调查 · 编制报告');
  });

  it('issue 22 point 2: after the investigation starts the consultant is told it is its turn and the holder who acts next, with the deadline', async () => {
    const { j } = await journey('SUBMIT_REPORT');
    const consultant = await openPlot('consultant', j);
    const mine = await consultant.getByTestId('next-step').innerText();
    expect(mine).toMatch(/轮到您办理。下一步：由.*（土壤污染状况调查单位）办理“提交报告”；期限：.*\d{4}-\d{2}-\d{2}，还有 \d+ 天/);
    const holder = await openPlot('holder', j);
    const theirs = await holder.getByTestId('next-step').innerText();
    expect(theirs).not.toContain('轮到您办理');
    expect(theirs).toMatch(/下一步：由.*（土壤污染状况调查单位）办理“提交报告”/);
    expect(await holder.locator('main').innerText()).not.toMatch(CODES);
  });

  it('42号令第十二条 dueDateNotPast: an investigation notice due in the past is refused in the form, before sending', async () => {
    const j = await startJourney(c.t);
    const page = await openPlot('eeb', j);
    const form = page.locator('form[data-event="ISSUE_INVESTIGATION_NOTICE"]');
    await form.getByLabel('调查完成期限').fill('2020-01-01');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-field="dueDate"] .field-error').innerText()).toBe('调查完成期限不能早于今天');
    expect(await page.getByTestId('confirm').count()).toBe(0);
    const rows = await c.t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [j.plotId]);
    expect(rows[0].n).toBe(1);
  });

  it('上政文〔2017〕147号 三（四）1 优先控制名录: the rank form is not pre-filled with a rank another plot holds, shows the ranks in use and warns before a duplicate', async () => {
    const first = await journey('SET_PRIORITY');
    await send(c.t, 'land', first.j.plotId, { type: 'SET_PRIORITY', rank: 1, negativeList: ['住宅', '公共管理与公共服务用地'] });
    const firstCode = (await c.t.http.get(`/plots/${first.j.plotId}`).set(await c.t.as('land'))).body.code;
    const second = await journey('SET_PRIORITY');
    const page = await openPlot('land', second.j);
    const form = page.locator('form[data-event="SET_PRIORITY"]');
    expect(await form.getByLabel('优先控制次序').inputValue()).not.toBe('1');
    expect(await form.locator('[data-field="rank"] .hint').innerText()).toContain(`第 1 位（${firstCode}）`);
    await form.getByLabel('优先控制次序').fill('1');
    await form.locator('button[type="submit"]').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`第 1 位已由地块 ${firstCode} 确定`);
    await screenshotOf(dialog, 'review-03-priority-duplicate');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('土壤法第四十一条 修复完工: completion asks for the completion date, refuses a future one, and the confirmation states it', async () => {
    const { j } = await journey('COMPLETE_WORKS');
    const page = await openPlot('holder', j);
    const form = page.locator('form[data-event="COMPLETE_WORKS"]');
    await form.getByLabel('完工日期').fill('2099-01-01');
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-field="completedOn"] .field-error').innerText()).toBe('完工日期不能晚于今天');
    const today = await form.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    await form.getByLabel('完工日期').fill(today);
    await form.locator('button[type="submit"]').click();
    const question = await confirm(page);
    expect(question).toContain(`记录修复施工于 ${today} 完成，地块进入效果评估阶段`);
    await outcome(page, form, '已办理');
    const [row] = await c.t.ds.query(`SELECT payload FROM audit_log WHERE entity_id = $1 AND event_type = 'COMPLETE_WORKS'`, [j.plotId]);
    expect(row.payload.completedOn).toBe(today);
    expect(await page.locator('#timeline').innerText()).toContain(`完工日期：${today}`);
  });

  it('issue 22 point 6: land approves on the page it opened before eeb approved; the approval is judged on the plot as it is now', async () => {
    const { j } = await journey('APPROVE');
    const page = await openPlot('land', j);
    await send(c.t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' });
    const form = page.locator('form[data-event="APPROVE"]');
    await form.getByLabel('审查意见').fill('同意，开展详细调查（在生态环境局同意前打开）');
    await form.locator('button[type="submit"]').click();
    await confirm(page);
    expect(await outcome(page, form, '已办理')).toContain('详细调查 · 编制报告');
  });

  it('issue 22 point 6: a 409 reloads the plot, says what changed in Chinese and offers the step again with the typed reason kept', async () => {
    const { j } = await journey('APPROVE');
    const page = await openPlot('eeb', j);
    // Another request of the same bureau changed the round after the page was drawn.
    await send(c.t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '同意' });
    const reason = '采样布点不足，请补充采样并重新检测：东北角。';
    await page.locator('form[data-event="RETURN"]').getByLabel('退回理由').fill(reason);
    await page.locator('form[data-event="RETURN"] button[type="submit"]').click();
    await confirm(page);
    const notice = page.getByTestId('conflict');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain('“退回修改”未办理：您打开本页后，地块的办理情况已有变化');
    expect(text).toMatch(/期间.*办理了“评审通过”/);
    expect(text).toContain('此事项仍可办理，您填写的内容已保留');
    expect(text).not.toMatch(CODES);
    const again = page.locator('form[data-event="RETURN"]');
    expect(await again.getByLabel('退回理由').inputValue()).toBe(reason);
    await screenshot(page, 'review-04-conflict-kept');
    await notice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/review-04-conflict-first-screen.png` });
    await again.locator('button[type="submit"]').click();
    await confirm(page);
    await outcome(page, again, '已办理');
    expect(await page.locator('.plot-state .stage-badge').innerText()).toBe('初步调查 · 编制报告');
  });

  it('issue 22 point 6: when the step is no longer possible the notice says so and shows the typed opinion to keep', async () => {
    const { j } = await journey('APPROVE');
    const page = await openPlot('land', j);
    await send(c.t, 'eeb', j.plotId, { type: 'RETURN', reason: '报告内容不完整，请补充' });
    const opinion = '同意，请补充地下水监测后归档';
    await page.locator('form[data-event="APPROVE"]').getByLabel('审查意见').fill(opinion);
    await page.locator('form[data-event="APPROVE"] button[type="submit"]').click();
    await confirm(page);
    const notice = page.getByTestId('conflict');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain('地块现为“初步调查 · 编制报告”');
    expect(text).toMatch(/期间.*办理了“退回修改”/);
    expect(text).toContain(`此事项现已不能由您办理。您填写的内容：${opinion}`);
    expect(text).not.toMatch(CODES);
  });

  it('issue 22 point 4: a long history is folded to its last five entries; at 390 px the decision form follows the report', async () => {
    const { j } = await journey('APPROVE', 5);
    const narrow = await newContext(c.browser, c.base, 390);
    const page = watch(await narrow.newPage());
    await login(page, c.base, 'eeb-prov');
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    await page.locator('.plot-state .stage-badge').waitFor();
    const folded = page.getByTestId('timeline-folded');
    expect(await folded.locator('summary').innerText()).toMatch(/较早的 \d+ 条办理记录/);
    expect(await page.locator('#timeline .tl-item:visible').count()).toBe(5);
    const desk = page.getByTestId('review-desk');
    const reportBox = (await desk.locator('.desk-report').boundingBox())!;
    const formsBox = (await desk.locator('.desk-forms').boundingBox())!;
    expect(formsBox.y).toBeGreaterThanOrEqual(reportBox.y + reportBox.height - 1);
    // Nothing wider than the phone.
    const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(390);
    await screenshot(page, 'review-05-desk-390');
    await page.locator('#actions').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/review-05-desk-390-top.png` });
    await desk.locator('.desk-forms').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/review-05-desk-390-forms.png` });
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await narrow.close();
  });
});
