import type ExcelJS from 'exceljs';
import { excel } from '../common/lazy-libraries';
import { createReadStream } from 'node:fs';
import { readCsvRecords } from '../evidence/csv-records';
import { sampleFileFormat } from '../evidence/sample-file';
import { cellText } from '../evidence/sample-xlsx';
import { readZipEntries, reorderedZip, scanXmlEntry, storedRecord, XlsxFileError, type ZipEntry } from '../evidence/sample-xlsx-zip';

/** A district's list is tens or hundreds of rows; the limits keep a hostile file from costing more. */
export const LIST_LIMITS = { maxRows: 5000, maxLineBytes: 64 * 1024, maxSheetBytes: 64 * 1024 * 1024, maxSharedStringsBytes: 16 * 1024 * 1024, maxColumns: 64 };

/** Receives each record with the line (CSV) or row number (sheet) it is on; returns false to stop. */
export type RecordHandler = (cells: string[], line: number) => boolean;

/** Why a file could not be read to its end, in words, and where. */
export interface FileFault {
  line: number;
  message: string;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const EMPTY_SHARED_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');

/**
 * Streams the records of a staged list, CSV or .xlsx (told by content, as the sample files are: sample-file.ts),
 * from disk: the CSV through the project's record reader, the first sheet through exceljs's streaming reader with
 * its parts checked for size first (sample-xlsx-zip.ts).
 */
export async function readListFile(
  path: string,
  onRecord: RecordHandler,
  onFormat: (format: 'csv' | 'xlsx') => void = () => undefined,
): Promise<{ format: 'csv' | 'xlsx'; fault?: FileFault }> {
  const format = await sampleFileFormat(path);
  onFormat(format);
  if (format === 'csv') {
    const error = await readCsvRecords(createReadStream(path), LIST_LIMITS.maxLineBytes, onRecord);
    if (!error) return { format };
    const why = error.code === 'CSV_MAX_RECORD_SIZE' ? `一行超过 ${LIST_LIMITS.maxLineBytes} 字节` : '引号不成对或使用不当';
    return { format, fault: { line: error.line, message: `CSV 无法继续读取：${why}，其后内容未检查` } };
  }
  let parts: Array<ZipEntry | Buffer>;
  try {
    parts = await sheetParts(path);
  } catch (e) {
    if (!(e instanceof XlsxFileError)) throw e;
    return { format, fault: { line: 1, message: `无法按 Excel 工作簿（.xlsx）读取：${e.message}` } };
  }
  const { stream } = reorderedZip(path, parts);
  let last = 0;
  try {
    await readSheet(stream, (cells, line) => ((last = line), onRecord(cells, line)));
    return { format };
  } catch (e) {
    if ((e as { syscall?: string }).syscall) throw e;
    return { format, fault: { line: Math.max(1, last), message: '工作簿内容已损坏（不是有效的 Excel 工作表），无法继续读取，其后内容未检查' } };
  } finally {
    stream.destroy();
  }
}

async function sheetParts(path: string): Promise<Array<ZipEntry | Buffer>> {
  const entries = await readZipEntries(path);
  const named = (name: string) => entries.find((e) => e.name === name);
  const sheet = entries.filter((e) => SHEET.test(e.name)).sort((a, b) => sheetNo(a) - sheetNo(b))[0];
  const [rels, workbook, strings] = [named('xl/_rels/workbook.xml.rels'), named('xl/workbook.xml'), named('xl/sharedStrings.xml')];
  if (!rels || !workbook || !sheet) throw new XlsxFileError('缺少工作簿或工作表（文件不是 Excel 工作簿）');
  const maxToken = LIST_LIMITS.maxLineBytes;
  if (strings && (await scanXmlEntry(path, strings, { maxBytes: LIST_LIMITS.maxSharedStringsBytes, maxToken }))) {
    throw new XlsxFileError('共享字符串过大或含有过长的文字');
  }
  if (await scanXmlEntry(path, sheet, { maxBytes: LIST_LIMITS.maxSheetBytes, maxToken })) throw new XlsxFileError('工作表过大或含有过长的文字');
  return [rels, workbook, strings ?? storedRecord('xl/sharedStrings.xml', EMPTY_SHARED_STRINGS), sheet];
}

const sheetNo = (e: ZipEntry) => Number(SHEET.exec(e.name)![1]);

async function readSheet(stream: NodeJS.ReadableStream, onRecord: RecordHandler): Promise<void> {
  const reader = new (excel().stream.xlsx.WorkbookReader)(stream as never, {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (col > LIST_LIMITS.maxColumns) return;
        while (cells.length < col - 1) cells.push('');
        cells[col - 1] = cellText(cell.value);
      });
      if (!onRecord(cells, row.number)) return;
    }
    return; // the first sheet only
  }
}
