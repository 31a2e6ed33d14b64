import type ExcelJS from 'exceljs';
import { excel } from '../common/lazy-libraries';
import { LIST_COLUMNS, type ListColumn } from './list-columns';
import { PROPOSAL_REASONS, type ListSource, type ProposalReference } from './proposal-reference';

const NOTES: Record<ListColumn, string> = {
  reason: '必填',
  name: '必填：企业名称或宗地名称',
  creditCode: '选填：18 位统一社会信用代码（GB 32100-2015），填写时校验',
  parcelCode: '选填：地块（宗地）编码，与已登记地块编码相同时自动比对',
  address: '必填',
  areaM2: '选填：平方米',
  intendedUse: '选填（仅自然资源部门）：GB 50137 用地名称，如 住宅用地、工业用地',
  keyUnit: '选填：属土壤污染重点监管单位用地的，填“是”或单位名称（土壤法第六十七条）',
  boundary: '选填：GeoJSON Polygon 文本（WGS84 经纬度），与已登记地块边界比对重叠',
};

/** The list template: the header row on the first sheet (read on upload), what each column takes on the second. */
export async function listTemplate(ref: ProposalReference, source: ListSource): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const keys = (Object.keys(LIST_COLUMNS) as ListColumn[]).filter((k) => source === 'land_quarterly' || k !== 'intendedUse');
  const sheet = wb.addWorksheet('清单');
  sheet.addRow(keys.map((k) => LIST_COLUMNS[k].label));
  sheet.getRow(1).font = { bold: true };
  keys.forEach((_, i) => (sheet.getColumn(i + 1).width = 22));
  const reasons = PROPOSAL_REASONS.filter((r) => ref.reasons[r].source === source).map((r) => ref.reasons[r].label).join('、');
  const notes = wb.addWorksheet('填写说明');
  notes.addRow(['列', '说明']);
  for (const k of keys) notes.addRow([LIST_COLUMNS[k].label, k === 'reason' ? `必填：${reasons}` : NOTES[k]]);
  if (source === 'land_quarterly') {
    notes.addRow(['报送期限', `每季度末月 ${ref.landListDueDay.day} 日前；逾期提交仍予接收，并标注逾期（${ref.landListDueDay.basis}）`]);
  }
  notes.addRow(['表头', '第一张工作表的第一行为表头，列的顺序不限；表头也可用英文：' + keys.map((k) => LIST_COLUMNS[k].headers.at(-1)).join(', ')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
