/** A quarter as the land bureau names its list, e.g. 2026Q4 (第四季度). */
export const QUARTER_PATTERN = /^(20\d{2})Q([1-4])$/;

/** The day the quarter's list is due: the given day of the quarter's last month, 'YYYY-MM-DD'. */
export function landListDueDate(quarter: string, day: number): string {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new Error(`季度“${quarter}”格式不正确`);
  const lastMonth = Number(m[2]) * 3;
  return `${m[1]}-${String(lastMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Handed in after the due day (China's date): accepted, and marked late. */
export function isLateLandList(quarter: string, day: number, todayInChina: string): boolean {
  return todayInChina > landListDueDate(quarter, day);
}

/** 2026Q4 → 2026 年第四季度, for the texts a person reads. */
export function quarterLabel(quarter: string): string {
  const m = QUARTER_PATTERN.exec(quarter);
  return m ? `${m[1]} 年第${['一', '二', '三', '四'][Number(m[2]) - 1]}季度` : quarter;
}
