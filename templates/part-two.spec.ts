import { documentTitle, type FilingRecord, type FilingRecordOf } from './filing-record';
import { filingFixture, partTwoFixtures, variantFixtures } from './fixtures';
import { pdfPages, popplerOrSkip, sha256, squeeze } from './pdf-tools';
import { renderFiling } from './render';

const describePdf = popplerOrSkip() ? describe : describe.skip;
const text = async (r: FilingRecord) => squeeze(pdfPages(await renderFiling(r)).join('\n'));
const variant = <K extends 'D15' | 'D17'>(kind: K, v: string) =>
  variantFixtures().find((r) => r.kind === kind && (r.details as { variant: string }).variant === v) as FilingRecordOf<K>;

describePdf('filing documents of part 2 of the law, read back with pdftotext', () => {
  it('D15 土壤法第六十八条: the record of 收回 names the decision, the former and the new holder, the responsible party and who now carries each duty, with a copy to the former holder', async () => {
    const record = filingFixture('D15');
    const t = await text(record);
    for (const s of ['地块权利人及责任主体变更记录（收回）', '上政土收〔2026〕3号', '2026年11月28日', '原土地使用权人上街区某铝业有限公司',
      '现土地使用权人郑州市上街区土地储备中心', '调查义务承担单位郑州市上街区土地储备中心', '管控修复义务承担单位郑州市上街区土地储备中心',
      '由地方人民政府组织实施（土壤法第四十五条第二款、第六十八条）', '主送：郑州市上街区土地储备中心', '抄送：上街区某铝业有限公司，郑州市生态环境局上街分局。',
      '第四十五条、第四十七条、第四十八条、第六十八条', '关于责任主体的规定']) {
      expect(t).toContain(squeeze(s));
    }
  });

  it('D15 42号令 (责任主体): the record of 转让 names the contract and the transferee who carries the duties', async () => {
    const t = await text(variant('D15', 'transfer'));
    for (const s of ['地块权利人及责任主体变更记录（转让）', '转让合同编号SJ-2026-017', '现土地使用权人某置业有限公司', '调查义务承担单位某置业有限公司',
      '土壤污染责任人尚未认定', '抄送：上街区某铝业有限公司']) {
      expect(t).toContain(squeeze(s));
    }
  });

  it('D15 土壤法第四十八条、第四十五条第一款: the record of the identified responsible party names it, its document and that it carries control and remediation', async () => {
    const t = await text(variant('D15', 'responsibleParty'));
    for (const s of ['地块权利人及责任主体变更记录（责任人认定）', '认定文书文号上环认〔2026〕2号', '已认定：某置业有限公司（上环认〔2026〕2号，2026年11月30日）',
      '调查义务承担单位上街区某铝业有限公司', '管控修复义务承担单位某置业有限公司', '由土壤污染责任人实施（土壤法第四十五条第一款）']) {
      expect(t).toContain(squeeze(s));
    }
  });

  it('D16 土壤法第五十九条第二款: reopening for a change of use names the new use, the earlier decision and permitted class, and keeps the earlier documents as history', async () => {
    const record = filingFixture('D16');
    const t = await text(record);
    for (const s of ['重新启动土壤污染状况调查通知', '用途拟变更为住宅', '第五十九条第二款', '已移出建设用地土壤污染风险管控和修复名录（上环土移〔2027〕0001号）',
      '此前准予用地类别第二类用地', '重新开展土壤污染状况调查', '作为地块历史记录继续有效', '抄送：郑州市上街区自然资源局。']) {
      expect(t).toContain(squeeze(s));
    }
  });

  it('D16 终身责任制: reopening on new evidence names the monitoring report above the screening values', async () => {
    const t = await text(partTwoFixtures().newEvidence);
    for (const s of ['发现新的污染证据', '2027年第二季度土壤监测报告.pdf', '超过筛选值', '经调查评审认定为非污染地块（上环土审〔2026〕0005号）', '此前准予用地类别第一类用地']) {
      expect(t).toContain(squeeze(s));
    }
    expect(t).not.toContain('用途拟变更');
  });

  it('D17 土壤法第四十二条第三款: the aftercare requirement states the obligation, its due date and the restriction on use', async () => {
    const t = await text(filingFixture('D17'));
    for (const s of ['后期管理要求', '后期管理要求（第2项）', '类别制度控制', '履行期限2028年4月1日', '用途限制禁止开采浅层地下水', '第四十二条第三款']) {
      expect(t).toContain(squeeze(s));
    }
  });

  it('D17 上政文〔2017〕147号 三（四）2: the public notice of a control zone states the notice number, the signs posted date and each medium with its interval', async () => {
    const record = variant('D17', 'controlZone');
    const t = await text(record);
    for (const s of ['管控区域公告', '管控区域公告编号上环告〔2026〕5号', '警示标识设立日期2026年11月30日', '主送：社会公众',
      '土壤每12个月2027年11月30日', '地下水每6个月2027年5月30日', '环境空气每3个月2027年2月28日', '上政文〔2017〕147号三（四）2']) {
      expect(t).toContain(squeeze(s));
    }
    expect(t).not.toContain('抄送');
  });

  it('D3 土壤法第六十七条: the receipt of a key unit\'s land is copied to the 不动产登记机构; other receipts have no 抄送', async () => {
    expect(await text(partTwoFixtures().keyUnitLand)).toContain(squeeze('抄送：郑州市上街区人民政府不动产登记机构。'));
    expect(await text(filingFixture('D3'))).not.toContain('抄送');
  });
});

describe('filing documents of part 2: titles and determinism', () => {
  const records = [filingFixture('D15'), filingFixture('D16'), filingFixture('D17'), variant('D15', 'transfer'), variant('D15', 'responsibleParty'),
    variant('D17', 'controlZone'), partTwoFixtures().newEvidence, partTwoFixtures().keyUnitLand];

  it('every variant of D15 and D17 has its own title', () => {
    expect(new Set(records.slice(0, 6).map(documentTitle)).size).toBe(6);
  });

  it.each(records.map((r) => [`${r.kind} ${documentTitle(r)} ${r.number}`, r] as const))('%s renders the same bytes twice', async (_, r) => {
    expect(sha256(await renderFiling(r))).toBe(sha256(await renderFiling(r)));
  });
});
