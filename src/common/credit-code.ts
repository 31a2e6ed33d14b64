import {
  registerDecorator,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationOptions,
  type ValidatorConstraintInterface,
} from 'class-validator';

/**
 * 统一社会信用代码 per GB 32100-2015《法人和其他组织统一社会信用代码编码规则》: 18 characters —
 * 登记管理部门码 (1), 机构类别码 (1), 登记管理机关行政区划码 (6 digits, GB/T 2260), 主体标识码 (9: the
 * 组织机构代码 of GB 11714, its ninth character a check of its own) and 校验码 (1, GB/T 17710 style,
 * modulus 31). The character set has 31 members: digits and capitals without I, O, S, V, Z.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// GB 11714 本体代码 weights; its characters are the digits and all 26 capitals (A=10 … Z=35).
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeFault = 'length' | 'character' | 'region' | 'organisationCheck' | 'check';

export type CreditCodeVerdict = { valid: true } | { valid: false; fault: CreditCodeFault; reason: string };

/** The 校验码 (18th character) for the first 17 characters, or undefined if one is outside the set. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check];
}

/** The GB 11714 check character for an 8-character 本体代码: 11 − (Σ mod 11), 10 → X, 11 → 0. */
export function organisationCodeCheckCharacter(body8: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i] ?? '';
    const value = /^[0-9]$/.test(c) ? Number(c) : /^[A-Z]$/.test(c) ? c.charCodeAt(0) - 55 : -1;
    if (value < 0) return undefined;
    sum += value * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Checks a code as written (no trimming, no case folding: the code is printed in capitals). */
export function checkCreditCode(code: unknown): CreditCodeVerdict {
  if (typeof code !== 'string' || code.length !== 18) {
    return fault('length', '统一社会信用代码应为 18 位');
  }
  const bad = [...code].findIndex((c) => !ALPHABET.includes(c));
  if (bad >= 0) {
    return fault('character', `统一社会信用代码第 ${bad + 1} 位“${code[bad]}”不是可用字符（数字和大写字母，不含 I、O、S、V、Z）`);
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return fault('region', '统一社会信用代码第 3—8 位应为 6 位数字的登记管理机关行政区划码');
  }
  if (organisationCodeCheckCharacter(code.slice(8, 16)) !== code[16]) {
    return fault('organisationCheck', '统一社会信用代码第 9—17 位（组织机构代码）的校验位不正确，请核对');
  }
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return fault('check', '统一社会信用代码最后一位校验码不正确，请核对');
  }
  return { valid: true };
}

export function isCreditCode(code: unknown): boolean {
  return checkCreditCode(code).valid;
}

function fault(kind: CreditCodeFault, reason: string): CreditCodeVerdict {
  return { valid: false, fault: kind, reason };
}

@ValidatorConstraint({ name: 'isCreditCode' })
export class IsCreditCodeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCreditCode(value);
  }

  defaultMessage(args: ValidationArguments): string {
    const verdict = checkCreditCode(args.value);
    const why = verdict.valid ? '' : `：${verdict.reason}`;
    return `“${String(args.value)}”不是有效的统一社会信用代码（GB 32100-2015）${why}`;
  }
}

/** A DTO property that must be a 统一社会信用代码 with correct check characters. */
export function IsCreditCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: IsCreditCodeConstraint,
    });
  };
}
