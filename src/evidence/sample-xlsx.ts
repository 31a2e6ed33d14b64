import type ExcelJS from 'exceljs';
import { excel } from '../common/lazy-libraries';
import { columnLetter, type SampleLayout } from './sample-headers';
import { SampleImport, type SampleCsvResult, type SampleDialect, type SampleFileOptions } from './sample-import';
import { type AnalyteFinder, type SampleCsvError, sampleError } from './sample-row';
import { readZipEntries, reorderedZip, scanXmlEntry, storedRecord, XlsxFileError, type XmlScanLimits, type ZipEntry } from './sample-xlsx-zip';

export interface SampleXlsxOptions extends SampleFileOptions {
  /** Most data rows read from the sheet (default 2,000,000): a compressed sheet can hold far more than its size suggests. */
  maxRows?: number;
  /** Largest shared-strings part, inflated, in bytes (default 64 MiB): the reader keeps it in memory. */
  maxSharedStringsBytes?: number;
  /** Largest worksheet, inflated, in bytes (default 2 GiB). */
  maxSheetBytes?: number;
  /** Longest text in one piece of the XML, e.g. one cell (default 64 KiB, as a CSV line). */
  maxTextLength?: number;
}

/** An .xlsx is a zip: its first bytes are a zip local header, PK\x03\x04. */
export function isXlsxHead(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32LE(0) === 0x04034b50;
}

const DEFAULT_MAX_ROWS = 2_000_000;
const DEFAULT_MAX_SHARED_STRINGS = 64 * 1024 * 1024;
const DEFAULT_MAX_SHEET = 2 * 1024 * 1024 * 1024;
const DEFAULT_MAX_TEXT = 64 * 1024;
// Columns read from a row: a cell addressed far beyond them (XFD1048576) must not make a row that wide.
const MAX_COLUMNS = 256;
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_SHARED_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');

/** A sheet names a column by its letter and header (E 列（检测项目）); a cell with content needs a header. */
const XLSX: SampleDialect = {
  place(layout: SampleLayout, index: number) {
    const letter = columnLetter(index);
    const header = layout.headers[index];
    return { column: letter, header, label: `${letter} 列（${header}）` };
  },
  shapeError(record: readonly string[], layout: SampleLayout, line: number): SampleCsvError | undefined {
    for (let i = 0; i < record.length; i++) {
      if ((layout.headers[i] ?? '') === '' && record[i].trim() !== '') {
        const letter = columnLetter(i);
        return sampleError(line, { column: letter, label: `${letter} 列` }, '此列有内容但没有表头，无法识别（请在表头行写明列名，或删去此列的内容）');
      }
    }
    return undefined;
  },
};

/**
 * Reads the first worksheet of a laboratory's .xlsx (the staged file at `path`) row by row,
 * with the same header rules and row checks as the CSV (sample-csv.ts): the first non-empty
 * row is the header; errors name the sheet's row number and the column letter and header.
 * Nothing but the current rows is held: the sheet streams from the file as it inflates.
 */
export async function parseSampleXlsx(path: string, analytes: AnalyteFinder, opts: SampleXlsxOptions = {}): Promise<SampleCsvResult> {
  const state = new SampleImport(analytes, XLSX, opts);
  let parts: Array<ZipEntry | Buffer>;
  try {
    parts = await workbookParts(path, opts);
  } catch (e) {
    if (!(e instanceof XlsxFileError)) throw e;
    state.errors.add(sampleError(1, undefined, `无法按 Excel 工作簿（.xlsx）读取：${e.message}`));
    return state.finish();
  }
  const { stream, bytes } = reorderedZip(path, parts);
  let read = 0;
  stream.on('data', (chunk: Buffer) => (read += chunk.length));
  state.readFraction = () => Math.min(1, read / bytes);
  try {
    await readRows(stream, state, opts.maxRows ?? DEFAULT_MAX_ROWS);
  } catch (e) {
    // Reading the staged file failed: the server's fault, not the file's.
    if ((e as { syscall?: string }).syscall) throw e;
    // The parser's own words are English internals: the person reads where reading stopped.
    const after = state.lastLine > 0 ? `第 ${state.lastLine} 行之后的` : '';
    state.errors.add(sampleError(Math.max(1, state.lastLine), undefined, `工作簿${after}内容已损坏（不是有效的 Excel 工作表），无法继续读取，其后内容未检查`));
  } finally {
    stream.destroy();
  }
  return state.finish();
}

/**
 * Relationships, workbook, shared strings (an empty one when the workbook has none) and the first
 * sheet, the shared strings and the sheet first scanned for their size and longest text.
 */
async function workbookParts(path: string, opts: SampleXlsxOptions): Promise<Array<ZipEntry | Buffer>> {
  const entries = await readZipEntries(path);
  const named = (name: string) => entries.find((e) => e.name === name);
  const rels = named('xl/_rels/workbook.xml.rels');
  const workbook = named('xl/workbook.xml');
  let sheet: ZipEntry | undefined;
  let sheetNo = Infinity;
  for (const e of entries) {
    const m = SHEET.exec(e.name);
    if (m && Number(m[1]) < sheetNo) [sheet, sheetNo] = [e, Number(m[1])];
  }
  if (!rels || !workbook || !sheet) throw new XlsxFileError('缺少工作簿或工作表（文件不是 Excel 工作簿）');
  const maxToken = opts.maxTextLength ?? DEFAULT_MAX_TEXT;
  const strings = named('xl/sharedStrings.xml');
  if (strings) await scan(path, strings, { maxBytes: opts.maxSharedStringsBytes ?? DEFAULT_MAX_SHARED_STRINGS, maxToken }, '共享字符串');
  await scan(path, sheet, { maxBytes: opts.maxSheetBytes ?? DEFAULT_MAX_SHEET, maxToken }, '工作表');
  return [rels, workbook, strings ?? storedRecord('xl/sharedStrings.xml', EMPTY_SHARED_STRINGS), sheet];
}

async function scan(path: string, entry: ZipEntry, limits: XmlScanLimits, what: string): Promise<void> {
  const problem = await scanXmlEntry(path, entry, limits);
  if (problem === 'size') throw new XlsxFileError(`${what}解压后超过 ${Math.round(limits.maxBytes / 2 ** 20)} MiB 的上限`);
  if (problem === 'token') throw new XlsxFileError(`${what}中有一段文字超过 ${limits.maxToken} 字节的上限`);
}

async function readRows(stream: NodeJS.ReadableStream, state: SampleImport, maxRows: number): Promise<void> {
  const reader = new (excel().stream.xlsx.WorkbookReader)(stream as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const cells = rowCells(row);
      if (!cells) {
        state.errors.add(sampleError(row.number, undefined, `此行有超过第 ${MAX_COLUMNS} 列的内容，无法识别`));
        if (!state.columns) return;
        continue;
      }
      if (!state.columns && cells.every((c) => c.trim() === '')) continue;
      if (++rows > maxRows + 1) {
        state.errors.add(sampleError(row.number, undefined, `工作表超过 ${maxRows} 行的上限，已停止读取，其后内容未检查`));
        return;
      }
      if (!state.accept(cells, row.number)) return;
    }
    return; // only the first sheet
  }
}

/** The row's cells as text, by 0-based column index; undefined when a cell lies past MAX_COLUMNS. */
function rowCells(row: ExcelJS.Row): string[] | undefined {
  const cells: string[] = [];
  let tooWide = false;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col > MAX_COLUMNS) tooWide = true;
    if (tooWide) return;
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = cellText(cell.value);
  });
  return tooWide ? undefined : cells;
}

export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) {
    let text = '';
    for (const run of v.richText) text += run.text ?? '';
    return text;
  }
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
  if ('error' in v) return String(v.error);
  if ('text' in v) return String((v as { text: unknown }).text);
  return '';
}
