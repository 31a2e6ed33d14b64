import { jurisdictionCovers, jurisdictionPrefix } from './jurisdiction';

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
