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
