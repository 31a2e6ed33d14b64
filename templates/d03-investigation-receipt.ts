import type { AnalyteScreening, FilingRecordOf } from './filing-record';
import { VERDICT_LABEL, landClassLabel, formatMeasure } from './format';
import { type Column, SIZE, closing, dataTable, factTable, opening, paragraph, plotFactTable } from './parts';

const STAGE_LABEL = { preliminary: '初步调查', detailed: '详细调查' };

export const ANALYTE_COLUMNS: Column<AnalyteScreening>[] = [
  { header: '污染物', weight: 2.3, value: (a) => a.name },
  { header: 'CAS 号', weight: 1.9, value: (a) => a.cas },
  { header: '最大值 mg/kg', weight: 1.5, align: 'right', value: (a) => formatMeasure(a.max) },
  { header: '筛选值', weight: 1.3, align: 'right', value: (a) => formatMeasure(a.screeningValue) },
  { header: '管制值', weight: 1.3, align: 'right', value: (a) => formatMeasure(a.interventionValue) },
  { header: '超筛选值样品数', weight: 1.5, align: 'right', value: (a) => String(a.nAboveScreening) },
  { header: '超管制值样品数', weight: 1.5, align: 'right', value: (a) => String(a.nAboveIntervention) },
  { header: '超标倍数', weight: 1.6, align: 'right', value: (a) => formatMeasure(a.factor) },
];

// D3 调查报告备案回执: receipt for a preliminary or detailed investigation report,
// with the screening of its samples against GB 36600-2018.
export function drawInvestigationReceipt(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D3'>): void {
  const d = record.details;
  const s = d.screening;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.name}土壤污染状况${STAGE_LABEL[d.stage]}报告已收悉，经会同评审，予以备案。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('样品筛选结果');
  factTable(doc, [
    { label: '筛选标准', value: `GB 36600-2018 表1，${landClassLabel(s.landClass)}筛选值与管制值` },
    { label: '样品数', value: String(s.sampleCount) },
    { label: '筛选结论', value: VERDICT_LABEL[s.verdict] },
  ]);
  dataTable(doc, ANALYTE_COLUMNS, s.analytes, { size: SIZE.small, emptyText: '无检出污染物' });
  closing(doc, record, heading);
}
