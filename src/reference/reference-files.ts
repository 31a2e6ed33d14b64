import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A bad line in a reference data file (standard values, background values, holiday calendar). */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: string | undefined,
    readonly detail: string,
  ) {
    super(formatReferenceError(file, line, column, detail));
    this.name = 'ReferenceDataError';
  }
}

function formatReferenceError(file: string, line?: number, column?: string, detail = ''): string {
  const where = line === undefined ? '' : ` 第 ${line} 行`;
  const field = column === undefined ? '' : ` ${column}`;
  return `${file}${where}${field}：${detail}`;
}

export interface TsvLine {
  line: number;
  cells: Record<string, string>;
}

/**
 * Parses tab-separated reference text whose header must be exactly `columns`.
 * Lines starting with '#' and blank lines are ignored; a BOM and CRLF are tolerated.
 * Cells are trimmed; a line with a different number of cells is an error.
 */
export function parseTsv(text: string, columns: readonly string[], file: string): TsvLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => !isSkippable(l));
  if (headerIndex < 0) throw new ReferenceDataError(file, undefined, undefined, '文件为空，缺少表头');
  const header = lines[headerIndex].split('\t').map((c) => c.trim());
  if (header.join('\t') !== columns.join('\t')) {
    throw new ReferenceDataError(
      file,
      headerIndex + 1,
      undefined,
      `表头应为 ${columns.join('<TAB>')}，实际为 ${header.join('<TAB>')}`,
    );
  }
  const out: TsvLine[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (isSkippable(lines[i])) continue;
    const cells = lines[i].split('\t').map((c) => c.trim());
    if (cells.length !== columns.length) {
      throw new ReferenceDataError(file, i + 1, undefined, `应有 ${columns.length} 列，实际为 ${cells.length} 列`);
    }
    out.push({ line: i + 1, cells: Object.fromEntries(columns.map((c, k) => [c, cells[k]])) });
  }
  return out;
}

function isSkippable(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReferenceDataError(path, undefined, undefined, `无法读取文件（${(e as Error).message}）`);
  }
}

/** Strict decimal number: no hex, no empty string, no thousands separators, no NaN/Infinity. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The folder holding package.json, found by walking up from this file, so the same
 * code works from src/ under jest and from dist/src/ after a build.
 */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`找不到项目根目录（从 ${start} 向上未找到 package.json）`);
    dir = parent;
  }
}

export function referencePath(fileName: string): string {
  return join(findProjectRoot(), 'reference', fileName);
}
