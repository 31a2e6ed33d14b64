// The header row of a laboratory's sample file (EDD, HJ 25.1 / DESIGN §3): its columns, in
// any order, named in Chinese or English; 介质 (medium) may be left out (then every row is soil).

/** The eight columns every sample file has, in the order of the template. */
export const REQUIRED_COLUMNS = ['sample_id', 'x', 'y', 'depth_m', 'analyte', 'value', 'unit', 'detection_limit'] as const;

export const SAMPLE_COLUMNS = [...REQUIRED_COLUMNS, 'medium'] as const;

export type SampleColumn = (typeof SAMPLE_COLUMNS)[number];

/** The Chinese header of each column, as the template writes it. */
export const CHINESE_HEADERS: Record<SampleColumn, string> = {
  sample_id: '样品编号',
  x: '经度',
  y: '纬度',
  depth_m: '采样深度',
  analyte: '检测项目',
  value: '检测值',
  unit: '单位',
  detection_limit: '检出限',
  medium: '介质',
};

// Every accepted spelling, compared after normaliseHeader. X and Y are longitude and latitude here
// (decimal degrees), as the English columns always were.
const HEADER_NAMES: Record<SampleColumn, readonly string[]> = {
  sample_id: ['sample_id', '样品编号'],
  x: ['x', '经度'],
  y: ['y', '纬度'],
  depth_m: ['depth_m', '采样深度'],
  analyte: ['analyte', '检测项目'],
  value: ['value', '检测值'],
  unit: ['unit', '单位'],
  detection_limit: ['detection_limit', '检出限'],
  medium: ['medium', '介质'],
};

const COLUMN_BY_NAME = new Map<string, SampleColumn>(
  SAMPLE_COLUMNS.flatMap((column) => HEADER_NAMES[column].map((name) => [name, column] as [string, SampleColumn])),
);

/**
 * Full-width forms, spaces and letter case folded; a unit in brackets after the name
 * (采样深度（m）, 检出限(mg/kg)) dropped: the unit of each result is in its own column.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/\([^()]*\)$/u, '')
    .toLowerCase();
}

/** Where each column sits in the file's records, and its header as the file wrote it. */
export interface SampleLayout {
  /** Index in the record of each column the file has. */
  index: Partial<Record<SampleColumn, number>>;
  /** The header cells as written (trimmed), by index. */
  headers: readonly string[];
}

export type HeaderResult = { layout: SampleLayout; problem?: undefined } | { layout?: undefined; problem: string };

/** Maps a header row onto the columns; blank header cells are skipped (spreadsheets leave them). */
export function mapHeader(cells: readonly string[]): HeaderResult {
  const headers = cells.map((c) => c.trim());
  const index: Partial<Record<SampleColumn, number>> = {};
  const unknown: string[] = [];
  const twice: string[] = [];
  headers.forEach((header, i) => {
    if (header === '') return;
    const column = COLUMN_BY_NAME.get(normaliseHeader(header));
    if (column === undefined) unknown.push(header);
    else if (index[column] !== undefined) twice.push(`“${headers[index[column]]}”与“${header}”`);
    else index[column] = i;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
  if (missing.length === 0 && unknown.length === 0 && twice.length === 0) return { layout: { index, headers } };
  const parts = [
    missing.length > 0 ? `缺少列 ${missing.map(describeColumn).join('、')}` : '',
    unknown.length > 0 ? `无法识别的列 ${unknown.map((c) => `“${c}”`).join('、')}` : '',
    twice.length > 0 ? `同一列出现两次：${twice.join('；')}` : '',
  ].filter(Boolean);
  const accepted = SAMPLE_COLUMNS.map(describeColumn).join('、');
  return { problem: `表头错误：${parts.join('；')}。可用的列（中英文均可，顺序不限，介质可省略）：${accepted}` };
}

function describeColumn(column: SampleColumn): string {
  return `${CHINESE_HEADERS[column]}（${column}）`;
}

/** A spreadsheet's column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
