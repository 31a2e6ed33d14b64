import type { Locator, Page } from 'playwright-core';
import { join } from 'node:path';
import { DEMO_ORGANISATIONS } from '../../src/demo/demo-directory';
import { makePdf, samplesCsv } from '../factories/files';
import { appDate, expertReview, fullLifecycle, runUntil, startJourney, type Journey } from '../factories/lifecycle';
import { CLEAN, CONTAMINATED, send, upload } from '../factories/plots';
import { confirm, describeInBrowser, outcome, screenshot, screenshotOf, SCREENSHOTS, startConsole, type Console } from './harness';

/**
 * The console for part 2 of the law: the land bureau records 收回 through its form (土壤法第六十八条) and the former
 * holder then sees itself named as such with nothing left to do; the district bureau reopens a released plot for a
 * change to 住宅 (土壤法第五十九条第二款, 终身责任制) and the page keeps the earlier round; a change-of-use plot may
 * end its investigation at the first stage (HJ 25.1-2019) and a suspected plot is not offered that.
 */
describeInBrowser('console for part 2 of the law in a real browser [embedded]', () => {
  let c: Console;
  const errors: string[] = [];
  const orgName = (key: string) => DEMO_ORGANISATIONS.find((o) => o.key === key)!.name;
  // What a person must never read: event, state, guard and field names, the codes of the new facts, HTTP statuses.
  const CODES = /\b(TAKE_BACK|TRANSFER|REOPEN|ADD_AFTERCARE|FULFIL_AFTERCARE|PLACE_UNDER_CONTROL_ZONE|RECORD_ZONE_MONITORING|RECORD_RESPONSIBLE_PARTY|takenBack|transferred|useChange|newEvidence|keyUnitLand|suspected|released|cleared|government|responsibleParty|identified|unidentifiable|extinct|institutionalControl|groundwater|surfaceWater|organiserEligible|reopenedForSensitiveUse|firstStageOnly|controlBasis|HTTP \d{3}|undefined|null|NaN)\b/;
  // Latin words in the parts this brief draws (standards' codes and the date format's YYYY aside).
  const ENGLISH = /\b(?!HJ\b|GB\b|PDF\b|SHA\b|YYYY\b)[A-Za-z]{3,}\b/;

  const watched = new WeakSet<Page>();
  function watch(page: Page) {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
  }

  async function openPlot(as: string, j: Journey): Promise<Page> {
    const page = await c.as(as);
    watch(page);
    await page.goto(`${c.base}/app/plots/${j.plotId}`);
    await page.locator('.plot-state .stage-badge').waitFor();
    return page;
  }

  /** Text a person reads: no codes, no English. */
  async function readable(part: Locator) {
    const text = await part.innerText();
    expect(text).not.toMatch(CODES);
    expect(text).not.toMatch(ENGLISH);
    return text;
  }

  /** Submits a decision's form, checks and pictures its confirmation, confirms, and returns the confirmation's text. */
  async function decide(page: Page, form: Locator, picture: string, tone: 'danger' | 'normal') {
    await form.locator('button[type="submit"]').click();
    const dialog = page.getByTestId('confirm');
    await dialog.waitFor();
    expect(await dialog.locator('.btn-danger').count()).toBe(tone === 'danger' ? 1 : 0);
    await readable(dialog);
    await screenshotOf(dialog, picture);
    return confirm(page);
  }

  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(() => c?.close());
  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('土壤法第五十九条、第六十七条: the registration form offers the three reasons in words, 疑似污染地块 first, each with its own line', async () => {
    const page = await c.as('eeb');
    watch(page);
    await page.goto(`${c.base}/app/plots/new`);
    const form = page.getByTestId('register-plot');
    const reason = form.getByLabel('登记原因');
    await reason.waitFor();
    expect(await reason.locator('option').allInnerTexts()).toEqual(['疑似污染地块', '用途变更为住宅、公共管理与公共服务用地', '土壤污染重点监管单位用地收回、转让或用途变更']);
    expect(await reason.inputValue()).toBe('suspected');
    const hint = form.locator('[data-field="registrationReason"] .hint');
    expect(await hint.innerText()).toContain('须开展采样调查');
    await reason.selectOption({ label: '土壤污染重点监管单位用地收回、转让或用途变更' });
    expect(await hint.innerText()).toContain('第六十七条');
    await reason.selectOption({ label: '用途变更为住宅、公共管理与公共服务用地' });
    expect(await hint.innerText()).toContain('第五十九条第二款');
    await readable(form.locator('[data-field="registrationReason"]'));
    await screenshotOf(form, 'part2-register-form');
  });

  it('土壤法第四十八条、第四十五条: the responsible-party form asks for the organisation only when one is identified, and for the organiser when the party is gone', async () => {
    const j = await startJourney(c.t);
    const page = await openPlot('eeb', j);
    const form = page.locator('form[data-event="RECORD_RESPONSIBLE_PARTY"]');
    const named = form.locator('[data-field="organisationId"]');
    const organiser = form.locator('[data-field="organiserOrganisationId"]');
    expect([await named.isVisible(), await organiser.isVisible()]).toEqual([false, false]);
    await form.getByLabel('责任主体灭失').check();
    expect([await named.isVisible(), await organiser.isVisible()]).toEqual([false, true]);
    await form.getByLabel('已认定责任人').check();
    expect([await named.isVisible(), await organiser.isVisible()]).toEqual([true, false]);
    await form.getByLabel('被认定为土壤污染责任人的单位').selectOption({ label: orgName('holder2') });
    await form.getByLabel('认定文书文号').fill('上环认〔2026〕2号');
    await form.getByLabel('认定日期').fill(appDate(c.t));
    const said = await decide(page, form, 'part2-responsible-confirm', 'normal');
    expect(said).toContain(`记录后：${orgName('holder2')}为土壤污染责任人，承担本地块的风险管控和修复（土壤法第四十五条第一款）`);
    await outcome(page, form, '已办理“认定土壤污染责任人”');
    const parties = await readable(page.getByTestId('parties'));
    expect(parties).toContain(`土壤污染责任人\n${orgName('holder2')}，已认定（上环认〔2026〕2号，${appDate(c.t)}）`);
    expect(parties).toContain(`承担调查义务的单位\n${orgName('holder')}`);
    expect(parties).toContain(`承担风险管控和修复义务的单位\n${orgName('holder2')}`);
    expect(parties).toContain('风险管控和修复义务的依据\n土壤污染责任人（第四十五条）');
  });

  let takenBack: Journey;

  it('土壤法第六十八条: the land bureau takes a suspected plot back through its form, after a confirmation (danger) stating who organises the investigation', async () => {
    takenBack = await startJourney(c.t);
    const page = await openPlot('land', takenBack);
    const form = page.locator('form[data-event="TAKE_BACK"]');
    // The organiser may be the bureau itself or a registered land-reserve centre (a holder organisation), never the holder it takes from.
    const organisers = await form.getByLabel('收回后组织调查的单位').locator('option').allInnerTexts();
    expect(organisers).toEqual(expect.arrayContaining([expect.stringContaining(`${orgName('land')}（本局`), expect.stringContaining(orgName('holder2'))]));
    expect(organisers.join()).not.toContain(orgName('holder'));
    expect(await readable(form)).toContain('第六十八条');
    await form.getByLabel('收回决定文号').fill('上政土收〔2026〕3号');
    await form.getByLabel('收回决定日期').fill(appDate(c.t));
    await form.getByLabel('收回后组织调查的单位').selectOption(c.t.demo.organisations.land);
    await form.getByLabel('是土壤污染责任人').check();
    await screenshotOf(page.locator('.action-card[data-event="TAKE_BACK"]'), 'part2-take-back-form');
    const said = await decide(page, form, 'part2-take-back-confirm', 'danger');
    expect(said).toContain(`收回后：地块的调查由${orgName('land')}组织，原土地使用权人不再办理本地块事项，但仍列为原权利人`);
    expect(said).toContain('由地方人民政府组织实施');
    expect(await outcome(page, form, '已办理“记录土地使用权收回”')).toContain('疑似污染地块');
    const parties = page.getByTestId('parties');
    expect(await parties.innerText()).toContain(`现土地使用权人\n${orgName('land')}`);
  });

  it('土壤法第六十八条: the former holder opens the plot, is named as former holder and responsible party, and is offered nothing to do', async () => {
    const page = await openPlot('holder', takenBack);
    const parties = page.getByTestId('parties');
    const text = await readable(parties);
    expect(await page.getByTestId('former-holders').innerText()).toContain(`${orgName('holder')}：土地使用权被收回，${appDate(c.t)}；收回决定文号 上政土收〔2026〕3号`);
    expect(text).toContain(`承担调查义务的单位\n${orgName('land')}`);
    expect(text).toContain(`承担风险管控和修复义务的单位\n${orgName('land')}`);
    expect(text).toContain('风险管控和修复义务的依据\n地方人民政府组织实施（第六十八条）');
    expect(text).toContain(`${orgName('holder')}，已认定（上政土收〔2026〕3号`);
    expect(await page.locator('.action-card').count()).toBe(0);
    expect(await page.locator('#actions').innerText()).toContain('您现在没有需要在此地块上办理的事项。');
    expect(await page.locator('#facts').innerText()).toContain('登记原因\n疑似污染地块');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshotOf(page.locator('#parties'), 'part2-parties-former-holder');
    await screenshot(page, 'part2-plot-former-holder');
  });

  let released: Journey;

  it('土壤法第四十二条第三款: the district bureau sets an aftercare obligation on a released plot; the holder fulfils it with its monitoring report', async () => {
    released = await startJourney(c.t, { plannedUse: '工业用地' });
    for (const step of fullLifecycle(c.t)) await step.run(c.t, released);
    const eeb = await openPlot('eeb', released);
    const add = eeb.locator('form[data-event="ADD_AFTERCARE"]');
    await add.getByLabel('长期监测').check();
    await add.getByLabel('后期管理内容').fill('地下水长期监测（每半年一次）');
    await add.getByLabel('履行期限').fill(appDate(c.t, 6));
    await add.getByLabel('使用限制（可选）').fill('禁止开采浅层地下水');
    const said = await decide(eeb, add, 'part2-aftercare-confirm', 'normal');
    expect(said).toContain(`设定后：${orgName('holder')}须在 ${appDate(c.t, 6)} 前履行并报告`);
    await outcome(eeb, add, '已办理“设定后期管理要求”');
    expect(await readable(eeb.getByTestId('aftercare'))).toContain('未履行');

    // A released plot takes monitoring reports from whoever answers for it (aftercare), nothing else.
    const holder = await openPlot('holder', released);
    expect(await holder.locator('.upload-card').getByLabel('报告类型').locator('option').allInnerTexts()).toEqual(['定期监测报告']);
    await upload(c.t, 'holder', released.plotId, 'monitoring', {}, CLEAN);
    const page = await openPlot('holder', released);
    const form = page.locator('form[data-event="FULFIL_AFTERCARE"]');
    expect(await form.getByLabel('后期管理要求').locator('option').allInnerTexts()).toEqual([`地下水长期监测（每半年一次）（长期监测，期限 ${appDate(c.t, 6)}）`]);
    expect(await form.locator('[data-field="reportId"]').isVisible()).toBe(true);
    await form.getByLabel('履行情况').fill('第一次监测，未超过筛选值');
    await decide(page, form, 'part2-fulfil-confirm', 'normal');
    await outcome(page, form, '已办理“报告后期管理要求已履行”');
    const list = await readable(page.getByTestId('aftercare'));
    expect(list).toContain(`已履行（${appDate(c.t)}）：第一次监测，未超过筛选值`);
    expect(list).toContain('禁止开采浅层地下水');
    await screenshotOf(page.locator('#aftercare'), 'part2-aftercare');
  });

  it('终身责任制, 土壤法第五十九条第二款: the district bureau reopens a released plot for 住宅 through its form; the page keeps the earlier round', async () => {
    const j = released;
    const page = await openPlot('eeb', j);
    expect(await page.locator('.plot-state .stage-badge').innerText()).toContain('移出名录');
    expect(await page.getByTestId('reopenings').count()).toBe(0);
    const form = page.locator('form[data-event="REOPEN"]');
    const use = form.locator('[data-field="plannedUse"]');
    const evidence = form.locator('[data-field="evidenceReportId"]');
    await form.getByLabel('用途变更为住宅、公共管理与公共服务用地').check();
    expect(await use.isVisible()).toBe(true);
    expect(await evidence.isVisible()).toBe(false);
    // Only the uses art. 59 names are offered.
    const uses = await form.getByLabel('变更后的规划用途').locator('option').allInnerTexts();
    expect(uses).toEqual(expect.arrayContaining(['住宅', '公共管理与公共服务用地', '中小学用地']));
    expect(uses).not.toContain('工业');
    await form.getByLabel('发现新的污染证据').check();
    expect(await use.isVisible()).toBe(false);
    expect(await evidence.isVisible()).toBe(true);
    await form.getByLabel('用途变更为住宅、公共管理与公共服务用地').check();
    await form.getByLabel('变更后的规划用途').selectOption('住宅');
    await form.getByLabel('理由').fill('控规调整为二类居住用地');
    await screenshotOf(page.locator('.action-card[data-event="REOPEN"]'), 'part2-reopen-form');
    const said = await decide(page, form, 'part2-reopen-confirm', 'danger');
    expect(said).toContain('重新启动后：地块回到初步调查阶段');
    expect(said).toContain('规划用途改为“住宅”');
    expect(await outcome(page, form, '已办理“重新启动土壤污染状况调查”')).toContain('初步调查');
    const history = page.getByTestId('reopenings');
    const text = await readable(history);
    expect(text).toContain('第 2 轮调查');
    expect(text).toContain('用途变更');
    expect(text).toContain('规划用途变更为 住宅');
    // fullLifecycle's effect evaluation permits the first class.
    expect(text).toContain('移出名录，准予第一类用地');
    expect(text).toContain('控规调整为二类居住用地');
    expect(await page.locator('#facts').innerText()).toContain('居住用地');
    expect(await page.locator('main').innerText()).not.toMatch(CODES);
    await screenshotOf(page.locator('#reopenings'), 'part2-reopenings');
    await page.screenshot({ path: join(SCREENSHOTS, 'part2-plot-reopened.png') });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOTS, 'part2-plot-reopened-top.png') });
  });

  it('土壤法第六十三条第一项: the district bureau places a risk-control plot under a control zone, ticking media with their intervals; the page lists each next due date', async () => {
    const j = await startJourney(c.t);
    await runUntil(c.t, j, fullLifecycle(c.t), 'FILE_REMEDIATION_PLAN');
    const plan = await upload(c.t, 'holder', j.plotId, 'control_plan', { technology: '暂不开发利用，划定管控区域' });
    await send(c.t, 'holder', j.plotId, { type: 'FILE_CONTROL_PLAN', reportId: plan.id });
    const page = await openPlot('eeb', j);
    const form = page.locator('form[data-event="PLACE_UNDER_CONTROL_ZONE"]');
    await form.getByLabel('管控区域公告文号').fill('上环告〔2026〕5号');
    await form.getByLabel('设立标识日期').fill(appDate(c.t));
    expect(await form.getByLabel('空气监测周期（月）').isVisible()).toBe(false);
    await form.getByLabel('土壤', { exact: true }).uncheck();
    await form.getByLabel('空气', { exact: true }).check();
    await form.getByLabel('空气监测周期（月）').fill('3');
    expect(await form.getByLabel('土壤监测周期（月）').isVisible()).toBe(false);
    await screenshotOf(page.locator('.action-card[data-event="PLACE_UNDER_CONTROL_ZONE"]'), 'part2-zone-form');
    const said = await decide(page, form, 'part2-zone-confirm', 'normal');
    expect(said).toContain('地下水每 6 个月、空气每 3 个月监测一次');
    await outcome(page, form, '已办理“划定管控区域（暂不开发利用）”');
    const zone = await readable(page.getByTestId('control-zone'));
    expect(zone).toContain('上环告〔2026〕5号');
    expect(zone).toContain(`地下水\t每 6 个月\t${appDate(c.t, 6)}\t尚未报送`);
    expect(zone).toContain(`空气\t每 3 个月\t${appDate(c.t, 3)}\t尚未报送`);
    expect(zone).not.toContain('土壤\t');
    await screenshotOf(page.locator('#control-zone'), 'part2-control-zone');
  });

  it('HJ 25.1-2019, 土壤法第五十九条: a change-of-use plot may end at the first stage through the report form; a suspected plot is not offered it', async () => {
    const org = c.t.demo.organisations;
    const start = async (overrides: Record<string, unknown>) => {
      const j = await startJourney(c.t, overrides);
      await send(c.t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
      await send(c.t, 'holder', j.plotId, { type: 'START_INVESTIGATION' });
      await upload(c.t, 'consultant', j.plotId, 'preliminary_investigation');
      return j;
    };
    const suspected = await start({});
    const plain = await openPlot('consultant', suspected);
    expect(await plain.locator('form[data-event="SUBMIT_REPORT"]').count()).toBe(1);
    expect(await plain.getByLabel(/第一阶段调查即结束/).count()).toBe(0);

    const change = await start({ registrationReason: 'useChange', formerIndustry: '仓储（无生产工序）' });
    const page = await openPlot('consultant', change);
    expect(await page.locator('#facts').innerText()).toContain('登记原因\n用途变更为住宅、公共管理与公共服务用地');
    const form = page.locator('form[data-event="SUBMIT_REPORT"]');
    await form.getByLabel('第一阶段调查即结束（未发现可能的污染源，HJ 25.1-2019）').check();
    await screenshotOf(page.locator('.action-card[data-event="SUBMIT_REPORT"]'), 'part2-first-stage-form');
    const said = await decide(page, form, 'part2-first-stage-confirm', 'normal');
    expect(said).toContain('第一阶段调查结论');
    expect(await outcome(page, form, '已办理“提交报告”')).toContain('评审');
    const plot = (await c.t.http.get(`/plots/${change.plotId}`).set(await c.t.as('eeb')).expect(200)).body;
    expect(plot.context.firstStageOnly).toBe(true);
    cleared = change;
  });

  let cleared: Journey;

  it('终身责任制, 土壤法第五十九条: the district bureau uploads its verification monitoring of a cleared plot and reopens it on that evidence', async () => {
    for (const step of expertReview('eeb')) await step.run(c.t, cleared);
    await send(c.t, 'eeb', cleared.plotId, { type: 'APPROVE', opinion: '第一阶段调查未发现可能的污染源，调查结束' });
    await send(c.t, 'land', cleared.plotId, { type: 'APPROVE', opinion: '同意' });
    const page = await openPlot('eeb', cleared);
    const card = page.locator('.upload-card');
    expect(await card.getByLabel('报告类型').locator('option').allInnerTexts()).toEqual(['定期监测报告']);
    const up = card.locator('form[data-kind="monitoring"]');
    await up.getByLabel('报告文件（PDF）').setInputFiles({ name: 'verification.pdf', mimeType: 'application/pdf', buffer: await makePdf('verification sampling') });
    await up.getByLabel(/样品检测数据/).setInputFiles({ name: 'samples.csv', mimeType: 'text/csv', buffer: Buffer.from(samplesCsv(CONTAMINATED)) });
    await up.locator('button[type="submit"]').click();
    expect(await outcome(page, up, '已上传定期监测报告')).toContain('超过');
    const form = page.locator('form[data-event="REOPEN"]');
    await form.getByLabel('发现新的污染证据').check();
    expect(await form.getByLabel('新的污染证据（定期监测报告）').locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^定期监测报告 · /)]);
    await form.getByLabel('理由').fill('区生态环境局核查采样发现超过筛选值');
    const said = await decide(page, form, 'part2-reopen-evidence-confirm', 'danger');
    expect(said).not.toContain('规划用途改为');
    await outcome(page, form, '已办理“重新启动土壤污染状况调查”');
    const text = await page.getByTestId('reopenings').innerText();
    expect(text).toContain('发现新的污染证据');
    expect(text).toMatch(/定期监测报告 · \S+\.pdf/);
    expect(text).toContain('非污染地块');
  });
});
