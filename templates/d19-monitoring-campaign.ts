import type { D19Point, D19Result, D19Warning } from './d19-record';
import type { FilingRecordOf } from './filing-record';
import { chineseDateTime, formatMeasure } from './format';
import { type Column, SIZE, closing, dataTable, factTable, opening, paragraph } from './parts';

const measure = (v: number | null) => (v === null ? '—' : formatMeasure(v));
const valueOf = (r: D19Result) => (r.value === null ? `未检出${r.detectionLimit === null ? '' : `（<${formatMeasure(r.detectionLimit)}）`}` : formatMeasure(r.value));
const withUnit = (r: D19Result) => `${valueOf(r)} ${r.unit}`;
const factorOf = (f: number | null) => (f === null ? '—' : f > 1 ? `${formatMeasure(f)}超标` : formatMeasure(f));

/** A result above its screening value (GB 15618-2018 §5.1, GB 36600-2018 §4; reference/monitoring.json aboveScreening). */
export function isExceedance(r: D19Result): boolean {
  return r.factor !== null && r.factor > 1;
}

// 风险点位（重点企业行业周边、…）: the kind's name without its long gloss, which the legal basis carries.
const shortKind = (kind: string) => kind.split('（')[0];

const POINT_COLUMNS: Column<D19Point>[] = [
  { header: '点位编码', weight: 2, value: (p) => p.code },
  { header: '点位名称', weight: 3.2, value: (p) => p.name },
  { header: '点位类型', weight: 1.9, value: (p) => shortKind(p.kind) },
  { header: '用地', weight: 2.4, value: (p) => p.land },
  { header: '采样日期', weight: 1.9, value: (p) => p.sampledOn },
  { header: '下次监测', weight: 1.9, value: (p) => p.nextDueOn },
];

const RESULT_COLUMNS: Column<D19Result>[] = [
  { header: '点位编码', weight: 1.8, value: (r) => r.pointCode },
  { header: '检测项目', weight: 1.7, value: (r) => (r.medium === '土壤' ? r.analyte : `${r.analyte}（${r.medium}）`) },
  { header: '检测值', weight: 2.1, align: 'right', value: withUnit },
  { header: 'pH', weight: 0.7, align: 'right', value: (r) => measure(r.ph) },
  { header: '筛选值', weight: 1, align: 'right', value: (r) => measure(r.screeningValue) },
  { header: '管制值', weight: 1, align: 'right', value: (r) => measure(r.interventionValue) },
  { header: '倍数', weight: 1.3, align: 'right', value: (r) => factorOf(r.factor) },
  { header: '筛选标准', weight: 2.2, value: (r) => r.standard },
];

const EXCEEDANCE_COLUMNS: Column<D19Result>[] = [
  { header: '点位编码', weight: 2, value: (r) => r.pointCode },
  { header: '采样日期', weight: 1.8, value: (r) => r.sampledOn },
  { header: '检测项目', weight: 2.2, value: (r) => r.analyte },
  { header: '检测值', weight: 1.8, align: 'right', value: withUnit },
  { header: '风险筛选值', weight: 1.6, align: 'right', value: (r) => measure(r.screeningValue) },
  { header: '超筛选值倍数', weight: 1.6, align: 'right', value: (r) => measure(r.factor) },
];

const WARNING_COLUMNS: Column<D19Warning>[] = [
  { header: '点位编码', weight: 2, value: (w) => w.pointCode },
  { header: '检测项目', weight: 2, value: (w) => w.analyte },
  { header: '预警原因', weight: 4, value: (w) => w.rule },
  { header: '超筛选值倍数', weight: 1.8, align: 'right', value: (w) => measure(w.factor) },
];

// D19 土壤环境监测批次结果报告 (上政文〔2017〕147号 三（一）2、4): one campaign's points, results, exceedances and warnings.
export function drawMonitoringCampaign(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D19'>): void {
  const d = record.details;
  const c = d.campaign;
  const exceedances = d.results.filter(isExceedance);
  const heading = opening(doc, record);
  paragraph(
    doc,
    `${c.jurisdiction.name}“${c.name}”（${c.year}年度）的监测结果已接收并逐项筛选：监测点位 ${d.points.length} 个，检测结果 ${d.results.length} 项，` +
      `超过风险筛选值 ${exceedances.length} 项，发出预警 ${d.warnings.length} 条。`,
  );
  heading('监测批次');
  factTable(doc, [
    { label: '批次名称', value: c.name, wide: true },
    { label: '监测年度', value: `${c.year}年` },
    { label: '行政区划', value: `${c.jurisdiction.name}（${c.jurisdiction.code}）` },
    { label: '接收时间', value: chineseDateTime(c.uploadedAt) },
    { label: '上传人', value: c.uploadedBy },
    { label: '监测报告', value: `PDF ${c.report.pages} 页，SHA-256 ${c.report.sha256.slice(0, 16)}…`, wide: true },
  ], { pairs: 2 });
  heading('监测点位');
  dataTable(doc, POINT_COLUMNS, d.points, { size: SIZE.small });
  heading('监测结果及筛选');
  dataTable(doc, RESULT_COLUMNS, d.results, { size: SIZE.small });
  heading('超过风险筛选值的结果');
  dataTable(doc, EXCEEDANCE_COLUMNS, exceedances, { size: SIZE.small, emptyText: '本批次没有超过风险筛选值的结果' });
  heading('发出的预警');
  dataTable(doc, WARNING_COLUMNS, d.warnings, { size: SIZE.small, emptyText: '本批次未发出预警' });
  closing(doc, record, heading, {
    decisionHeading: '结论',
    remark: `预警由${c.jurisdiction.name}生态环境主管部门核实、处置（上政文〔2017〕147号 三（一）4）；筛选依据农用地 GB 15618-2018、建设用地 GB 36600-2018、地下水 GB/T 14848-2017 Ⅲ类。`,
  });
}
