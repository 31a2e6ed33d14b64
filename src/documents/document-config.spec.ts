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
    for (const key of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10', 'D11', 'D12', 'D14']) {
      const basis = config.for(key).legalBasis;
      expect(basis.length).toBeGreaterThan(0);
      for (const b of basis.filter((x) => x.startsWith('《中华人民共和国土壤污染防治法》'))) expect(b).toMatch(/第[一二三四五六七八九十]+条/);
    }
  });
});
