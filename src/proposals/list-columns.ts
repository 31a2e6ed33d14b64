import { columnLetter } from '../evidence/sample-headers';

/** The columns of a list (both bureaus' lists share them); headers in Chinese or English, in any order. */
export const LIST_COLUMNS = {
  reason: { label: '原因', headers: ['原因', '列入原因', '类型', 'reason'], required: true },
  name: { label: '企业或地块名称', headers: ['企业或地块名称', '企业名称', '地块名称', '宗地名称', '名称', 'name'], required: true },
  creditCode: { label: '统一社会信用代码', headers: ['统一社会信用代码', '信用代码', 'creditcode'], required: false },
  parcelCode: { label: '地块编码', headers: ['地块编码', '宗地编码', '宗地代码', 'parcelcode'], required: false },
  address: { label: '地址', headers: ['地址', '坐落', '位置', 'address'], required: true },
  areaM2: { label: '面积（平方米）', headers: ['面积（平方米）', '面积', 'aream2', 'area'], required: false },
  intendedUse: { label: '拟供用途', headers: ['拟供用途', '拟变更用途', '规划用途', 'intendeduse'], required: false },
  keyUnit: { label: '重点监管单位', headers: ['重点监管单位', '土壤污染重点监管单位', 'keyunit'], required: false },
  boundary: { label: '边界（GeoJSON）', headers: ['边界（GeoJSON）', '边界', 'boundary'], required: false },
} as const;

export type ListColumn = keyof typeof LIST_COLUMNS;

/** What a decoder puts for bytes that are not UTF-8: a GBK export from Excel reads as these. */
export const NOT_UTF8 = '\uFFFD';
export const NOT_UTF8_TEXT = '含有无法识别的字符：文件须为 UTF-8 编码（Excel 请另存为“CSV UTF-8”或 .xlsx）';

/** Headers compare without spaces, with half-width parentheses and case folded: 面积(平方米) = 面积（平方米）. */
function normalHeader(h: string): string {
  return h.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toLowerCase();
}

const BY_HEADER = new Map<string, ListColumn>(
  (Object.keys(LIST_COLUMNS) as ListColumn[]).flatMap((key) => LIST_COLUMNS[key].headers.map((h) => [normalHeader(h), key] as const)),
);

export interface RowError {
  line: number;
  /** The column as the person sees it: 'C 列（地址）' in a sheet, '第 3 列（地址）' in a CSV; absent for the whole row. */
  column?: string;
  message: string;
}

export interface ListLayout {
  /** column key → index in the record */
  index: Partial<Record<ListColumn, number>>;
  headers: string[];
  format: 'csv' | 'xlsx';
}

export function columnPlace(layout: ListLayout, i: number): string {
  const where = layout.format === 'xlsx' ? `${columnLetter(i)} 列` : `第 ${i + 1} 列`;
  return layout.headers[i] ? `${where}（${layout.headers[i]}）` : where;
}

/** The header row: every column known, none twice, the required ones there. */
export function readHeader(cells: string[], line: number, format: 'csv' | 'xlsx'): { layout: ListLayout; errors: RowError[] } {
  const headers = cells.map((c) => c.trim());
  const layout: ListLayout = { index: {}, headers, format };
  const errors: RowError[] = [];
  if (headers.some((h) => h.includes(NOT_UTF8))) return { layout, errors: [{ line, message: `表头${NOT_UTF8_TEXT}` }] };
  headers.forEach((h, i) => {
    if (h === '') return;
    const key = BY_HEADER.get(normalHeader(h));
    if (!key) {
      const known = Object.values(LIST_COLUMNS).map((c) => c.label).join('、');
      errors.push({ line, column: columnPlace(layout, i), message: `无法识别的表头“${h}”（可用的列：${known}）` });
    } else if (layout.index[key] !== undefined) {
      errors.push({ line, column: columnPlace(layout, i), message: `“${LIST_COLUMNS[key].label}”列重复（已在${columnPlace(layout, layout.index[key]!)}）` });
    } else {
      layout.index[key] = i;
    }
  });
  for (const key of Object.keys(LIST_COLUMNS) as ListColumn[]) {
    if (LIST_COLUMNS[key].required && layout.index[key] === undefined) {
      errors.push({ line, message: `缺少必填列“${LIST_COLUMNS[key].label}”` });
    }
  }
  return { layout, errors };
}
