import type { FilingRecordOf, Signatory } from './filing-record';
import { ORG, filingFixture, withDigest } from './fixtures';
import { pdfPages, popplerOrSkip, sha256, squeeze } from './pdf-tools';
import { renderFiling } from './render';

const describePdf = popplerOrSkip() ? describe : describe.skip;

const PROVINCE_EEB = { name: '河南省生态环境厅', jurisdictionCode: '410000', jurisdictionName: '河南省' };
const text = async (record: Parameters<typeof renderFiling>[0]) => squeeze(pdfPages(await renderFiling(record)).join('\n'));

function provincialD4(): FilingRecordOf<'D4'> {
  const d4 = filingFixture('D4');
  return withDigest({
    ...d4,
    number: '豫环土审〔2026〕0001号',
    issuer: PROVINCE_EEB,
    // the last approval was the 自然资源厅's; the 签发人 is the 生态环境厅's officer who approved in the round
    decision: { ...d4.decision, by: { name: '周立新', role: 'land', roleLabel: '自然资源', organisation: '河南省自然资源厅' } },
    signatory: { kind: 'signed', name: '陈志强', organisation: PROVINCE_EEB.name },
    details: {
      ...d4.details,
      panel: {
        experts: [
          { name: '刘学文', organisation: '某环境科学研究院', title: '研究员', opinion: '风险评估参数取值合理。' },
          { name: '张海燕', organisation: '某大学环境学院', opinion: '同意通过。' },
        ],
        conclusion: 'pass',
        summary: '报告编制规范，结论可信。',
      },
    },
  });
}

function recordedD4(): FilingRecordOf<'D4'> {
  const d4 = filingFixture('D4');
  const signatory: Signatory = {
    kind: 'recorded', decidingBody: '河南省生态环境厅 会同 河南省自然资源厅', documentNumber: '豫环审〔2026〕38号',
    decisionDate: '2026-09-01', recordedBy: '王建国', recordingOrganisation: ORG.eeb,
  };
  return withDigest({ ...d4, number: '上环土审〔2026〕0009号', signatory, details: { ...d4.details, reviewers: [] } });
}

describePdf('signatories printed on the filing (DESIGN §4: the decision and who took it; issue 15 Signatories)', () => {
  it('a decision of the province: the letterhead is the province and 签发人 the deciding officer of the issuing bureau, the co-deciding bureau\'s last approval named beside it (土壤法第六十条、第六十一条)', async () => {
    const record = provincialD4();
    const printed = await text(record);
    expect(printed.startsWith(squeeze(PROVINCE_EEB.name))).toBe(true);
    expect(printed).toContain('签发人：陈志强');
    expect(printed).toContain(squeeze('决定人陈志强（河南省生态环境厅）'));
    expect(printed).toContain(squeeze('会同确认周立新（自然资源，河南省自然资源厅）'));
    expect(printed).not.toContain('签发人：周立新');
  });

  it('D4 lists the expert panel of the round: experts, their organisations and opinions, and the conclusion (环办土壤〔2019〕63号)', async () => {
    const printed = await text(provincialD4());
    for (const part of ['专家评审', '刘学文', '某环境科学研究院', '风险评估参数取值合理。', '张海燕', '某大学环境学院', '评审结论通过', '报告编制规范，结论可信。']) {
      expect(printed).toContain(squeeze(part));
    }
  });

  it('a decision recorded by the district names 决定机关, the decision\'s own 文号 and date and the 录入人, and no 签发人 (DESIGN §1.1: the district records the decision of a body outside the system)', async () => {
    const printed = await text(recordedD4());
    expect(printed).toContain(squeeze('决定机关河南省生态环境厅 会同 河南省自然资源厅'));
    expect(printed).toContain(squeeze('决定文号豫环审〔2026〕38号'));
    expect(printed).toContain(squeeze('决定日期2026年9月1日'));
    expect(printed).toContain(squeeze(`录入人王建国（${ORG.eeb}）`));
    expect(printed).toContain('录入人：王建国');
    expect(printed).not.toContain('签发人');
    expect(printed).not.toContain('评审情况');
  });

  it('the holder\'s own registration (D1) carries the holder as 填报单位 and its agent as 填报人, not a bureau\'s 签发人 (42号令第三条; 土壤法第五十九条)', async () => {
    const d1 = filingFixture('D1');
    const by = { name: '赵明', role: 'holder', roleLabel: '土地使用权人经办人', organisation: ORG.holder };
    const record = withDigest({ ...d1, decision: { ...d1.decision, by }, signatory: { kind: 'filed', label: '填报单位', organisation: ORG.holder, name: '赵明' } as Signatory });
    const printed = await text(record);
    expect(printed).toContain(squeeze(`填报单位：${ORG.holder}`));
    expect(printed).toContain('填报人：赵明');
    expect(printed).not.toContain('签发人');
  });

  it('the notice board (D9) names the holder as 填报单位 (土壤法第四十条)', async () => {
    const printed = await text(filingFixture('D9'));
    expect(printed).toContain(squeeze(`填报单位：${ORG.holder}`));
    expect(printed).not.toContain('签发人');
  });

  it('a record issued before signatories were recorded prints 签发人 as the decision\'s actor, as it did', async () => {
    const { signatory: _s, ...legacy } = filingFixture('D2');
    const printed = await text(withDigest(legacy as FilingRecordOf<'D2'>));
    expect(printed).toContain(`签发人：${legacy.decision.by.name}`);
    expect(printed).toContain(squeeze(`决定人${legacy.decision.by.name}`));
  });

  it('renders the same bytes twice for every kind of signatory (DESIGN §4: rendering is deterministic)', async () => {
    for (const record of [provincialD4(), recordedD4(), filingFixture('D9')]) {
      expect(sha256(await renderFiling(record))).toBe(sha256(await renderFiling(record)));
    }
  });
});
