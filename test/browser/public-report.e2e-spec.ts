import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makePdf } from '../factories/files';
import { FakeClock } from '../helpers/fake-clock';
import { confirm, describeInBrowser, newContext, screenshot, startConsole, type Console } from './harness';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/**
 * 12369 公众举报 in a real browser (issue 21, 土壤法第八十四条): a member of the public sends a report with a photo from
 * the public page without logging in and is shown a receipt code; the district bureau takes the case from its list
 * through every handling form (each confirmed with its outcome) to closed; the reply is read by receipt code.
 */
describeInBrowser('12369 public report from the public page to closed, in a real browser [embedded]', () => {
  let c: Console;
  const clock = new FakeClock('2026-05-06');
  const errors: string[] = [];
  const CODES = /\b(received|assigned|siteCheck|handled|replied|closed|ASSIGN|RECORD_\w+|REPLY|CLOSE|public_report|HTTP \d{3}|undefined|null|NaN)\b/;

  beforeAll(async () => {
    c = await startConsole({ clock });
  });
  afterAll(() => c?.close());

  const watch = async (page: Page) => {
    await page.clock.setFixedTime(clock.now());
    page.on('pageerror', (e) => errors.push(String(e)));
  };

  it('the public sends a report, the bureau handles it to closed, and the reply is read by receipt code (土壤法第八十四条)', async () => {
    const context = await newContext(c.browser, c.base);
    const pub = await context.newPage();
    await watch(pub);
    await pub.goto(`${c.base}/app/public/report`);
    const form = pub.locator('form');
    await form.getByLabel('看到的情况').fill('原化工厂旧址夜间有车辆倾倒黑色废液，气味刺鼻');
    await form.getByLabel('发生地所在区县').selectOption({ label: '郑州市上街区' });
    await form.getByLabel('地址或位置描述').fill('上街区工业路北段原化工厂东墙外');
    await form.getByLabel('发现日期').fill('2026-05-05');
    await form.getByLabel('联系人（可选）').fill('李先生');
    await form.getByLabel('联系电话（可选）').fill('13800000000');
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    writeFileSync(join(dir, '现场.png'), PNG);
    await pub.locator('#report-photos').setInputFiles(join(dir, '现场.png'));
    await form.locator('button[type="submit"]').click();
    expect(await confirm(pub)).toContain('郑州市上街区');
    const receipt = pub.locator('[data-receipt]');
    await receipt.waitFor();
    const code = (await receipt.getAttribute('data-receipt'))!;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    await screenshot(pub, 'public-report-receipt');

    const eeb = await c.as('eeb');
    await watch(eeb);
    // On the district bureau's to-do, opening the case; then also in the bureau's list of cases.
    await eeb.goto(`${c.base}/app/`);
    await eeb.getByRole('link', { name: /^公众举报 原化工厂旧址/ }).click();
    await eeb.getByRole('heading', { level: 1, name: '公众举报 · 已受理' }).waitFor();
    await eeb.goto(`${c.base}/app/public-reports`);
    await eeb.getByRole('link', { name: /原化工厂旧址/ }).click();
    await eeb.getByRole('heading', { level: 1, name: '公众举报 · 已受理' }).waitFor();
    expect(await eeb.locator('main').innerText()).toContain('李先生');
    const steps: Array<[string, (f: ReturnType<Page['locator']>) => Promise<void>, string]> = [
      ['分派承办人', (f) => f.getByLabel('承办人').fill('王科员'), '已分派承办人'],
      ['记录现场核查', (f) => f.getByLabel('核查情况').fill('现场发现倾倒痕迹和黑色液体'), '已现场核查'],
      ['记录处理措施', (f) => f.getByLabel('处理措施').fill('责令清理，立案调查'), '已处理'],
      ['答复举报人', (f) => f.getByLabel('答复内容（举报人凭回执码可见）').fill('经核查，举报情况属实，已责令清理并立案调查。'), '已答复'],
      ['作出奖励决定', async (f) => { await f.getByLabel('给予奖励').check(); await f.getByLabel('理由').fill('实名举报，查证属实'); await f.getByLabel('奖励金额（元）').fill('2000'); }, '已答复'],
      ['办结', async () => undefined, '已办结'],
    ];
    for (const [title, fill, status] of steps) {
      const card = eeb.locator('section', { has: eeb.getByRole('heading', { level: 2, name: title, exact: true }) });
      await fill(card.locator('form'));
      await card.locator('button[type="submit"]').click();
      const question = await confirm(eeb);
      expect(question).not.toMatch(CODES);
      await eeb.getByRole('heading', { level: 1, name: `公众举报 · ${status}` }).waitFor();
      if (title === '作出奖励决定') await eeb.getByText('给予奖励：实名举报，查证属实').waitFor();
    }
    expect(await eeb.locator('main').innerText()).not.toMatch(CODES);
    await screenshot(eeb, 'public-report-case-closed');

    await pub.goto(`${c.base}/app/public/report/${code}`);
    await pub.locator('[data-status]').filter({ hasText: '已办结' }).waitFor();
    const text = await pub.locator('main').innerText();
    expect(text).toContain('经核查，举报情况属实，已责令清理并立案调查。');
    expect(text).not.toMatch(/李先生|13800000000/);
    expect(text).not.toMatch(CODES);
    await screenshot(pub, 'public-report-status');
    expect(errors).toEqual([]);
  }, 120_000);

  it('一张图: the district bureau ticks 公众举报 and sees its located cases of the page\'s own window, each opening its case, never the reporter (土壤法第八十四条)', async () => {
    const eeb = await c.as('eeb');
    await watch(eeb);
    await eeb.goto(`${c.base}/app/map`);
    const toggle = eeb.getByTestId('cases-toggle');
    const show = async () => {
      const answer = eeb.waitForResponse((r) => r.url().includes('/public-reports/map?bbox=') && r.status() === 200);
      await toggle.check();
      const res = await answer;
      return { bbox: new URL(res.url()).searchParams.get('bbox')!.split(',').map(Number), api: (await res.json()) as { features: Array<{ id: string; properties: { description: string } }> } };
    };
    // The case sent from the public page above gave an address only: nothing to draw.
    const first = await show();
    expect(first.api.features).toEqual([]);
    await eeb.locator('[data-testid="map"][data-cases="0"]').waitFor();
    // A located report at the middle of the window, sent by the public form's API.
    const [w, s, e, n] = first.bbox;
    const body = new FormData();
    const fields = { description: '地图测试：空地上堆放破损的化工原料桶', jurisdiction: '410106', lon: ((w + e) / 2).toFixed(5), lat: ((s + n) / 2).toFixed(5), seenOn: '2026-05-05', contactName: '张女士' };
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    expect((await fetch(`${c.base}/public/reports`, { method: 'POST', body })).status).toBe(201);
    await toggle.uncheck();
    const { api } = await show();
    expect(api.features.some((f) => f.properties.description.startsWith('地图测试'))).toBe(true);
    await eeb.locator(`[data-testid="map"][data-cases="${api.features.length}"]`).waitFor();
    expect(await eeb.locator('[data-testid="map"] path.map-case').count()).toBe(api.features.length);
    expect(await eeb.getByTestId('cases-count').innerText()).toBe(`公众举报 ${api.features.length} 件`);
    expect(JSON.stringify(api)).not.toContain('张女士');
    await screenshot(eeb, 'map-public-reports');
    await eeb.locator('[data-testid="map"] path.map-case').last().dispatchEvent('click');
    await eeb.getByRole('heading', { level: 1, name: /^公众举报 · / }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('the credit records are public, and a 生态环境 bureau records a finding with its decision and ban on the firm\'s page (上政文〔2017〕147号 三（六）3; 土壤法第九十条)', async () => {
    const eeb = await c.as('eeb');
    await eeb.goto(`${c.base}/app/credit`);
    await eeb.getByRole('link', { name: '某修复效果评估有限公司' }).click();
    await eeb.getByRole('heading', { level: 1, name: '某修复效果评估有限公司' }).waitFor();
    // Each signatory's figures, by name only: none before the firm has a report under review (the console's data has no plots).
    const signatories = eeb.locator('section', { has: eeb.getByRole('heading', { level: 2, name: '签字人员' }) });
    await signatories.getByText('尚无报送记录。').waitFor();
    const card = eeb.locator('section', { has: eeb.getByRole('heading', { level: 2, name: '记录失信认定' }) });
    const form = card.locator('form');
    await form.getByLabel('认定事项').selectOption({ label: '出具虚假报告' });
    await form.getByLabel('认定事实').fill('出具虚假修复效果评估报告');
    await form.getByLabel('决定文号').fill('上环罚〔2026〕7号');
    await form.getByLabel('决定日期').fill('2026-05-01');
    await form.getByLabel('禁止从业起始日期（可不填）').fill('2026-05-02');
    await form.getByLabel('禁止从业截止日期').fill('2027-05-01');
    const dir = mkdtempSync(join(tmpdir(), 'finding-'));
    writeFileSync(join(dir, '决定书.pdf'), await makePdf('Decision'));
    await form.getByLabel('决定书（PDF）').setInputFiles(join(dir, '决定书.pdf'));
    await form.locator('button[type="submit"]').click();
    expect(await confirm(eeb)).toContain('2026-05-02 至 2027-05-01 禁止从业');
    await eeb.getByText('禁止从业中：郑州市生态环境局上街分局《上环罚〔2026〕7号》，2026-05-02 至 2027-05-01（土壤法第九十条）').waitFor();
    await screenshot(eeb, 'credit-firm-banned');
    const pub = await (await newContext(c.browser, c.base)).newPage();
    await pub.goto(`${c.base}/app/credit`);
    await pub.getByText('禁止从业至 2027-05-01').waitFor();
    const text = await pub.locator('main').innerText();
    expect(text).toContain('第三方机构诚信档案');
    expect(text).not.toMatch(/\b(false_report|null|undefined|NaN)\b/);
    await screenshot(pub, 'credit-ranking');
    expect(errors).toEqual([]);
  }, 60_000);
});
