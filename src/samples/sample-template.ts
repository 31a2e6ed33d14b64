import type ExcelJS from 'exceljs';
import { excel } from '../common/lazy-libraries';
import { CHINESE_HEADERS, SAMPLE_COLUMNS, type SampleColumn } from '../evidence/sample-headers';

// The sample file a laboratory fills in (DESIGN §6.1; HJ 25.1 EDD: one row per sample × analyte):
// the Chinese headers, one soil row and one groundwater row as examples.

export const TEMPLATE_HEADERS: readonly string[] = SAMPLE_COLUMNS.map((c) => CHINESE_HEADERS[c]);

const EXAMPLE_ROWS: ReadonlyArray<Record<SampleColumn, string | number>> = [
  { sample_id: 'S1', x: 113.2901, y: 34.8132, depth_m: 0.2, analyte: '砷', value: 15.3, unit: 'mg/kg', detection_limit: 0.01, medium: '土壤' },
  { sample_id: 'GW1', x: 113.2915, y: 34.814, depth_m: 6, analyte: '砷', value: 0.002, unit: 'mg/L', detection_limit: 0.0003, medium: '地下水' },
];

const NOTES: ReadonlyArray<[string, string]> = [
  ['样品编号', '同一样品在同一深度的每个检测项目一行'],
  ['经度、纬度', '十进制度（CGCS2000），经度在前；投影坐标请先换算'],
  ['采样深度', '米，0–100；地下水填采样深度'],
  ['检测项目', '土壤填 GB 36600 中的中文名称或 CAS 号；地下水填 GB/T 14848 中的名称或 CAS 号'],
  ['检测值', '数值；未检出填 ND、未检出 或 <检出限（如 <0.01）'],
  ['单位', '土壤：mg/kg 或 μg/kg；地下水：mg/L 或 μg/L（导入时换算为 mg/kg、mg/L）'],
  ['检出限', '与检测值同一单位，大于 0'],
  ['介质', '土壤 或 地下水；整列省略或留空时为土壤'],
  ['表头', '中文或英文列名均可（sample_id, x, y, depth_m, analyte, value, unit, detection_limit, medium），顺序不限'],
];

// Fixed, so that the template's bytes do not change from one download to the next.
const TEMPLATE_DATE = new Date('2026-01-01T00:00:00Z');

export async function sampleTemplateXlsx(): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = '污染地块全生命周期管理';
  wb.created = TEMPLATE_DATE;
  wb.modified = TEMPLATE_DATE;
  const sheet = wb.addWorksheet('样品数据');
  sheet.addRow([...TEMPLATE_HEADERS]).font = { bold: true };
  for (const row of EXAMPLE_ROWS) sheet.addRow(SAMPLE_COLUMNS.map((c) => row[c]));
  sheet.columns.forEach((col) => (col.width = 14));
  const notes = wb.addWorksheet('填写说明');
  notes.addRow(['列', '填写要求']).font = { bold: true };
  for (const note of NOTES) notes.addRow([...note]);
  notes.getColumn(1).width = 14;
  notes.getColumn(2).width = 80;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** UTF-8 with a BOM, so that Excel opens the Chinese headers as text. */
export function sampleTemplateCsv(): Buffer {
  const lines = [TEMPLATE_HEADERS.join(','), ...EXAMPLE_ROWS.map((row) => SAMPLE_COLUMNS.map((c) => String(row[c])).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
