import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referencePath } from '../reference/reference-files';
import { loadCommonPasswords, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';

describe('password policy (GB/T 22239-2019 8.1.4.1 a; NIST SP 800-63B 5.1.1.2)', () => {
  it.each([
    ['eight spaces', '        ', /至少 10 个字符/],
    ['ten spaces', ' '.repeat(10), /空白/],
    ['tabs and full-width spaces', '\t\t\t\t\u3000\u3000\u3000\u3000  ', /空白/],
    ['12345678', '12345678', /至少 10 个字符/],
    ['one character repeated', 'aaaaaaaaaaaa', /同一个字符/],
    ['one Chinese character repeated', '密'.repeat(12), /同一个字符/],
    ['the username itself', 'zhangsan-eeb', /用户名/],
    ['the username in other case', 'ZHANGSAN-EEB', /用户名/],
    ['a password containing the username', 'Zhangsan-Eeb2026!', /用户名/],
    ['123456789 padded to ten', '1234567890', /常见/],
    ['woaini1314', 'woaini1314', /常见/],
    ['qwertyuiop', 'QwertyUiop', /常见/],
    ['1qaz2wsx3edc', '1qaz2wsx3edc', /常见/],
    ['password123', 'Password123', /常见/],
    ['admin123456', 'admin123456', /常见/],
  ])('hardening #11: refuses %s, with a Chinese reason', (_what, password, reason) => {
    const problem = passwordProblem(password, 'zhangsan-eeb');
    expect(problem).toMatch(reason);
    expect(problem).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['a passphrase', 'soil-survey-2026-上街'],
    ['a long random string', 'T7#qv9!Lm2pX'],
    ['ten Chinese characters', '土壤污染防治法第六十条'],
  ])('hardening #11: accepts %s', (_what, password) => {
    expect(passwordProblem(password, 'zhangsan-eeb')).toBeUndefined();
  });

  it('hardening #11: counts characters, not bytes or UTF-16 units: nine Chinese characters are too short, ten are enough', () => {
    expect(passwordProblem('土壤污染防治法第六十', 'x1')).toBeUndefined();
    expect(passwordProblem('土壤污染防治法第六', 'x1')).toMatch(/至少/);
    expect(passwordProblem('😀'.repeat(5) + 'abcd', 'x1')).toMatch(/至少/);
  });

  it('hardening #11: the shipped common-password list names its source and holds the well-known ones of at least the minimum length', () => {
    const common = loadCommonPasswords();
    expect(readFileSync(referencePath('common-passwords.tsv'), 'utf8')).toMatch(/^# Source: .+/m);
    expect(common.size).toBeGreaterThan(200);
    for (const p of ['123456789', '1234567890', 'woaini1314', 'qwertyuiop', '1qaz2wsx', 'password', '5201314']) expect(common.has(p)).toBe(true);
    let longEnough = 0;
    for (const p of common) if ([...p].length >= MIN_PASSWORD_LENGTH) longEnough++;
    expect(longEnough).toBeGreaterThan(100);
  });

  it('reads a jurisdiction-extended list: one password per line under the header, comments ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-'));
    writeFileSync(join(dir, 'list.tsv'), '# local additions\npassword\nShangjie2026!\n');
    const common = loadCommonPasswords(join(dir, 'list.tsv'));
    expect(passwordProblem('shangjie2026!', 'eeb', common)).toMatch(/常见/);
  });
});
