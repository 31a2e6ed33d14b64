import { DEMO_USERS } from '../src/demo/demo-directory';
import { FilingService } from '../src/documents/filing.service';
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

/**
 * A v2 plot through the whole law with the default configuration (reference/decision-steps.json): the district
 * reviews the investigation, the province reviews the risk assessment, lists the plot and removes it (土壤法第五十九条
 * 至第六十六条), each review after its expert panel (环办土壤〔2019〕63号). The documents of the province's decisions
 * are read back as a person reads them.
 */
describeEachDatabase('signatories: the documents of the province\'s decisions carry its letterhead and its deciding officer (issue 15)', (target) => {
  let t: TestApp;
  let plotId: string;
  let docs: DocumentView[];

  const ev = (as: string, event: Record<string, unknown>) => send(t, as, plotId, event);
  const panel = async (as: string) => {
    const org = t.demo.organisations;
    await ev(as, {
      type: 'FORM_PANEL',
      experts: [
        { name: '钱研究员', organisationId: org.institute, title: '研究员' },
        { name: '何高工', organisationId: org.institute, title: '高级工程师' },
        { name: '林教授', organisationId: org.university, title: '教授' },
      ],
    });
    for (const [expertIndex, opinion] of ['报告结论可信。', '建议补充地下水监测。', '同意通过。'].entries()) {
      await ev(as, { type: 'RECORD_EXPERT_OPINION', expertIndex, opinion });
    }
    await ev(as, { type: 'CONCLUDE_PANEL', conclusion: 'pass', summary: '专家组一致同意通过评审。' });
  };
  const submitted = async (as: string, kind: string, conclusion: Record<string, unknown> = {}, samples?: typeof CLEAN) => {
    const report = await upload(t, as, plotId, kind, conclusion, samples);
    await ev(as, { type: 'SUBMIT_REPORT', reportId: report.id });
  };
  const text = async (d: DocumentView) => {
    const res = await t.http.get(`/documents/${d.id}/pdf`).set(await t.as('eeb')).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    return pdfPages(res.body as Buffer).map(squeeze);
  };
  const find = (kind: string, variant: string | null, nth = 0) => docs.filter((d) => d.kind === kind && d.variant === variant)[nth];

  beforeAll(async () => {
    t = await startTestApp(target);
    const org = t.demo.organisations;
    plotId = (await registerPlot(t)).id;
    await ev('eeb', { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: monthsFromNow(3) });
    await ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    await ev('holder', { type: 'START_INVESTIGATION' });
    // 初步调查、详细调查: the district's 生态环境 会同 自然资源 (土壤法第五十九条第三款)
    for (const kind of ['preliminary_investigation', 'detailed_investigation']) {
      await submitted('consultant', kind, {}, CONTAMINATED);
      await panel('eeb');
      await ev('eeb', { type: 'APPROVE', opinion: '同意' });
      await ev('land', { type: 'APPROVE', opinion: '同意' });
    }
    // 风险评估: reported to the province (第六十条), reviewed by it 会同 自然资源 (第六十一条); its 自然资源厅 approves last
    await ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'riskAssessment' });
    await submitted('consultant', 'risk_assessment', { riskAcceptable: false, pollutants: ['砷', '铅'] });
    await ev('eeb', { type: 'FORWARD', note: '报送省级评审' });
    await panel('eeb-prov');
    await ev('eeb-prov', { type: 'APPROVE', opinion: '风险不可接受，同意纳入名录' });
    await ev('land-prov', { type: 'APPROVE', opinion: '同意' });
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
    await panel('eeb');
    await ev('eeb', { type: 'APPROVE', opinion: '达到修复目标' });
    await ev('holder', { type: 'RECORD_DISCLOSURE', work: 'effectEvaluation', publishedOn: monthsFromNow(-3), place: '本单位网站' });
    // 移出名录: applied for to the province, decided by it 会同 自然资源 (第六十六条); again its 自然资源厅 approves last
    await ev('holder', { type: 'APPLY_REMOVAL' });
    await ev('eeb', { type: 'FORWARD', note: '报送省级审查' });
    await ev('eeb-prov', { type: 'APPROVE', opinion: '同意移出' });
    await ev('land-prov', { type: 'APPROVE', opinion: '准予按规划用途开发利用' });
    await t.app.get(FilingService).drain();
    docs = (await t.http.get(`/plots/${plotId}/documents`).set(await t.as('eeb')).expect(200)).body;
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

  (haveText ? it : it.skip)('D4 and D6 of the risk assessment and the D12 removal decision read back with the province\'s letterhead and its deciding officer as 签发人, though the 自然资源厅 approved last (土壤法第六十一条、第六十六条)', async () => {
    const signer = displayName('eeb-prov');
    for (const d of [find('D4', 'approved', 2), find('D6', 'listing'), find('D12', 'decision')]) {
      const pages = await text(d);
      expect(pages[0].startsWith('河南省生态环境厅')).toBe(true);
      expect(pages.join('')).toContain(squeeze(`签发人：${signer}`));
      expect(pages.join('')).not.toContain(squeeze(`签发人：${displayName('land-prov')}`));
    }
  });

  (haveText ? it : it.skip)('the risk-assessment D4 lists the province\'s expert panel and its conclusion (环办土壤〔2019〕63号)', async () => {
    const all = (await text(find('D4', 'approved', 2))).join('');
    for (const part of ['专家评审', '钱研究员', '某环境科学研究院', '林教授', '某大学环境学院', '评审结论通过']) expect(all).toContain(part);
  });

  (haveText ? it : it.skip)('the holder\'s own filings name it as 填报单位: the removal application (D12) and the notice board (D9) (土壤法第四十条、第六十六条)', async () => {
    for (const d of [find('D12', 'application'), find('D9', null)]) {
      const all = (await text(d)).join('');
      expect(all).toContain(squeeze('填报单位：上街区某铝业有限公司'));
      expect(all).not.toContain('签发人');
    }
  });
});
