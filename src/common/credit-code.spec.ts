import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  checkCreditCode,
  creditCodeCheckCharacter,
  IsCreditCode,
  isCreditCode,
  organisationCodeCheckCharacter,
} from './credit-code';

// Codes published for real organisations, as found in public repositories' data (see the report of this change):
const PUBLISHED = [
  ['914403001922038216', '华为技术有限公司 (9 工商, 1 企业, 440300 深圳市)'],
  ['91370285MACJTLFM79', '青岛新广星石墨材料有限公司, as cited from the 全国排污许可证管理信息平台 (新式主体标识码 MA…)'],
  ['91440101MA5CJQ4N59', 'an enterprise registered in 440101 广州市 (新式主体标识码 MA…)'],
  ['9135021359498494XQ', 'an enterprise registered in 350213 厦门市翔安区 (组织机构代码校验位 X)'],
  ['123502001549897397', 'an institution registered by 机构编制 (1 机构编制, 2 事业单位, 350200 厦门市)'],
] as const;

describe('统一社会信用代码 check characters (GB 32100-2015 第4章 代码结构; 校验码 per GB/T 17710 modulus 31; 主体标识码 per GB 11714)', () => {
  it.each(PUBLISHED)('the published code %s passes (%s)', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true });
  });

  it('the 校验码 is 31 − (Σ weight × value mod 31) over the 31-character set, 31 written as 0 (GB 32100-2015)', () => {
    // Counted by hand for 华为's first 17 characters 9 1 4 4 0 3 0 0 1 9 2 2 0 3 8 2 1, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    // 9 + 3 + 36 + 108 + 0 + 78 + 0 + 0 + 20 + 261 + 50 + 26 + 0 + 72 + 80 + 60 + 28 = 831; 831 mod 31 = 25; 31 − 25 = 6.
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
    // A sum divisible by 31 gives 31, written 0: seventeen zeros.
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    // Letters take the values of their places in the set, skipping I, O, S, V, Z: Y is 30.
    expect(creditCodeCheckCharacter('Y0000000000000000')).toBe('1');
  });

  it('the 组织机构代码 check is 11 − (Σ mod 11), 10 written X and 11 written 0 (GB 11714)', () => {
    expect(organisationCodeCheckCharacter('19220382')).toBe('1');
    expect(organisationCodeCheckCharacter('59498494')).toBe('X');
    expect(organisationCodeCheckCharacter('MACJTLFM')).toBe('7');
  });

  it('every single-character change of a published code is refused (GB 32100-2015 校验码)', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const [code] of PUBLISHED) {
      for (let i = 0; i < 18; i++) {
        for (const c of alphabet) {
          if (c === code[i]) continue;
          const mutated = code.slice(0, i) + c + code.slice(i + 1);
          expect([mutated, isCreditCode(mutated)]).toEqual([mutated, false]);
        }
      }
    }
  });

  it('swapping two neighbouring different characters is refused (GB 32100-2015 校验码)', () => {
    for (const [code] of PUBLISHED) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect([swapped, isCreditCode(swapped)]).toEqual([swapped, false]);
      }
    }
  });

  it.each([
    ['91440300192203821', 'length', '应为 18 位'],
    ['9144030019220382160', 'length', '应为 18 位'],
    ['914403001922038I16', 'character', '第 16 位“I”'],
    ['914403001922o38216', 'character', '第 13 位“o”'],
    [' 914403001922038216'.slice(0, 18), 'character', '第 1 位“ ”'],
  ] as const)('%s is refused for its %s, saying so in Chinese (GB 32100-2015 代码字符集)', (code, kind, words) => {
    const verdict = checkCreditCode(code);
    expect(verdict).toMatchObject({ valid: false, fault: kind });
    expect(verdict.valid ? '' : verdict.reason).toContain(words);
  });

  it('a code whose 校验码 fits but whose region is not 6 digits is refused (GB 32100-2015 登记管理机关行政区划码)', () => {
    const first17 = '91A40300192203821';
    const code = first17 + creditCodeCheckCharacter(first17);
    expect(checkCreditCode(code)).toMatchObject({ valid: false, fault: 'region' });
  });

  it('a code whose 校验码 fits but whose 组织机构代码 check does not is refused (GB 32100-2015 主体标识码; GB 11714)', () => {
    const first17 = '91440300192203822';
    const code = first17 + creditCodeCheckCharacter(first17);
    expect(checkCreditCode(code)).toMatchObject({ valid: false, fault: 'organisationCheck' });
  });

  it('non-strings are refused, never thrown on', () => {
    for (const value of [undefined, null, 914403001922038216, {}, []]) expect(isCreditCode(value)).toBe(false);
  });
});

class OrganisationBody {
  @IsCreditCode()
  creditCode!: string;
}

describe('IsCreditCode, the DTO constraint (GB 32100-2015)', () => {
  const errors = (creditCode: unknown) =>
    validateSync(plainToInstance(OrganisationBody, { creditCode })).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => [e.property, m]));

  it('accepts a published code', () => {
    expect(errors('914403001922038216')).toEqual([]);
  });

  it('refuses a wrong 校验码 naming the field, in Chinese', () => {
    expect(errors('914403001922038217')).toEqual([
      ['creditCode', '“914403001922038217”不是有效的统一社会信用代码（GB 32100-2015）：统一社会信用代码最后一位校验码不正确，请核对'],
    ]);
  });

  it('refuses a missing value', () => {
    expect(errors(undefined)).toEqual([['creditCode', expect.stringContaining('应为 18 位')]]);
  });
});
