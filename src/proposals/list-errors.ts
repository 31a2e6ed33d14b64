import { DomainError } from '../common/errors';
import type { RowError } from './list-columns';

/** A list with bad rows: nothing of it is kept; every fault is named by row and column. */
export class ListRowsRefusedError extends DomainError {
  readonly status = 422;
  readonly code = 'LIST_ROWS_INVALID';
  constructor(readonly rows: RowError[]) {
    super(`清单有 ${rows.length} 处错误，未导入任何一行：${rows.slice(0, 3).map(describe).join('；')}${rows.length > 3 ? '……' : ''}`);
  }
  details() {
    return { errors: this.rows.map((r) => ({ field: 'file', line: r.line, column: r.column ?? null, message: `${describe(r)}` })) };
  }
}

function describe(r: RowError): string {
  return `第 ${r.line} 行${r.column ? ` ${r.column}` : ''}：${r.message}`;
}
