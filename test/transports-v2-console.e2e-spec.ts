import type { Page } from 'playwright-core';
import { FakeClock } from './helpers/fake-clock';
import { describeInBrowser, outcome, refusal, screenshotOf, startConsole, submit, type Console } from './browser/harness';
import { openTransport, plotInRemediationWorks, receiptReport, sendTransport, transportPlan } from './factories/transports';

/**
 * The console's transport page on soil-transport v2 in Debian's Chromium: a hazardous plan of 120 t dispatched in
 * two batches through the forms, each with its 危险废物转移联单编号, received batch by batch and completed by the holder.
 */
describeInBrowser('soil transport v2 in the console [embedded]', () => {
  let c: Console;
  let plotId: string;
  let id: string;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    c = await startConsole({ clock });
    plotId = (await plotInRemediationWorks(c.t)).plotId;
    id = (await openTransport(c.t, plotId)).id;
    await sendTransport(c.t, 'holder', id, transportPlan('2026-07-13', { hazardousWaste: true, receiverLicenceNo: 'HW4101-0001' }));
    await sendTransport(c.t, 'eeb', id, { type: 'ACKNOWLEDGE' });
    await sendTransport(c.t, 'eeb-xy', id, { type: 'ACKNOWLEDGE' });
    clock.at('2026-07-13');
  });
  afterAll(() => c?.close());

  async function transportPage(username: string): Promise<Page> {
    const page = await c.as(username);
    await page.goto(`${c.base}/app/transports/${id}`);
    await page.getByRole('heading', { level: 1, name: /污染土壤转运/ }).waitFor();
    return page;
  }

  async function act(type: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>, expected: string) {
    const page = await transportPage('holder');
    const form = page.locator(`form[data-transport-event="${type}"]`);
    await fill(form);
    await submit(page, form);
    expect(await outcome(page, form, expected)).toContain('已办理');
    return page;
  }

  it('《危险废物转移管理办法》: the dispatch form of a hazardous plan asks for each batch’s 危险废物转移联单编号 and says what may still leave', async () => {
    const page = await transportPage('holder');
    expect(await page.locator('#transports').innerText()).toContain('HW4101-0001');
    const form = page.locator('form[data-transport-event="DISPATCH"]');
    expect(await form.innerText()).toContain('尚可发运 120 吨');
    await form.getByLabel('联单号').fill('ZY-2026-0001');
    await form.getByLabel('发运量（吨）').fill('50');
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain('请先更正');
    expect(await form.locator('[data-field="hazardousManifestNo"] .field-error').innerText()).toBe('必填');
  });

  it('土壤法第四十一条: two batches leave, the second refused above the plan’s remainder by the form, and show with the totals', async () => {
    await act('DISPATCH', async (f) => {
      await f.getByLabel('联单号').fill('ZY-2026-0001');
      await f.getByLabel('危险废物转移联单编号').fill('4101062026070001');
      await f.getByLabel('发运量（吨）').fill('50');
    }, '发运一批');
    const page = await transportPage('holder');
    const form = page.locator('form[data-transport-event="DISPATCH"]');
    expect(await form.innerText()).toContain('尚可发运 70 吨');
    await form.getByLabel('联单号').fill('ZY-2026-0002');
    await form.getByLabel('危险废物转移联单编号').fill('4101062026070002');
    await form.getByLabel('发运量（吨）').fill('80');
    await form.locator('button[type="submit"]').click();
    expect(await refusal(form)).toContain('请先更正');
    await form.getByLabel('发运量（吨）').fill('30');
    await submit(page, form);
    await outcome(page, form, '发运一批');
    const batches = page.getByTestId('transport-batches');
    const text = await batches.innerText();
    for (const s of ['第 1 批', '第 2 批', '4101062026070002', '累计发运', '80 吨', '尚可发运', '40 吨', '在途']) expect(text).toContain(s);
    expect(text).not.toMatch(/inTransit|batchNo|quantityT/);
  });

  it('each batch is received on its own, then the holder completes the plan below its quantity', async () => {
    const first = await receiptReport(c.t, plotId, 49);
    await act('RECORD_RECEIPT', async (f) => {
      await f.getByLabel('接收的批次').selectOption('1');
      await f.getByLabel('接收量（吨）').fill('49');
      await f.getByLabel(/接收证明/).selectOption(first);
    }, '登记本批接收');
    const second = await receiptReport(c.t, plotId, 30);
    const page = await act('RECORD_RECEIPT', async (f) => {
      expect(await f.getByLabel('接收的批次').locator('option').count()).toBe(1);
      await f.getByLabel('接收量（吨）').fill('30');
      await f.getByLabel(/接收证明/).selectOption(second);
    }, '登记本批接收');
    expect(await page.locator('form[data-transport-event="RECORD_RECEIPT"]').count()).toBe(0);
    const complete = page.locator('form[data-transport-event="COMPLETE"]');
    expect(await complete.innerText()).toContain('已发运 80 吨，已接收 79 吨');
    await submit(page, complete);
    await outcome(page, complete, '转运完成');
    const card = page.locator('#transports');
    expect(await card.innerText()).toContain('转运完成');
    expect(await card.innerText()).toContain('累计接收');
    await screenshotOf(card, 'transports-v2-completed');
  });
});
