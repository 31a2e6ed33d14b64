import { CsvReadError, readCsvRecords } from './csv-records';
import type { ScreeningItem } from './gb36600';
import {
  AnalyteFinder,
  SAMPLE_CSV_COLUMNS,
  SampleCsvError,
  SampleMedium,
  SampleRow,
  sampleError,
  validateSampleRecord,
} from './sample-row';

export { SAMPLE_CSV_COLUMNS } from './sample-row';
export type { AnalyteFinder, CanonicalUnit, SampleCsvError, SampleMedium, SampleRow } from './sample-row';

export interface SampleCsvOptions {
  /** Errors listed before the rest are summarised in one final message (default 1000). */
  maxErrors?: number;
  /** Longest accepted line, or quoted record spanning lines, in UTF-8 bytes (default 64 KiB); a longer one stops the import. */
  maxLineLength?: number;
  /** Called with the number of data rows read, every 1000 rows and at the end. */
  onProgress?: (rows: number) => void;
}

export type SampleCsvResult = { ok: true; rows: SampleRow[] } | { ok: false; errors: SampleCsvError[] };

const DEFAULT_MAX_ERRORS = 1000;
const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
const PROGRESS_EVERY = 1000;

class ErrorList {
  private readonly items: SampleCsvError[] = [];
  private omitted = 0;

  constructor(private readonly max: number) {}

  get count(): number {
    return this.items.length + this.omitted;
  }

  add(...errors: SampleCsvError[]): void {
    for (const e of errors) {
      if (this.items.length < this.max) this.items.push(e);
      else this.omitted++;
    }
  }

  list(): SampleCsvError[] {
    if (this.omitted === 0) return this.items;
    const last = this.items[this.items.length - 1]?.line ?? 1;
    return [...this.items, { line: last, message: `另有 ${this.omitted} 处错误未列出（最多列出 ${this.max} 处）` }];
  }
}

/**
 * Reads an EDD sample file (one row per sample × analyte) and validates every row.
 * Either every row is good and all are returned, or every error found is returned
 * with its physical line number (header = line 1) and nothing else.
 * Reading stops early only where the rest cannot be checked: a wrong header, a
 * record longer than maxLineLength, or broken quoting. Rows are kept in memory;
 * a record too long is refused as soon as it passes the limit, never read whole.
 */
export async function parseSampleCsv(
  input: NodeJS.ReadableStream | Buffer | string,
  analytes: AnalyteFinder,
  opts: SampleCsvOptions = {},
): Promise<SampleCsvResult> {
  const errors = new ErrorList(opts.maxErrors ?? DEFAULT_MAX_ERRORS);
  const state = new ImportState(new CachedAnalytes(analytes), errors, opts.onProgress);
  const maxLineLength = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  // Records are checked as they are read, in file order, so that every record
  // before a fatal CSV error has been checked when that error arrives.
  const stoppedBy = await readCsvRecords(input, maxLineLength, (record, line) => state.accept(record, line));
  if (stoppedBy) errors.add(fromCsvError(stoppedBy, maxLineLength));
  return state.finish();
}

/** Lab files repeat a dozen analyte spellings; normalising each row's spelling again would dominate. */
class CachedAnalytes implements AnalyteFinder {
  // Bounded, so that a hostile file of distinct names cannot grow it without limit.
  private static readonly MAX_ENTRIES = 1000;
  private readonly cache = new Map<string, ScreeningItem | undefined>();

  constructor(private readonly analytes: AnalyteFinder) {}

  find(nameOrCas: string, medium: SampleMedium): ScreeningItem | undefined {
    const key = `${medium}\u0000${nameOrCas}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const item = this.analytes.find(nameOrCas, medium);
    if (this.cache.size < CachedAnalytes.MAX_ENTRIES) this.cache.set(key, item);
    return item;
  }
}

class ImportState {
  lastLine = 0;
  private headerSeen = false;
  private rowCount = 0;
  private readonly rows: SampleRow[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly analytes: AnalyteFinder,
    private readonly errors: ErrorList,
    private readonly onProgress?: (rows: number) => void,
  ) {}

  /** Returns false when reading should stop. */
  accept(record: string[], line: number): boolean {
    this.lastLine = line;
    if (!this.headerSeen) {
      this.headerSeen = true;
      const headerError = checkHeader(record, line);
      if (headerError) this.errors.add(headerError);
      return headerError === undefined;
    }
    if (record.every((c) => c.trim() === '')) return true;
    this.rowCount++;
    if (this.rowCount % PROGRESS_EVERY === 0) this.onProgress?.(this.rowCount);
    this.acceptRow(record, line);
    return true;
  }

  finish(): SampleCsvResult {
    if (this.errors.count === 0 && this.rowCount === 0) {
      this.errors.add(
        this.headerSeen
          ? sampleError(this.lastLine + 1, undefined, '只有表头，没有样品数据行（no sample rows）')
          : sampleError(1, undefined, '文件为空，没有表头和样品数据行（no sample rows）'),
      );
    }
    if (this.rowCount % PROGRESS_EVERY !== 0) this.onProgress?.(this.rowCount);
    return this.errors.count > 0 ? { ok: false, errors: this.errors.list() } : { ok: true, rows: this.rows };
  }

  private acceptRow(record: string[], line: number): void {
    if (record.length !== SAMPLE_CSV_COLUMNS.length) {
      this.errors.add(sampleError(line, undefined, `应有 ${SAMPLE_CSV_COLUMNS.length} 列，实际为 ${record.length} 列`));
      return;
    }
    const result = validateSampleRecord(record, line, this.analytes);
    if (!result.row) {
      this.errors.add(...result.errors);
      return;
    }
    const row = result.row;
    // One result per sample, depth and item; m- and p-xylene are one item, reported as their sum.
    // sample_id holds no control characters, so U+0000 cannot occur inside a part.
    const key = `${row.sampleId}\u0000${row.depthM}\u0000${row.cas}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.errors.add(
        sampleError(line, 'analyte', `与第 ${first} 行重复：样品 ${row.sampleId}、深度 ${row.depthM} m 的“${row.analyteName}”只能有一行`),
      );
      return;
    }
    this.seen.set(key, line);
    // Once the file is known to be bad its rows are not needed; only the duplicate keys are.
    if (this.errors.count === 0) this.rows.push(row);
  }
}

function checkHeader(record: string[], line: number): SampleCsvError | undefined {
  const header = record.map((c) => c.trim());
  const expected: readonly string[] = SAMPLE_CSV_COLUMNS;
  if (header.join(',') === expected.join(',')) return undefined;
  const missing = expected.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !expected.includes(c));
  const parts = [
    missing.length > 0 ? `缺少列 ${missing.join(', ')}` : '',
    extra.length > 0 ? `多余或无法识别的列 ${extra.map((c) => `“${c}”`).join(', ')}` : '',
    missing.length === 0 && extra.length === 0 ? '列的顺序不对' : '',
  ].filter(Boolean);
  return sampleError(line, undefined, `表头错误：${parts.join('；')}。表头必须是 ${expected.join(',')}`);
}

function fromCsvError(e: CsvReadError, maxLineLength: number): SampleCsvError {
  const { line } = e;
  const column = e.column === undefined ? undefined : SAMPLE_CSV_COLUMNS[e.column];
  switch (e.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return sampleError(line, undefined, `该行超过 ${maxLineLength} 字节的长度上限，已停止读取，其后内容未检查`);
    case 'CSV_QUOTE_NOT_CLOSED':
      return sampleError(line, undefined, '从此行开始的引号没有闭合，其后内容未检查');
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return sampleError(line, column, '引号使用不正确（含逗号或引号的字段须整体用双引号包围，字段内的引号写成两个双引号），其后内容未检查');
    default:
      return sampleError(line, undefined, `无法按 CSV 读取（${e.code}），其后内容未检查`);
  }
}
