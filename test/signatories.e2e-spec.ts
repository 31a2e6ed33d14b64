import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../src/demo/demo-directory';
import { FilingService } from '../src/documents/filing.service';
import { referencePath } from '../src/reference/reference-files';
import { pdfPages, popplerOrSkip, squeeze } from '../templates/pdf-tools';
import { CLEAN, CONTAMINATED, registerPlot, send, upload } from './factories/plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

const haveText = popplerOrSkip();

interface DocumentView {
  id: string;
  kind: string;
  variant: string | null;
  number: string;
  issuer: string;
}

const displayName = (username: string) => DEMO_USERS.find((u) => u.username === username)!.displayName;
const cst = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const monthsFromNow = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + n);
  return cst(d);
};

/** How the province's two decisions are taken: in the system by its officers, or outside it and recorded by the district. */
type Decide = (step: 'riskAssessment' | 'removal') => Promise<void>;

/**
 * A v2 plot through the whole law: the district reviews the investigation, the province reviews the risk assessment,
 * lists the plot and removes it (土壤法第五十九条至第六十六条), the district's reviews after their expert panels
 * (环办土壤〔2019〕63号). `decide` takes the province's decisions. Returns the plot's documents once filed.
 */
async function throughTheLaw(t: TestApp, plotId: string, decide: Decide): Promise<DocumentView[]> {
  const org = t.demo.organisations;
  const ev = (as: string, event: Record<string, unknown>) => send(t, as, plotId, event);
  const submitted = async (as: string, kind: string, conclusion: Record<string, unknown> = {}, samples?: typeof CLEAN) => {
    const report = await upload(t, as, plotId, kind, conclusion, samples);
    await ev(as, { type: 'SUBMIT_REPORT', reportId: report.id });
  };
  await ev('eeb', { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: monthsFromNow(3) });
  await ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
  await ev('holder', { type: 'START_INVESTIGATION' });
  // 初步调查、详细调查: the district's 生态环境 会同 自然资源 (土壤法第五十九条第三款)
  for (const kind of ['preliminary_investigation', 'detailed_investigation']) {
    await submitted('consultant', kind, {}, CONTAMINATED);
    await panel(t, plotId, 'eeb');
    await ev('eeb', { type: 'APPROVE', opinion: '同意' });
    await ev('land', { type: 'APPROVE', opinion: '同意' });
  }
  // 风险评估: reported to the province (第六十条), which reviews it 会同 自然资源 and lists the plot (第六十一条)
  await ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'riskAssessment' });
  await submitted('consultant', 'risk_assessment', { riskAcceptable: false, pollutants: ['砷', '铅'] });
  await ev('eeb', { type: 'FORWARD', note: '报送省级评审' });
  await decide('riskAssessment');
  await ev('land', { type: 'SET_PRIORITY', rank: 1, negativeList: ['住宅'] });
  const plan = await upload(t, 'holder', plotId, 'remediation_plan', { targets: '砷 ≤ 20 mg/kg' });
  await ev('holder', { type: 'FILE_REMEDIATION_PLAN', reportId: plan.id });
  await ev('eeb', { type: 'ACKNOWLEDGE_FILING' });
  await ev('holder', {
    type: 'START_WORKS',
    noticeBoard: {
      project: '原铝厂地块土壤修复工程', contractorOrganisationId: org.contractor, measures: '异位固化稳定化',
      contact: '0371-00000000', startDate: cst(new Date()), endDate: monthsFromNow(6),
    },
  });
  await ev('holder', { type: 'COMPLETE_WORKS' });
  // 效果评估: filed with the district (第六十五条), public for two months (42号令) before removal is applied for
  await ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant2, work: 'effectEvaluation' });
  await submitted('consultant2', 'effect_evaluation', { targetsAchieved: true, permittedLandClass: 1 }, CLEAN);
  await panel(t, plotId, 'eeb');
  await ev('eeb', { type: 'APPROVE', opinion: '达到修复目标' });
  await ev('holder', { type: 'RECORD_DISCLOSURE', work: 'effectEvaluation', publishedOn: monthsFromNow(-3), place: '本单位网站' });
  // 移出名录: applied for to the province, decided by it 会同 自然资源 (第六十六条)
  await ev('holder', { type: 'APPLY_REMOVAL' });
  await ev('eeb', { type: 'FORWARD', note: '报送省级审查' });
  await decide('removal');
  await t.app.get(FilingService).drain();
  return (await t.http.get(`/plots/${plotId}/documents`).set(await t.as('eeb')).expect(200)).body;
}

/** 专家评审 (环办土壤〔2019〕63号): three registered experts, none of the author, the holder or the contractor (回避). */
async function panel(t: TestApp, plotId: string, as: string) {
  const org = t.demo.organisations;
  await send(t, as, plotId, {
    type: 'FORM_PANEL',
    experts: [
      { name: '钱研究员', organisationId: org.institute, title: '研究员' },
      { name: '何高工', organisationId: org.institute, title: '高级工程师' },
      { name: '林教授', organisationId: org.university, title: '教授' },
    ],
  });
  for (const [expertIndex, opinion] of ['报告结论可信。', '建议补充地下水监测。', '同意通过。'].entries()) {
    await send(t, as, plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex, opinion });
  }
  await send(t, as, plotId, { type: 'CONCLUDE_PANEL', conclusion: 'pass', summary: '专家组一致同意通过评审。' });
}

async function pdfText(t: TestApp, d: DocumentView): Promise<string[]> {
  const res = await t.http.get(`/documents/${d.id}/pdf`).set(await t.as('eeb')).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  }).expect(200);
  return pdfPages(res.body as Buffer).map(squeeze);
}

const pick = (docs: DocumentView[], kind: string, variant: string | null, nth = 0) => docs.filter((d) => d.kind === kind && d.variant === variant)[nth];
const withText = haveText ? it : it.skip;

describeEachDatabase('signatories: the documents of the province\'s decisions carry its letterhead and its deciding officer (issue 15)', (target) => {
  let t: TestApp;
  let docs: DocumentView[];
  const find = (kind: string, variant: string | null, nth = 0) => pick(docs, kind, variant, nth);

  beforeAll(async () => {
    t = await startTestApp(target);
    const plotId = (await registerPlot(t)).id;
    // The province decides in the system, after its panel for the risk assessment; its 自然资源厅 approves last each time.
    docs = await throughTheLaw(t, plotId, async (step) => {
      if (step === 'riskAssessment') await panel(t, plotId, 'eeb-prov');
      await send(t, 'eeb-prov', plotId, { type: 'APPROVE', opinion: step === 'riskAssessment' ? '风险不可接受，同意纳入名录' : '同意移出' });
      await send(t, 'land-prov', plotId, { type: 'APPROVE', opinion: '同意' });
    });
  });
  afterAll(() => t?.close());

  it('the province\'s documents are numbered by the province (豫环…), gap-free apart from the district\'s (上环…) (DESIGN §4: per issuing body)', () => {
    const risk = find('D4', 'approved', 2);
    expect([risk.issuer, risk.number]).toEqual(['河南省生态环境厅', expect.stringMatching(/^豫环土审〔\d{4}〕0001号$/)]);
    expect(find('D6', 'listing').number).toMatch(/^豫环土告〔\d{4}〕0001号$/);
    expect(find('D12', 'decision').number).toMatch(/^豫环土移〔\d{4}〕0002号$/);
    expect(find('D4', 'approved', 0).number).toMatch(/^上环土审〔\d{4}〕0001号$/);
    expect(find('D6', 'priority').issuer).toBe('郑州市上街区自然资源局');
  });

  withText('D4 and D6 of the risk assessment and the D12 removal decision read back with the province\'s letterhead and its deciding officer as 签发人, though the 自然资源厅 approved last (土壤法第六十一条、第六十六条)', async () => {
    const signer = displayName('eeb-prov');
    for (const d of [find('D4', 'approved', 2), find('D6', 'listing'), find('D12', 'decision')]) {
      const pages = await pdfText(t, d);
      expect(pages[0].startsWith('河南省生态环境厅')).toBe(true);
      expect(pages.join('')).toContain(squeeze(`签发人：${signer}`));
      expect(pages.join('')).not.toContain(squeeze(`签发人：${displayName('land-prov')}`));
    }
  });

  withText('the risk-assessment D4 lists the province\'s expert panel and its conclusion (环办土壤〔2019〕63号)', async () => {
    const all = (await pdfText(t, find('D4', 'approved', 2))).join('');
    for (const part of ['专家评审', '钱研究员', '某环境科学研究院', '林教授', '某大学环境学院', '评审结论通过']) expect(all).toContain(part);
  });

  withText('the holder\'s own filings name it as 填报单位: the removal application (D12) and the notice board (D9) (土壤法第四十条、第六十六条)', async () => {
    for (const d of [find('D12', 'application'), find('D9', null)]) {
      const all = (await pdfText(t, d)).join('');
      expect(all).toContain(squeeze('填报单位：上街区某铝业有限公司'));
      expect(all).not.toContain('签发人');
    }
  });
});

describeEachDatabase('signatories: a province outside the system — the district records its decisions (DESIGN §1.1, recorded decisions)', (target) => {
  let t: TestApp;
  let docs: DocumentView[];
  const find = (kind: string, variant: string | null, nth = 0) => pick(docs, kind, variant, nth);
  const NUMBERS = { riskAssessment: '豫环审〔2026〕38号', removal: '豫环移〔2026〕12号' };

  beforeAll(async () => {
    const steps = JSON.parse(readFileSync(referencePath('decision-steps.json'), 'utf8'));
    steps.steps.riskAssessmentReview.mode = 'recorded';
    steps.steps.removal.mode = 'recorded';
    const file = join(mkdtempSync(join(tmpdir(), 'decision-steps-')), 'decision-steps.json');
    writeFileSync(file, JSON.stringify(steps));
    t = await startTestApp(target, { DECISION_STEPS_FILE: file });
    const plotId = (await registerPlot(t)).id;
    docs = await throughTheLaw(t, plotId, async (step) => {
      const scan = await upload(t, 'eeb', plotId, 'decision_record', { summary: '省级决定文书扫描件' });
      await send(t, 'eeb', plotId, {
        type: 'RECORD_DECISION', documentNumber: NUMBERS[step], decisionDate: cst(new Date()), outcome: 'approved', scanReportId: scan.id,
      });
    });
  });
  afterAll(() => t?.close());

  it('the recorded decisions are the district\'s records, numbered by the district (上环…) (DESIGN §4: per issuing body)', () => {
    for (const d of [find('D4', 'approved', 2), find('D6', 'listing'), find('D12', 'decision')]) {
      expect([d.issuer, d.number]).toEqual(['郑州市生态环境局上街分局', expect.stringMatching(/^上环/)]);
    }
  });

  withText('D4, D6 and D12 name the 决定机关 (the province 会同), the decision\'s own 文号 and the 录入人, and no 签发人 of the district for a decision it did not take', async () => {
    const recorder = displayName('eeb');
    const cases: Array<[DocumentView, string]> = [
      [find('D4', 'approved', 2), NUMBERS.riskAssessment], [find('D6', 'listing'), NUMBERS.riskAssessment], [find('D12', 'decision'), NUMBERS.removal],
    ];
    for (const [d, number] of cases) {
      const all = (await pdfText(t, d)).join('');
      expect(all.startsWith('郑州市生态环境局上街分局')).toBe(true);
      expect(all).toContain(squeeze('决定机关河南省生态环境厅 会同 河南省自然资源厅'));
      expect(all).toContain(squeeze(`决定文号${number}`));
      expect(all).toContain(squeeze(`录入人：${recorder}`));
      expect(all).toContain('决定文书扫描件');
      expect(all).not.toContain('签发人');
    }
  });
});
