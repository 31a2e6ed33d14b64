import type { FieldError } from '../common/errors';
import { isIsoDate } from '../calendar/calendar-date';
import { normaliseHeader } from '../evidence/sample-headers';
import { readListFile } from '../proposals/list-file';

/** One row of a campaign's results file, as read (analyte not yet resolved: that depends on the point). */
export interface ResultLine {
  line: number;
  pointCode: string;
  sampledOn: string;
  medium: 'soil' | 'groundwater';
  analyte: string;
  /** in mg/kg (soil) or mg/L (groundwater); null when not detected */
  value: number | null;
  detected: boolean;
  unit: 'mg/kg' | 'mg/L';
  detectionLimit: number | null;
  ph: number | null;
}

type Column = 'pointCode' | 'sampledOn' | 'medium' | 'analyte' | 'value' | 'unit' | 'detectionLimit' | 'ph';
// The report importer's columns (sample-headers.ts) with 点位编码 instead of 样品编号, the sampling date and pH.
const HEADERS: Record<string, Column> = {
  point_code: 'pointCode', 点位编码: 'pointCode', sampled_on: 'sampledOn', 采样日期: 'sampledOn', medium: 'medium', 介质: 'medium',
  analyte: 'analyte', 检测项目: 'analyte', value: 'value', 检测值: 'value', unit: 'unit', 单位: 'unit',
  detection_limit: 'detectionLimit', 检出限: 'detectionLimit', ph: 'ph',
};
const REQUIRED: Column[] = ['pointCode', 'sampledOn', 'analyte', 'value', 'unit'];
const LABEL: Record<Column, string> = {
  pointCode: '点位编码', sampledOn: '采样日期', medium: '介质', analyte: '检测项目', value: '检测值', unit: '单位', detectionLimit: '检出限', ph: 'pH',
};
const MEDIUM: Record<string, 'soil' | 'groundwater'> = { soil: 'soil', 土壤: 'soil', groundwater: 'groundwater', 地下水: 'groundwater' };
// Each unit to the medium's canonical one (mg/kg, mg/L).
const UNITS: Record<string, { medium: 'soil' | 'groundwater'; factor: number }> = {
  'mg/kg': { medium: 'soil', factor: 1 }, 'μg/kg': { medium: 'soil', factor: 0.001 }, 'ug/kg': { medium: 'soil', factor: 0.001 },
  'mg/l': { medium: 'groundwater', factor: 1 }, 'μg/l': { medium: 'groundwater', factor: 0.001 }, 'ug/l': { medium: 'groundwater', factor: 0.001 },
};
const NOT_DETECTED = /^(nd|未检出|<.*|＜.*)$/iu;
export const MAX_RESULT_ROWS = 200_000;

/**
 * A sheet's date cell as YYYY-MM-DD: read without styles it is an Excel serial day (1900 date system, day 0 =
 * 1899-12-30), or midnight UTC where exceljs made it a Date (sample-xlsx.ts cellText); text is kept as written.
 */
function dateText(text: string): string {
  if (/^\d{5}$/.test(text)) return new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000).toISOString().slice(0, 10);
  return text.replace(/^(\d{4}-\d{2}-\d{2})T00:00:00(\.000)?Z$/, '$1');
}

/** Reads a results file, CSV or .xlsx (by content), as a stream; every bad row is named (line, column) and then no row is kept. */
export async function readResultsFile(path: string, maxErrors = 200): Promise<{ rows: ResultLine[]; errors: FieldError[] }> {
  const rows: ResultLine[] = [];
  const errors: FieldError[] = [];
  let index: Partial<Record<Column, number>> | undefined;
  const fail = (line: number, column: Column | null, message: string) => {
    errors.push({ field: 'samples', message: `第 ${line} 行${column ? `（${LABEL[column]}）` : ''}：${message}` });
    return errors.length < maxErrors;
  };
  const { fault } = await readListFile(path, (cells, line) => {
    if (!index) {
      index = {};
      cells.forEach((c, i) => { const col = HEADERS[normaliseHeader(c)]; if (col) index![col] = i; });
      const missing = REQUIRED.filter((c) => index![c] === undefined);
      if (missing.length) return fail(1, null, `缺少列：${missing.map((c) => LABEL[c]).join('、')}（点位编码、采样日期、检测项目、检测值、单位）`) && false;
      return true;
    }
    if (rows.length >= MAX_RESULT_ROWS) return fail(line, null, `一次至多上传 ${MAX_RESULT_ROWS} 条结果`) && false;
    const cell = (c: Column) => (index![c] === undefined ? '' : (cells[index![c]!] ?? '').trim());
    const before = errors.length;
    const pointCode = cell('pointCode');
    if (!pointCode) fail(line, 'pointCode', '不能为空');
    const sampledOn = dateText(cell('sampledOn'));
    if (!isIsoDate(sampledOn)) fail(line, 'sampledOn', `“${sampledOn}”不是 YYYY-MM-DD 格式的日期`);
    const unitCell = cell('unit').normalize('NFKC').toLowerCase().replace('µ', 'μ');
    const unit = UNITS[unitCell];
    if (!unit) fail(line, 'unit', `不认识的单位“${cell('unit')}”（土壤 mg/kg、μg/kg；地下水 mg/L、μg/L）`);
    const mediumCell = cell('medium');
    const medium = mediumCell ? MEDIUM[mediumCell.toLowerCase()] : unit?.medium ?? 'soil';
    if (!medium) fail(line, 'medium', `介质须为土壤或地下水，不是“${mediumCell}”`);
    else if (unit && unit.medium !== medium) fail(line, 'unit', `${medium === 'soil' ? '土壤' : '地下水'}结果的单位不能是 ${cell('unit')}`);
    const analyte = cell('analyte');
    if (!analyte) fail(line, 'analyte', '不能为空');
    const valueCell = cell('value');
    const detected = !NOT_DETECTED.test(valueCell);
    const value = detected ? Number(valueCell) : null;
    if (detected && (valueCell === '' || !Number.isFinite(value) || value! < 0)) fail(line, 'value', `“${valueCell}”不是非负数（未检出请写 ND）`);
    const dlCell = cell('detectionLimit');
    const dl = dlCell === '' ? null : Number(dlCell);
    if (dl !== null && (!Number.isFinite(dl) || dl < 0)) fail(line, 'detectionLimit', `“${dlCell}”不是非负数`);
    const phCell = cell('ph');
    const ph = phCell === '' ? null : Number(phCell);
    if (ph !== null && (!Number.isFinite(ph) || ph < 0 || ph > 14)) fail(line, 'ph', `“${phCell}”不是 0 至 14 之间的 pH 值`);
    if (errors.length > before) return errors.length < maxErrors;
    const f = unit!.factor;
    rows.push({
      line, pointCode, sampledOn, medium: medium!, analyte, value: value === null ? null : value * f, detected,
      unit: medium === 'soil' ? 'mg/kg' : 'mg/L', detectionLimit: dl === null ? null : dl * f, ph,
    });
    return true;
  });
  if (fault) errors.push({ field: 'samples', message: `第 ${fault.line} 行：${fault.message}` });
  if (!errors.length && rows.length === 0) errors.push({ field: 'samples', message: '结果文件中没有数据行' });
  return { rows, errors };
}
