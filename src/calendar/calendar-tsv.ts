import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findProjectRoot } from '../reference/reference-files';
import { WEEKDAY_NAMES_ZH, isIsoDate, toDayNumber, weekdayOfDay } from './calendar-date';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  /** holiday: a rest day (法定节假日及其连休); workday: a weekend day that is worked (调休上班). */
  kind: CalendarDayKind;
  name: string;
}

/** One year's arrangement as published by the State Council (国务院办公厅节假日安排通知). */
export interface CalendarYear {
  year: number;
  days: CalendarDay[];
}

export interface CalendarLineError {
  line: number;
  column?: string;
  message: string;
}

export class CalendarDataError extends Error {
  constructor(
    readonly file: string,
    readonly errors: CalendarLineError[],
  ) {
    super(`${file}：${errors.map((e) => e.message).join('；')}`);
    this.name = 'CalendarDataError';
  }
}

export const CALENDAR_COLUMNS = ['date', 'kind', 'name'] as const;
export const CALENDAR_FILE_PATTERN = /^cn-workdays-(\d{4})\.tsv$/;

/**
 * Parses and validates one year's holiday arrangement (columns date, kind, name;
 * tab-separated; '#' lines and blank lines ignored). Every problem is reported
 * with its line number. The year is `opts.year`, else that of the first date.
 */
export function parseCalendarTsv(text: string, opts: { year?: number; file?: string } = {}): CalendarYear {
  const file = opts.file ?? '工作日历';
  const errors: CalendarLineError[] = [];
  const fail = (line: number, column: string | undefined, detail: string) =>
    errors.push({ line, column, message: `第 ${line} 行${column ? ` ${column}` : ''}：${detail}` });
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const content = lines
    .map((raw, i) => ({ text: raw, line: i + 1 }))
    .filter((l) => l.text.trim() !== '' && !l.text.trim().startsWith('#'));
  const header = content.shift();
  if (!header || header.text.split('\t').map((c) => c.trim()).join('\t') !== CALENDAR_COLUMNS.join('\t')) {
    fail(header?.line ?? 1, undefined, `表头必须是 ${CALENDAR_COLUMNS.join('<TAB>')}`);
    throw new CalendarDataError(file, errors);
  }
  const year = opts.year ?? firstYear(content);
  const days = new Map<string, { day: CalendarDay; line: number }>();
  for (const { text, line } of content) {
    const day = readDay(text, line, year, fail);
    if (day) checkDuplicate(day, line, days, fail);
  }
  if (year === undefined || days.size === 0) fail(header.line + 1, undefined, '没有任何日期数据');
  if (errors.length > 0) throw new CalendarDataError(file, errors);
  return { year: year!, days: [...days.values()].map((d) => d.day).sort((a, b) => a.date.localeCompare(b.date)) };
}

function firstYear(content: Array<{ text: string }>): number | undefined {
  const date = content.map((l) => l.text.split('\t')[0]?.trim()).find(isIsoDate);
  return date === undefined ? undefined : Number(date.slice(0, 4));
}

type Fail = (line: number, column: string | undefined, detail: string) => void;

function readDay(text: string, line: number, year: number | undefined, fail: Fail): CalendarDay | undefined {
  const cells = text.split('\t').map((c) => c.trim());
  if (cells.length !== CALENDAR_COLUMNS.length) return void fail(line, undefined, `应有 3 列（用制表符分隔），实际为 ${cells.length} 列`);
  const [date, kind, name] = cells;
  let ok = true;
  if (!isIsoDate(date)) {
    ok = false;
    fail(line, 'date', `“${date}”不是 YYYY-MM-DD 格式的实际日期`);
  } else if (year !== undefined && Number(date.slice(0, 4)) !== year) {
    ok = false;
    fail(line, 'date', `${date} 不属于 ${year} 年`);
  }
  if (kind !== 'holiday' && kind !== 'workday') {
    ok = false;
    fail(line, 'kind', `必须是 holiday（放假）或 workday（调休上班），实际为“${kind}”`);
  }
  if (name === '') {
    ok = false;
    fail(line, 'name', '不能为空（填写节日名称）');
  }
  if (ok && kind === 'workday') {
    const weekday = weekdayOfDay(toDayNumber(date));
    if (weekday !== 0 && weekday !== 6) {
      ok = false;
      fail(line, 'kind', `调休上班日必须是周六或周日，${date} 是${WEEKDAY_NAMES_ZH[weekday]}`);
    }
  }
  return ok ? { date, kind: kind as CalendarDayKind, name } : undefined;
}

function checkDuplicate(
  day: CalendarDay,
  line: number,
  seen: Map<string, { day: CalendarDay; line: number }>,
  fail: Fail,
): void {
  const first = seen.get(day.date);
  if (!first) {
    seen.set(day.date, { day, line });
    return;
  }
  const detail =
    first.day.kind === day.kind
      ? `${day.date} 重复（第 ${first.line} 行已列出）`
      : `${day.date} 不能既是放假日又是调休上班日（与第 ${first.line} 行冲突）`;
  fail(line, 'date', detail);
}

/** Reads one year's file; a name like cn-workdays-2026.tsv fixes the year it must hold. */
export function loadCalendarYear(path: string): CalendarYear {
  const file = basename(path);
  const m = CALENDAR_FILE_PATTERN.exec(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CalendarDataError(file, [{ line: 0, message: `无法读取文件（${(e as Error).message}）` }]);
  }
  return parseCalendarTsv(text, { file, year: m ? Number(m[1]) : undefined });
}

/** Every cn-workdays-YYYY.tsv in `dir` (default: the project's reference/ folder). */
export function loadCalendarYears(dir: string = join(findProjectRoot(), 'reference')): CalendarYear[] {
  return readdirSync(dir)
    .filter((f) => CALENDAR_FILE_PATTERN.test(f))
    .sort()
    .map((f) => loadCalendarYear(join(dir, f)));
}
