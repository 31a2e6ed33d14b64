import type { Locator, Page } from 'playwright-core';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '../../src/demo/demo-directory';
import { makePdf, samplesCsv, type SampleSpec } from '../factories/files';
import { outcome, submit, type Console } from './harness';

type Fill = (form: Locator) => Promise<void>;

const orgName = (key: string) => DEMO_ORGANISATIONS.find((o) => o.key === key)!.name;
const userName = (username: string) => DEMO_USERS.find((u) => u.username === username)!.displayName;

/** The demo experts (two of 某环境科学研究院, one of 某大学环境学院), each a user who gives their own opinion. */
export const DEMO_PANEL = [
  { username: 'expert1', name: '钱研究员', title: '研究员', org: 'institute', opinion: '报告内容基本完整，同意通过' },
  { username: 'expert2', name: '何高工', title: '高级工程师', org: 'institute', opinion: '同意' },
  { username: 'expert3', name: '林教授', title: '教授', org: 'university', opinion: '同意，建议补充地下水监测' },
];

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

  /**
   * 环办土壤〔2019〕63号 in the forms: the organising bureau forms a panel of the three demo experts (each named
   * with their organisation and user), each expert gives their own opinion on their page, the bureau concludes 通过.
   */
  async expertPanel(organiser: string, summary = '专家组同意通过') {
    const page = await this.open(organiser);
    const form = page.locator('form[data-event="FORM_PANEL"]');
    for (const [i, e] of DEMO_PANEL.entries()) {
      const row = form.locator(`.expert-row[data-row="${i}"]`);
      await row.getByLabel('姓名').fill(e.name);
      await row.getByLabel('职称（可选）').fill(e.title);
      await row.getByLabel('所在单位').selectOption({ label: orgName(e.org) });
      await row.getByLabel(/专家用户/).selectOption({ label: userName(e.username) });
    }
    await submit(page, form);
    expect(await outcome(page, form)).toContain('已办理“组织专家评审”');
    for (const e of DEMO_PANEL) {
      const mine = await this.open(e.username);
      const opinion = mine.locator('form[data-event="RECORD_EXPERT_OPINION"]');
      // An expert is offered only their own place on the panel.
      expect(await opinion.getByLabel('专家').locator('option').allInnerTexts()).toEqual([expect.stringContaining(e.name)]);
      await opinion.getByLabel('评审意见').fill(e.opinion);
      await submit(mine, opinion);
      expect(await outcome(mine, opinion)).toContain('已办理“记录专家意见”');
    }
    const done = await this.act(organiser, 'CONCLUDE_PANEL', async (f) => {
      await f.getByLabel('通过', { exact: true }).check();
      await f.getByLabel('结论说明').fill(summary);
    });
    expect(await done.getByTestId('round-conclusion').innerText()).toContain('通过');
    return done;
  }

  /** 报送 (土壤法第六十条, 第六十六条): the district forwards what the province decides, after the confirmation. */
  forward(username: string, note: string) {
    return this.act(username, 'FORWARD', (f) => f.getByLabel('报送说明（可选）').fill(note));
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
    const row = page.getByTestId('todo').locator('tr', { hasText: this.code });
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
