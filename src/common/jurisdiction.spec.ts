import { ancestorAt, ancestorsOf, jurisdictionCovers, jurisdictionPrefix, levelOf } from './jurisdiction';

describe('jurisdiction tree by code prefix (GB/T 2260 行政区划代码)', () => {
  it('a province, a city and a district keep their significant digits', () => {
    expect(jurisdictionPrefix('410000')).toBe('41');
    expect(jurisdictionPrefix('410100')).toBe('4101');
    expect(jurisdictionPrefix('410106')).toBe('410106');
    expect(jurisdictionPrefix('410106001')).toBe('410106001');
  });

  it('a jurisdiction covers itself and what lies below it, never a sibling or its parent', () => {
    expect(jurisdictionCovers('410106', '410106')).toBe(true);
    expect(jurisdictionCovers('410100', '410106')).toBe(true);
    expect(jurisdictionCovers('410000', '410182')).toBe(true);
    expect(jurisdictionCovers('410106', '410182')).toBe(false);
    expect(jurisdictionCovers('410106', '410100')).toBe(false);
    expect(jurisdictionCovers('410100', '420100')).toBe(false);
    expect(jurisdictionCovers(null, '410106')).toBe(false);
  });
});

describe('levels of government by code (DESIGN §1.1: 河南省 → 郑州市 → 上街区)', () => {
  it('a code names its level, and the jurisdiction above it at each level', () => {
    expect(levelOf('410000')).toBe('province');
    expect(levelOf('410100')).toBe('city');
    expect(levelOf('410106')).toBe('district');
    expect(levelOf('410182')).toBe('district');
    expect(ancestorAt('410106', 'province')).toBe('410000');
    expect(ancestorAt('410182', 'city')).toBe('410100');
    expect(ancestorAt('410106', 'district')).toBe('410106');
    expect(ancestorsOf('410106')).toEqual(['410000', '410100', '410106']);
    expect(ancestorsOf('410100')).toEqual(['410000', '410100']);
    expect(ancestorsOf('410000')).toEqual(['410000']);
  });
});
