import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPages, popplerOrSkip, squeeze } from '../../templates/pdf-tools';
import { DecisionConfig } from '../decisions/decision-config';
import { referencePath } from '../reference/reference-files';
import { DocumentConfig } from './document-config';
import { FilingSources } from './filing-facts';
import { Signatories } from './signatories';
import { ACTORS, ORGS, PLOT, filingHarness, reportRow, type Filed } from './testing';

const describePdf = popplerOrSkip() ? describe : describe.skip;
const text = (d: Filed) => squeeze(pdfPages(d.pdf).join('\n'));
const letterhead = (d: Filed) => squeeze(pdfPages(d.pdf)[0]).slice(0, squeeze(d.record.issuer.name).length);

const RISK = reportRow('r-risk', 'risk_assessment', { riskAcceptable: false, pollutants: ['砷', '铅'] });
const PRELIMINARY = reportRow('r-prelim', 'preliminary_investigation');
const SCAN = reportRow('r-scan', 'decision_scan', {}, ORGS.eeb);

/** The risk assessment submitted, forwarded to the province and reviewed by its panel (环办土壤〔2019〕63号). */
function riskAssessmentUnderReview(h: ReturnType<typeof filingHarness>, conclusion: 'pass' | 'fail' = 'pass') {
  const review = 'riskAssessment.underReview';
  h.step({ type: 'SUBMIT_REPORT', by: ACTORS.consultant, from: 'riskAssessment.drafting', to: review, payload: { reportId: RISK.id } });
  h.step({ type: 'FORWARD', by: ACTORS.eeb, from: review, to: review });
  h.step({
    type: 'FORM_PANEL', by: ACTORS.eebProv, from: review, to: review,
    payload: { experts: [{ name: '刘学文', organisationId: ORGS.institute.id, title: '研究员' }, { name: '张海燕', organisationId: ORGS.university.id }] },
  });
  h.step({ type: 'RECORD_EXPERT_OPINION', by: ACTORS.expert1, from: review, to: review, payload: { expertIndex: 0, opinion: '风险评估参数取值合理。' } });
  h.step({ type: 'RECORD_EXPERT_OPINION', by: ACTORS.expert2, from: review, to: review, payload: { expertIndex: 1, opinion: '暴露情景符合规划用途。' } });
  const summary = conclusion === 'pass' ? '报告编制规范，结论可信。' : '未考虑地下水暴露途径，结论不可信。';
  h.step({
    type: 'CONCLUDE_PANEL', by: ACTORS.eebProv, from: review, to: conclusion === 'pass' ? review : 'riskAssessment.drafting',
    payload: { conclusion, summary }, files: conclusion === 'fail' ? [{ kind: 'D4', variant: 'returned' }] : [],
  });
}

describePdf('signatories of filing documents (issue 15, Signatories; DESIGN §1.1 and §4)', () => {
  it('the province reviews the risk assessment and lists the plot: D4 and D6 carry the 河南省生态环境厅 letterhead, numbered 豫环…, and its approving officer as 签发人 though the 自然资源厅 approved last (土壤法第六十条、第六十一条)', async () => {
    const h = filingHarness({ reports: [RISK] });
    riskAssessmentUnderReview(h);
    h.step({ type: 'APPROVE', by: ACTORS.eebProv, from: 'riskAssessment.underReview', to: 'riskAssessment.underReview', payload: { opinion: '同意' } });
    h.step({
      type: 'APPROVE', by: ACTORS.landProv, from: 'riskAssessment.underReview', to: 'listed.prioritization', payload: { opinion: '同意纳入名录' },
      files: [{ kind: 'D4', variant: 'approved' }, { kind: 'D6', variant: 'listing' }],
    });
    const [d4, d6] = await h.file();
    for (const d of [d4, d6]) {
      expect(d.issuerOrgId).toBe(ORGS.eebProv.id);
      expect(letterhead(d)).toBe('河南省生态环境厅');
      expect(d.record.signatory).toEqual({ kind: 'signed', name: '陈志强', organisation: '河南省生态环境厅' });
      expect(text(d)).toContain('签发人：陈志强');
      expect(text(d)).not.toContain('签发人：周立新');
    }
    expect([d4.number, d6.number]).toEqual(['豫环土审〔2026〕0001号', '豫环土告〔2026〕0001号']);
    expect(text(d4)).toContain(squeeze('会同确认周立新'));
  });

  it('D4 at the decision lists the round\'s panel: experts, their organisations, opinions and the conclusion (环办土壤〔2019〕63号)', async () => {
    const h = filingHarness({ reports: [RISK] });
    riskAssessmentUnderReview(h);
    h.step({ type: 'APPROVE', by: ACTORS.landProv, from: 'riskAssessment.underReview', to: 'riskAssessment.underReview', payload: { opinion: '同意' } });
    h.step({ type: 'APPROVE', by: ACTORS.eebProv, from: 'riskAssessment.underReview', to: 'listed.prioritization', payload: { opinion: '同意' }, files: [{ kind: 'D4', variant: 'approved' }] });
    const [d4] = await h.file();
    expect(d4.record.kind === 'D4' && d4.record.details.panel).toEqual({
      experts: [
        { name: '刘学文', organisation: '某环境科学研究院', title: '研究员', opinion: '风险评估参数取值合理。' },
        { name: '张海燕', organisation: '某大学环境学院', title: undefined, opinion: '暴露情景符合规划用途。' },
      ],
      conclusion: 'pass',
      summary: '报告编制规范，结论可信。',
    });
    for (const part of ['专家评审', '刘学文', '某环境科学研究院', '张海燕', '某大学环境学院', '评审结论通过']) expect(text(d4)).toContain(squeeze(part));
  });

  it('修改后通过: the round stays one round through the revision; D4 lists the report and its revision (修改稿) and the panel\'s 修改后通过 (环办土壤〔2019〕63号)', async () => {
    const revised = reportRow('r-risk-2', 'risk_assessment', { riskAcceptable: false, pollutants: ['砷'] });
    const h = filingHarness({ reports: [RISK, revised] });
    const review = 'riskAssessment.underReview';
    h.step({ type: 'SUBMIT_REPORT', by: ACTORS.consultant, from: 'riskAssessment.drafting', to: review, payload: { reportId: RISK.id } });
    h.step({ type: 'FORM_PANEL', by: ACTORS.eebProv, from: review, to: review, payload: { experts: [{ name: '刘学文', organisationId: ORGS.institute.id }] } });
    h.step({ type: 'RECORD_EXPERT_OPINION', by: ACTORS.expert1, from: review, to: review, payload: { expertIndex: 0, opinion: '补充暴露参数后通过。' } });
    h.step({ type: 'CONCLUDE_PANEL', by: ACTORS.eebProv, from: review, to: review, payload: { conclusion: 'passWithRevisions', summary: '修改后通过。' } });
    h.step({ type: 'SUBMIT_REVISION', by: ACTORS.consultant, from: review, to: review, payload: { reportId: revised.id } });
    h.step({ type: 'ACCEPT_REVISION', by: ACTORS.eebProv, from: review, to: review });
    h.step({ type: 'APPROVE', by: ACTORS.eebProv, from: review, to: review, payload: { opinion: '同意' } });
    h.step({ type: 'APPROVE', by: ACTORS.landProv, from: review, to: 'listed.prioritization', payload: { opinion: '同意' }, files: [{ kind: 'D4', variant: 'approved' }] });
    const [d4] = await h.file();
    expect(d4.record.reports.map((r) => [r.fileName, r.kindLabel])).toEqual([['r-risk.pdf', '风险评估报告'], ['r-risk-2.pdf', '风险评估报告（修改稿）']]);
    expect(d4.record.kind === 'D4' && d4.record.details.panel?.conclusion).toBe('passWithRevisions');
    expect(text(d4)).toContain('评审结论修改后通过');
    expect(d4.record.signatory).toEqual({ kind: 'signed', name: '陈志强', organisation: '河南省生态环境厅' });
  });

  it('a panel that concludes 不通过 returns the report: D4 (退回) with the panel\'s summary as reason, signed by the officer who concluded (环办土壤〔2019〕63号)', async () => {
    const h = filingHarness({ reports: [RISK] });
    riskAssessmentUnderReview(h, 'fail');
    const [d4] = await h.file();
    expect(d4.record.kind === 'D4' && [d4.record.details.variant, d4.record.details.returnReason]).toEqual(['returned', '未考虑地下水暴露途径，结论不可信。']);
    expect(text(d4)).toContain(squeeze('专家评审不通过，退回修改：未考虑地下水暴露途径，结论不可信。'));
    expect(text(d4)).toContain('签发人：陈志强');
    expect(letterhead(d4)).toBe('河南省生态环境厅');
  });

  it('a return by the 自然资源厅 alone is issued under its own letterhead and signed by its officer (土壤法第六十条：会同)', async () => {
    const h = filingHarness({ reports: [RISK] });
    h.step({ type: 'SUBMIT_REPORT', by: ACTORS.consultant, from: 'riskAssessment.drafting', to: 'riskAssessment.underReview', payload: { reportId: RISK.id } });
    h.step({ type: 'RETURN', by: ACTORS.landProv, from: 'riskAssessment.underReview', to: 'riskAssessment.drafting', payload: { reason: '未附规划条件' }, files: [{ kind: 'D4', variant: 'returned' }] });
    const [d4] = await h.file();
    expect([d4.issuerOrgId, d4.number, d4.record.signatory]).toEqual([ORGS.landProv.id, '豫自然资土审〔2026〕0001号', { kind: 'signed', name: '周立新', organisation: '河南省自然资源厅' }]);
  });

  it('the removal decision (D12) is the province\'s, signed by its officer who approved, also when it takes effect at the end of its publicity period (土壤法第六十六条)', async () => {
    const h = filingHarness();
    h.step({ type: 'APPLY_REMOVAL', by: ACTORS.holder, from: 'listed.awaitingRemoval', to: 'listed.removalReview', files: [{ kind: 'D12', variant: 'application' }] });
    h.step({ type: 'APPROVE', by: ACTORS.eebProv, from: 'listed.removalReview', to: 'listed.removalReview', payload: { opinion: '同意' } });
    h.step({ type: 'APPROVE', by: ACTORS.landProv, from: 'listed.removalReview', to: 'listed.removalPublicity', payload: { opinion: '同意' } });
    h.step({ type: 'END_PUBLICITY', by: ACTORS.admin, from: 'listed.removalPublicity', to: 'released', files: [{ kind: 'D12', variant: 'decision' }] });
    const [application, decision] = await h.file();
    expect([application.issuerOrgId, application.record.signatory]).toEqual([ORGS.eebProv.id, { kind: 'filed', label: '填报单位', organisation: ORGS.holder.name, name: '赵明' }]);
    expect([decision.issuerOrgId, decision.number, decision.record.signatory]).toEqual([ORGS.eebProv.id, '豫环土移〔2026〕0002号', { kind: 'signed', name: '陈志强', organisation: '河南省生态环境厅' }]);
    expect(letterhead(decision)).toBe('河南省生态环境厅');
    expect(text(decision)).toContain('签发人：陈志强');
  });

  it('a decision recorded by the district (mode recorded) is the district\'s record: its letterhead, 决定机关 the province 会同, the decision\'s 文号 and date, 录入人 the district officer, the scan listed, no 签发人 (DESIGN §1.1)', async () => {
    const h = filingHarness({ reports: [RISK, SCAN] });
    h.step({ type: 'SUBMIT_REPORT', by: ACTORS.consultant, from: 'riskAssessment.drafting', to: 'riskAssessment.underReview', payload: { reportId: RISK.id } });
    h.step({
      type: 'RECORD_DECISION', by: ACTORS.eeb, from: 'riskAssessment.underReview', to: 'listed.prioritization',
      payload: { documentNumber: '豫环审〔2026〕38号', decisionDate: '2026-08-28', outcome: 'approved', scanReportId: SCAN.id },
      files: [{ kind: 'D4', variant: 'approved' }, { kind: 'D6', variant: 'listing' }],
    });
    const [d4, d6] = await h.file();
    for (const d of [d4, d6]) {
      expect(d.issuerOrgId).toBe(ORGS.eeb.id);
      expect(d.record.signatory).toEqual({
        kind: 'recorded', decidingBody: '河南省生态环境厅 会同 河南省自然资源厅', documentNumber: '豫环审〔2026〕38号',
        decisionDate: '2026-08-28', recordedBy: '王建国', recordingOrganisation: '郑州市生态环境局上街分局',
      });
      const t = text(d);
      for (const part of ['决定机关河南省生态环境厅会同河南省自然资源厅', '决定文号豫环审〔2026〕38号', '决定日期2026年8月28日', '录入人王建国（郑州市生态环境局上街分局）', '决定文书扫描件']) expect(t).toContain(part);
      expect(t).not.toContain('签发人');
    }
    expect(d4.number).toBe('上环土审〔2026〕0001号');
  });

  it('the holder registering its own plot (D1) is 填报单位, the bureau\'s letterhead above it; D1 by the bureau is signed by its officer (42号令第三条; 土壤法第五十九条)', async () => {
    const h = filingHarness();
    h.step({ type: 'REGISTER', by: ACTORS.holder, from: null, to: 'suspected', files: [{ kind: 'D1' }] });
    h.step({ type: 'REGISTER', by: ACTORS.eeb, from: null, to: 'suspected', files: [{ kind: 'D1' }] });
    const [byHolder, byBureau] = await h.file();
    expect(byHolder.issuerOrgId).toBe(ORGS.eeb.id);
    expect(text(byHolder)).toContain(squeeze('填报单位：上街区某铝业有限公司'));
    expect(text(byHolder)).toContain('填报人：赵明');
    expect(text(byHolder)).not.toContain('签发人');
    expect(text(byBureau)).toContain('签发人：王建国');
  });

  it('the notice board (D9) names the holder as 填报单位 under the district bureau\'s letterhead (土壤法第四十条)', async () => {
    const h = filingHarness();
    const board = { project: '修复工程', contractorOrganisationId: ORGS.contractor.id, measures: '固化稳定化', contact: '0371-68000000', startDate: '2026-10-10', endDate: '2027-02-28' };
    h.step({ type: 'START_WORKS', by: ACTORS.holder, from: 'listed.remediation.ready', to: 'listed.remediation.inProgress', payload: { noticeBoard: board }, files: [{ kind: 'D9' }] });
    const [d9] = await h.file();
    expect([d9.issuerOrgId, d9.record.signatory]).toEqual([ORGS.eeb.id, { kind: 'filed', label: '填报单位', organisation: ORGS.holder.name, name: '赵明' }]);
  });

  it('the district\'s own steps keep the district: the investigation review (D4) and the priority list (D6, 自然资源) are signed by the district officers, numbered 上环/上资 apart from the province (土壤法第五十九条; DESIGN §1.1)', async () => {
    const h = filingHarness({ reports: [PRELIMINARY] });
    const review = 'investigation.preliminary.underReview';
    h.step({ type: 'SUBMIT_REPORT', by: ACTORS.consultant, from: 'investigation.preliminary.drafting', to: review, payload: { reportId: PRELIMINARY.id }, files: [{ kind: 'D3' }] });
    h.step({ type: 'APPROVE', by: ACTORS.eeb, from: review, to: review, payload: { opinion: '同意' } });
    h.step({ type: 'APPROVE', by: ACTORS.land, from: review, to: 'investigation.detailed.drafting', payload: { opinion: '同意' }, files: [{ kind: 'D4', variant: 'approved' }] });
    h.step({ type: 'SET_PRIORITY', by: ACTORS.land, from: 'listed.prioritization', to: 'listed.awaitingPlan', payload: { rank: 2, negativeList: [] }, files: [{ kind: 'D6', variant: 'priority' }] });
    const [d3, d4, d6] = await h.file();
    expect([d3.issuerOrgId, d3.record.signatory?.kind]).toEqual([ORGS.eeb.id, 'filed']);
    expect([d4.issuerOrgId, d4.number, d4.record.signatory]).toEqual([ORGS.eeb.id, '上环土审〔2026〕0001号', { kind: 'signed', name: '王建国', organisation: ORGS.eeb.name }]);
    expect([d6.issuerOrgId, d6.number, d6.record.signatory]).toEqual([ORGS.land.id, '上资土告〔2026〕0001号', { kind: 'signed', name: '李秀兰', organisation: ORGS.land.name }]);
  });

  it('a plot on v1 keeps the district as the body that decides the risk assessment (versions: a plot keeps the version it started with)', async () => {
    const h = filingHarness({ machineVersion: 1, reports: [RISK] });
    h.step({ type: 'SUBMIT_REPORT', by: ACTORS.consultant, from: 'riskAssessment.drafting', to: 'riskAssessment.underReview', payload: { reportId: RISK.id } });
    h.step({ type: 'APPROVE', by: ACTORS.eeb, from: 'riskAssessment.underReview', to: 'riskAssessment.underReview', payload: { opinion: '同意' } });
    h.step({ type: 'APPROVE', by: ACTORS.land, from: 'riskAssessment.underReview', to: 'listed.prioritization', payload: { opinion: '同意' }, files: [{ kind: 'D4', variant: 'approved' }, { kind: 'D6', variant: 'listing' }] });
    const filed = await h.file();
    expect(filed.map((d) => [d.issuerOrgId, d.number])).toEqual([[ORGS.eeb.id, '上环土审〔2026〕0001号'], [ORGS.eeb.id, '上环土告〔2026〕0001号']]);
  });
});

describe('Signatories: where a report goes when the deciding body is outside the system (DESIGN §1.1: the district forwards what its level does not decide)', () => {
  function recordedConfig(): DecisionConfig {
    const raw = JSON.parse(readFileSync(referencePath('decision-steps.json'), 'utf8'));
    raw.steps.riskAssessmentReview.mode = 'recorded';
    const file = join(mkdtempSync(join(tmpdir(), 'steps-')), 'decision-steps.json');
    writeFileSync(file, JSON.stringify(raw));
    return DecisionConfig.load(file);
  }
  const facts = (bureaus: Array<typeof ORGS.eeb>) => ({
    bureau: async (kind: string, code: string) => bureaus.find((o) => o.kind === kind && o.jurisdictionCode === code),
    organisation: async (id: string) => bureaus.find((o) => o.id === id),
    jurisdictionName: async (code: string) => code,
  }) as unknown as ReturnType<FilingSources['in']>;
  const submitted = {
    id: '1', entityType: 'plot', eventType: 'SUBMIT_REPORT', role: 'consultant', actorName: '孙磊', organisationId: ORGS.consultant.id,
    organisationName: ORGS.consultant.name, fromState: 'riskAssessment.drafting', toState: 'riskAssessment.underReview', machineVersion: 2, payload: {},
  } as never;

  it('the risk-assessment receipt (D5) is the province\'s when it decides in the system, the district\'s when it decides outside it (土壤法第六十条)', async () => {
    const bureaus = [ORGS.eeb, ORGS.eebProv];
    const inSystem = new Signatories(DocumentConfig.load(), DecisionConfig.load());
    const recorded = new Signatories(DocumentConfig.load(), recordedConfig());
    const source = { kind: 'D5' as const, audit: submitted, plot: PLOT };
    expect((await inSystem.resolve(facts(bureaus), source)).issuer.id).toBe(ORGS.eebProv.id);
    expect((await recorded.resolve(facts(bureaus), source)).issuer.id).toBe(ORGS.eeb.id);
    expect((await recorded.resolve(facts(bureaus), source)).signatory).toEqual({ kind: 'filed', label: '报送单位', organisation: ORGS.consultant.name, name: '孙磊' });
  });

  it('no body of the configured level in the directory is an error of the deployment, not a document under another body\'s name', async () => {
    const signatories = new Signatories(DocumentConfig.load(), DecisionConfig.load());
    await expect(signatories.resolve(facts([ORGS.eeb]), { kind: 'D5', audit: submitted, plot: PLOT })).rejects.toThrow('no eeb organisation for jurisdiction 410000');
  });
});
