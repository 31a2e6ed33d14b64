import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarDataError, loadCalendarYear, parseCalendarTsv } from './calendar-tsv';

const HEADER = 'date\tkind\tname';
const tsv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

function messagesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof CalendarDataError) return e.errors.map((x) => x.message);
    throw e;
  }
  throw new Error('expected a CalendarDataError');
}

describe('parseCalendarTsv', () => {
  it('parses a year, tolerating a BOM, CRLF, comments and blank lines', () => {
    const text = '\uFEFF# 2027 example\r\n' + HEADER + '\r\n\r\n2027-01-01\tholiday\t元旦\r\n2027-01-09\tworkday\t调休上班\r\n';
    expect(parseCalendarTsv(text)).toEqual({
      year: 2027,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-09', kind: 'workday', name: '调休上班' },
      ],
    });
  });

  it('reports every bad line at once, with its line number and column', () => {
    const text = tsv(
      '2027-01-01\tholiday\t元旦',
      '2027-02-30\tholiday\t春节',
      '2026-12-31\tholiday\t元旦',
      '2027-02-06\trest\t春节',
      '2027-02-08\tworkday\t春节调休上班',
      '2027-01-01\tholiday\t元旦',
      '2027-02-07\tholiday\t',
      '2027-02-09',
    );
    expect(messagesOf(() => parseCalendarTsv(text))).toEqual([
      '第 3 行 date：“2027-02-30”不是 YYYY-MM-DD 格式的实际日期',
      '第 4 行 date：2026-12-31 不属于 2027 年',
      '第 5 行 kind：必须是 holiday（放假）或 workday（调休上班），实际为“rest”',
      '第 6 行 kind：调休上班日必须是周六或周日，2027-02-08 是周一',
      '第 7 行 date：2027-01-01 重复（第 2 行已列出）',
      '第 8 行 name：不能为空（填写节日名称）',
      '第 9 行：应有 3 列（用制表符分隔），实际为 1 列',
    ]);
  });

  it('refuses a date listed both as a holiday and as a working day', () => {
    const text = tsv('2027-02-06\tholiday\t春节', '2027-02-06\tworkday\t春节调休上班');
    expect(messagesOf(() => parseCalendarTsv(text))).toEqual(['第 3 行 date：2027-02-06 不能既是放假日又是调休上班日（与第 2 行冲突）']);
  });

  it('refuses a wrong header and an empty year', () => {
    expect(messagesOf(() => parseCalendarTsv('day\ttype\n'))).toEqual(['第 1 行：表头必须是 date<TAB>kind<TAB>name']);
    expect(messagesOf(() => parseCalendarTsv(HEADER + '\n'))).toEqual(['第 2 行：没有任何日期数据']);
  });

  it('names the file in the error message', () => {
    expect(() => parseCalendarTsv('x\n', { file: 'cn-workdays-2027.tsv' })).toThrow(/^cn-workdays-2027\.tsv：第 1 行/);
  });
});

describe('loadCalendarYear', () => {
  it('holds a file named cn-workdays-YYYY.tsv to that year', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    const path = join(dir, 'cn-workdays-2027.tsv');
    writeFileSync(path, tsv('2028-01-01\tholiday\t元旦'));
    expect(() => loadCalendarYear(path)).toThrow('第 2 行 date：2028-01-01 不属于 2027 年');
  });
});
