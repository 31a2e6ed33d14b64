import { parseTsv, readTextFile, referencePath } from '../reference/reference-files';

/** The shortest password accepted where a password is set (GB/T 22239-2019 8.1.4.1 a: 身份鉴别信息具有复杂度要求). */
export const MIN_PASSWORD_LENGTH = 10;

/** Common passwords, lower-cased: reference/common-passwords.tsv, with its source in the file's header. */
export function loadCommonPasswords(path = referencePath('common-passwords.tsv')): ReadonlySet<string> {
  const rows = parseTsv(readTextFile(path), ['password'], 'common-passwords.tsv');
  return new Set(rows.map((r) => r.cells.password.toLowerCase()));
}

let shipped: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  shipped ??= loadCommonPasswords();
  return shipped;
}

/**
 * Why a new password is refused, in the words a person reads; undefined when it is accepted.
 * Applied wherever a password is set (an administrator creating a user or resetting a
 * password); the demo directory is seeded directly and keeps its documented demo1234.
 */
export function passwordProblem(password: string, username: string, common: ReadonlySet<string> = commonPasswords()): string | undefined {
  let length = 0;
  // Code points, not UTF-16 units: 密码 counts as two characters.
  for (const _ of password) length++;
  if (length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.trim() === '') return '密码不能全是空白字符';
  if (isOneCharacterRepeated(password)) return '密码不能由同一个字符重复组成';
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && lower.includes(name)) return '密码不能与用户名相同，也不能包含用户名';
  if (common.has(lower) || common.has(lower.trim())) return '密码过于常见（在常见密码表中），请换一个不易猜到的密码';
  return undefined;
}

function isOneCharacterRepeated(password: string): boolean {
  const first = password.codePointAt(0);
  for (const c of password) if (c.codePointAt(0) !== first) return false;
  return true;
}
