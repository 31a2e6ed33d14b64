import { CsvReadError, readCsvRecords } from './csv-records';
import type { SampleLayout } from './sample-headers';
import { SampleImport, type SampleCsvResult, type SampleDialect, type SampleFileOptions } from './sample-import';
import { type AnalyteFinder, type ColumnPlace, type SampleCsvError, sampleError } from './sample-row';

export { SAMPLE_CSV_COLUMNS } from './sample-row';
export type { AnalyteFinder, CanonicalUnit, SampleCsvError, SampleMedium, SampleRow } from './sample-row';
export type { SampleCsvResult } from './sample-import';

export interface SampleCsvOptions extends SampleFileOptions {
  /** Longest accepted line, or quoted record spanning lines, in UTF-8 bytes (default 64 KiB); a longer one stops the import. */
  maxLineLength?: number;
}

const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

/** A CSV names a column by its header as written; a record must have as many fields as the header. */
const CSV: SampleDialect = {
  place(layout: SampleLayout, index: number): ColumnPlace {
    const header = layout.headers[index];
    return { column: header, label: header };
  },
  shapeError(record: readonly string[], layout: SampleLayout, line: number): SampleCsvError | undefined {
    const width = layout.headers.length;
    if (record.length === width) return undefined;
    return sampleError(line, undefined, `应有 ${width} 列，实际为 ${record.length} 列`);
  },
};

/**
 * Reads an EDD sample file (one row per sample × analyte; DESIGN §6.1) and validates every row.
 * The header names the columns in Chinese or English, in any order (sample-headers.ts).
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
  const state = new SampleImport(analytes, CSV, opts);
  const maxLineLength = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  // Records are checked as they are read, in file order, so that every record
  // before a fatal CSV error has been checked when that error arrives.
  const stoppedBy = await readCsvRecords(input, maxLineLength, (record, line) => state.accept(record, line));
  if (stoppedBy) state.errors.add(fromCsvError(stoppedBy, maxLineLength, state.columns));
  return state.finish();
}

function fromCsvError(e: CsvReadError, maxLineLength: number, layout: SampleLayout | undefined): SampleCsvError {
  const { line } = e;
  const header = e.column === undefined ? undefined : layout?.headers[e.column];
  const place = header === undefined ? undefined : CSV.place(layout!, e.column!);
  switch (e.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return sampleError(line, undefined, `该行超过 ${maxLineLength} 字节的长度上限，已停止读取，其后内容未检查`);
    case 'CSV_QUOTE_NOT_CLOSED':
      return sampleError(line, undefined, '从此行开始的引号没有闭合，其后内容未检查');
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return sampleError(line, place, '引号使用不正确（含逗号或引号的字段须整体用双引号包围，字段内的引号写成两个双引号），其后内容未检查');
    default:
      return sampleError(line, undefined, `无法按 CSV 读取（${e.code}），其后内容未检查`);
  }
}
