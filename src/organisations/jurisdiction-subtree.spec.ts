import { inSubtree, subtreePattern } from './jurisdiction-subtree';

describe('a jurisdiction’s subtree by 行政区划代码 prefix (DESIGN §1.1: 410000 → 410100 → 410106)', () => {
  it.each([
    ['a province covers its cities and districts', '410000', '41%'],
    ['a city covers its districts and county-level cities', '410100', '4101%'],
    ['a district covers itself and its townships', '410106', '410106%'],
    ['a township covers itself', '410106001', '410106001%'],
  ])('%s: %s → %s', (_rule, code, pattern) => {
    expect(subtreePattern(code)).toBe(pattern);
  });

  it('the condition binds the pattern as a parameter; a bureau without a jurisdiction sees nothing', () => {
    const params: unknown[] = ['plot-id'];
    expect(inSubtree('p.jurisdiction_code', '410100', params)).toBe('p.jurisdiction_code LIKE $2');
    expect(params).toEqual(['plot-id', '4101%']);
    expect(inSubtree('p.jurisdiction_code', null, params)).toBe('FALSE');
    expect(params).toHaveLength(2);
  });
});
