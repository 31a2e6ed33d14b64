import { readFileSync } from 'node:fs';
import { referencePath } from '../reference/reference-files';
import { DocumentConfig } from './document-config';

const config = DocumentConfig.load();
const cites = (kind: string, variant?: string) => config.for(kind, variant).legalBasis.join('；');

describe('reference/documents.json: the legal basis printed on each document (checked against the text of the law, issue 15)', () => {
  it('the removal decision (D12) cites 土壤法第六十六条 and not 第六十七条, which concerns 土壤污染重点监管单位', () => {
    expect(cites('D12', 'decision')).toContain('第六十六条第二款');
    expect(cites('D12', 'decision')).not.toContain('第六十七条');
    expect(cites('D12', 'application')).toContain('第六十六条第一款');
  });

  it('the notice (D2), the transport report (D10) and the effect-evaluation receipt (D11) cite their articles of 42号令, not the order as a whole', () => {
    for (const kind of ['D2', 'D10', 'D11']) expect(cites(kind)).toMatch(/原环境保护部令第42号）第[一二三四五六七八九十]+条/);
  });

  it('the effect-evaluation receipt (D11) is public: 42号令 has the report made public for at least two months', () => {
    expect(config.for('D11').published).toBe(true);
  });

  it('the notice board (D9) rests on 土壤法第四十条第三款 (修复施工期间应当设立公告牌) and the transport (D10) on 第四十一条 (提前报所在地和接收地)', () => {
    expect(cites('D9')).toContain('第四十条第三款');
    expect(cites('D10')).toContain('《中华人民共和国土壤污染防治法》第四十一条');
  });

  it('the listing (D6) cites 土壤法第五十八条 (名录制度) and 第六十一条 (省级会同评审、纳入名录); the risk-assessment receipt (D5) 第六十条 (报省级)', () => {
    expect(cites('D6')).toContain('第五十八条、第六十一条');
    expect(cites('D5')).toContain('第六十条');
  });

  it('every kind and variant cites something, and every law citation names an article', () => {
    for (const key of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10', 'D11', 'D12', 'D14', 'D15', 'D16', 'D17']) {
      const basis = config.for(key).legalBasis;
      expect(basis.length).toBeGreaterThan(0);
      for (const b of basis.filter((x) => x.startsWith('《中华人民共和国土壤污染防治法》'))) expect(b).toMatch(/第[一二三四五六七八九十]+条/);
    }
  });

  // 土壤法 articles marked VERIFIED in reference/law-articles.md §1, e.g. 第四十五条, 第五十九条第二款.
  const verified = readFileSync(referencePath('law-articles.md'), 'utf8').split('## 2.')[0].split('\n')
    .filter((l) => /\|\s*VERIFIED/.test(l)).map((l) => /^\|\s*(第[一二三四五六七八九十]+条)/.exec(l)?.[1]).filter((a): a is string => Boolean(a));
  const citedArticles = (basis: string) => basis.replace('《中华人民共和国土壤污染防治法》', '').match(/第[一二三四五六七八九十]+条/g) ?? [];
  const PART_TWO = [['D15'], ['D15', 'transfer'], ['D15', 'responsibleParty'], ['D16'], ['D17'], ['D17', 'controlZone'], ['D3', 'keyUnitLand']] as const;

  it('part 2 (D15–D17, D3 of a key unit\'s land) cites 土壤法 only by articles law-articles.md marks VERIFIED, and 42号令 by name without an article number', () => {
    expect(verified).toEqual(expect.arrayContaining(['第四十二条', '第四十五条', '第四十七条', '第四十八条', '第五十九条', '第六十七条', '第六十八条']));
    for (const [kind, variant] of PART_TWO) {
      for (const basis of config.for(kind, variant).legalBasis) {
        if (basis.startsWith('《中华人民共和国土壤污染防治法》')) for (const a of citedArticles(basis)) expect(verified).toContain(a);
        if (basis.includes('原环境保护部令第42号') && kind !== 'D3') expect(basis).not.toMatch(/第42号）第[一二三四五六七八九十]+条/);
      }
    }
  });

  it('D15 records 收回 (第六十八条) and 转让 under the land bureau, the responsible party (第四十八条) under the environment bureau, with 42号令\'s 责任主体 rules by name', () => {
    expect(config.for('D15', 'takeBack')).toMatchObject({ issuer: 'land', published: false });
    expect(cites('D15', 'takeBack')).toContain('第六十八条');
    expect(config.for('D15', 'transfer').issuer).toBe('land');
    expect(config.for('D15', 'responsibleParty').issuer).toBe('eeb');
    expect(cites('D15', 'responsibleParty')).toContain('第四十八条');
    for (const v of ['takeBack', 'transfer', 'responsibleParty']) expect(cites('D15', v)).toContain('关于责任主体的规定');
  });

  it('D16 rests on 土壤法第五十九条第二款 (用途变更) and 第一款 (监测表明有风险); D17 on 第四十二条第三款 (后期管理) and, public, the control zone on 第六十三条 and 上政文〔2017〕147号 三（四）2', () => {
    expect(cites('D16')).toContain('第五十九条第一款、第二款');
    expect(config.for('D17', 'aftercare')).toMatchObject({ published: false });
    expect(cites('D17', 'aftercare')).toContain('第四十二条第三款');
    expect(config.for('D17', 'controlZone').published).toBe(true);
    expect(cites('D17', 'controlZone')).toContain('第六十三条');
    expect(cites('D17', 'controlZone')).toContain('上政文〔2017〕147号 三（四）2');
  });

  it('土壤法第六十七条: the receipt of a key unit\'s investigation report cites it; the receipt of other plots does not', () => {
    expect(cites('D3', 'keyUnitLand')).toContain('第六十七条');
    expect(cites('D3')).not.toContain('第六十七条');
  });
});
