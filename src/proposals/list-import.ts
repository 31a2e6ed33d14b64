import { readHeader, type ListLayout, type RowError } from './list-columns';
import { readListFile } from './list-file';
import { duplicateErrors, readRow, type ProposalRowInput, type RowContext } from './list-rows';
import { LIST_LIMITS } from './list-file';

/** Errors listed in one answer: enough to fix a file, not a list of every row of a wrong file. */
export const MAX_LISTED_ERRORS = 200;

export interface ListImport {
  format: 'csv' | 'xlsx';
  rows: ProposalRowInput[];
  errors: RowError[];
}

/**
 * Reads a staged list: the first non-empty row is the header, every later non-empty row a proposal. Nothing of a
 * list with any bad row is used; the errors name each row and column.
 */
export async function importList(path: string, ctx: RowContext): Promise<ListImport> {
  const rows: ProposalRowInput[] = [];
  const errors: RowError[] = [];
  let layout: ListLayout | undefined;
  let headerBad = false;
  let dataRows = 0;
  let formatSeen: 'csv' | 'xlsx' = 'csv';
  const { format, fault } = await readListFile(path, (cells, line) => {
    if (cells.every((c) => c.trim() === '')) return true;
    if (!layout) {
      const header = readHeader(cells, line, formatSeen);
      layout = header.layout;
      errors.push(...header.errors);
      headerBad = header.errors.length > 0;
      return !headerBad;
    }
    if (++dataRows > LIST_LIMITS.maxRows) {
      errors.push({ line, message: `清单超过 ${LIST_LIMITS.maxRows} 行的上限，请分批上传` });
      return false;
    }
    const read = readRow(cells, line, layout, ctx);
    if (read.row) rows.push(read.row);
    errors.push(...read.errors);
    return errors.length < MAX_LISTED_ERRORS;
  }, (f) => (formatSeen = f));
  if (fault) errors.push(fault);
  if (!layout) errors.push({ line: 1, message: '文件是空的：第一行应为表头，其后每行一条' });
  else if (!headerBad && dataRows === 0 && !fault) errors.push({ line: 1, message: '清单只有表头，没有数据行' });
  if (errors.length === 0) errors.push(...duplicateErrors(rows));
  return { format, rows, errors: errors.slice(0, MAX_LISTED_ERRORS) };
}
