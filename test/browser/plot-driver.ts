import type { Locator, Page } from 'playwright-core';
import { makePdf, samplesCsv, type SampleSpec } from '../factories/files';
import { outcome, submit, type Console } from './harness';

type Fill = (form: Locator) => Promise<void>;

/** Drives one plot through the console's plot page, as whichever demo user each step needs. */
export class PlotDriver {
  id = '';

  constructor(
    private readonly c: Console,
    readonly code: string,
  ) {}

  async open(username: string): Promise<Page> {
    const page = await this.c.as(username);
    await page.goto(`${this.c.base}/app/plots/${this.id}`);
    await this.heading(page);
    return page;
  }

  /** Waits for the plot page; a page that shows an error instead fails with that error's text. */
  async heading(page: Page) {
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(this.code) });
    const error = page.locator('main .notice-error').first();
    await heading.or(error).first().waitFor();
    if (!(await heading.isVisible())) throw new Error(`plot page failed: ${await error.innerText()}`);
  }

  async stateOf(page: Page) {
    return (await page.locator('.plot-state .stage-badge').innerText()).trim();
  }

  /** Sends one event through its form; returns the page after the success notice. */
  async act(username: string, type: string, fill?: Fill) {
    const page = await this.open(username);
    const form = page.locator(`form[data-event="${type}"]`);
    if (fill) await fill(form);
    await submit(page, form);
    expect(await outcome(page, form)).toContain('已办理');
    return page;
  }

  approve(username: string, opinion: string) {
    return this.act(username, 'APPROVE', (f) => f.getByLabel('审查意见').fill(opinion));
  }

  /** Sends one event of the plot's (only) soil transport through its form. */
  async transport(username: string, type: string, fill?: Fill) {
    const page = await this.open(username);
    const form = page.locator(`form[data-transport-event="${type}"]`);
    if (fill) await fill(form);
    await form.locator('button[type="submit"]').click();
    expect(await outcome(page, form)).toContain('转运批次已办理');
    return page;
  }

  /**
   * Sends one event of the plot's (only) open soil transport from the transport's own page,
   * reached through the to-do list (how a destination bureau, which cannot open the plot, finds it).
   */
  async transportFromTodo(username: string, type: string, fill?: Fill) {
    const page = await this.c.as(username);
    await page.goto(`${this.c.base}/app/`);
    const row = page.locator('tr', { hasText: this.code });
    await row.locator('a[href^="/app/transports/"]').first().click();
    await page.getByRole('heading', { level: 1, name: /污染土壤转运/ }).waitFor();
    const form = page.locator(`form[data-transport-event="${type}"]`);
    if (fill) await fill(form);
    await form.locator('button[type="submit"]').click();
    expect(await outcome(page, form)).toContain('转运批次已办理');
    return page;
  }

  /** Uploads a report made on the spot (PDF, optional samples CSV) through the upload form. */
  async upload(username: string, kind: string, opts: { samples?: SampleSpec[]; conclusion?: Fill } = {}) {
    const page = await this.open(username);
    const card = page.locator('.upload-card');
    await card.getByLabel('报告类型').selectOption(kind);
    const form = card.locator(`form[data-kind="${kind}"]`);
    await form.getByLabel('报告文件（PDF）').setInputFiles({
      name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: await makePdf(`${kind} ${this.code}`),
    });
    if (opts.samples) {
      await form.getByLabel(/样品检测数据/).setInputFiles({ name: 'samples.csv', mimeType: 'text/csv', buffer: Buffer.from(samplesCsv(opts.samples)) });
    }
    if (opts.conclusion) await opts.conclusion(form);
    await form.locator('button[type="submit"]').click();
    const text = await outcome(page, form);
    expect(text).toContain('已上传');
    return { page, text };
  }
}
