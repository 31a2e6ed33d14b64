import type { JurisdictionLevel } from '../../workflows';

/**
 * 行政区划代码 form a tree by prefix: 410000 河南省 → 410100 郑州市 → 410106 上街区.
 * A code's significant prefix drops the trailing pairs of zeros of its six-digit part.
 */
export function jurisdictionPrefix(code: string): string {
  const county = code.slice(0, 6);
  if (code.length > 6) return code;
  if (county.endsWith('0000')) return county.slice(0, 2);
  if (county.endsWith('00')) return county.slice(0, 4);
  return county;
}

/** Whether `code` lies in the jurisdiction `ancestor` or below it (a province covers its cities and districts). */
export function jurisdictionCovers(ancestor: string | null | undefined, code: string | null | undefined): boolean {
  if (!ancestor || !code) return false;
  return code === ancestor || code.startsWith(jurisdictionPrefix(ancestor));
}

/** The level of government of a six-digit code: 410000 province, 410100 city, 410106 district. */
export function levelOf(code: string): JurisdictionLevel {
  const prefix = jurisdictionPrefix(code);
  return prefix.length === 2 ? 'province' : prefix.length === 4 ? 'city' : 'district';
}

/** The code of the jurisdiction at `level` that contains `code` (410106 at city level is 410100). */
export function ancestorAt(code: string, level: JurisdictionLevel): string {
  const county = code.slice(0, 6);
  if (level === 'province') return `${county.slice(0, 2)}0000`;
  if (level === 'city') return `${county.slice(0, 4)}00`;
  return county;
}

/** The codes from the province down to `code` itself: 410106 → 410000, 410100, 410106. */
export function ancestorsOf(code: string): string[] {
  const out: string[] = [];
  for (const level of ['province', 'city', 'district'] as const) {
    const at = ancestorAt(code, level);
    if (!out.includes(at) && jurisdictionCovers(at, code)) out.push(at);
    if (at === code.slice(0, 6)) break;
  }
  return out;
}
