import type { FilingRecordOf, MonitoringLine, OverdueItem, RegisterMovement, SafeUseLine, StageCount, TransportLine } from './filing-record';
import { chineseDate, tonnesLabel } from './format';
import { type Column, SIZE, closing, dataTable, factTable, opening, paragraph } from './parts';

const STAGE_COLUMNS: Column<StageCount>[] = [
  { header: '阶段', weight: 4, value: (s) => s.label },
  { header: '地块数', weight: 1, align: 'right', value: (s) => String(s.count) },
];

const MOVEMENT_COLUMNS: Column<RegisterMovement>[] = [
  { header: '地块编码', weight: 2.2, value: (m) => m.plotCode },
  { header: '地块名称', weight: 3.2, value: (m) => m.plotName },
  { header: '日期', weight: 1.8, value: (m) => chineseDate(m.date) },
  { header: '说明', weight: 3, value: (m) => m.note },
];

const TRANSPORT_COLUMNS: Column<TransportLine>[] = [
  { header: '地块编码', weight: 2.2, value: (t) => t.plotCode },
  { header: '批次', weight: 2, value: (t) => t.batchNo },
  { header: '接收地', weight: 3, value: (t) => t.destination },
  { header: '转运量', weight: 1.6, align: 'right', value: (t) => tonnesLabel(t.quantityT) },
  { header: '状态', weight: 1.4, align: 'center', value: (t) => t.state },
];

const SAFE_USE_COLUMNS: Column<SafeUseLine['children'][number]>[] = [
  { header: '行政区划', weight: 3, value: (c) => c.name },
  { header: '安全利用地块', weight: 1.6, align: 'right', value: (c) => String(c.numerator) },
  { header: '开发利用地块', weight: 1.6, align: 'right', value: (c) => String(c.denominator) },
  { header: '安全利用率', weight: 1.6, align: 'right', value: (c) => c.rateText },
];

const OVERDUE_COLUMNS: Column<OverdueItem>[] = [
  { header: '地块编码', weight: 2.2, value: (o) => o.plotCode },
  { header: '事项', weight: 4, value: (o) => o.item },
  { header: '期限', weight: 2, value: (o) => chineseDate(o.dueDate) },
  { header: '逾期天数', weight: 1.4, align: 'right', value: (o) => String(o.daysOverdue) },
];

// D14 年度工作进展报告: per jurisdiction, aggregated over the year.
export function drawAnnualReport(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D14'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `现将${d.jurisdiction.name}${d.year}年度污染地块土壤环境管理工作进展情况报告如下。`);
  heading('基本情况');
  factTable(doc, summaryFacts(record.details));
  heading('各阶段地块数量');
  dataTable(doc, STAGE_COLUMNS, d.countsByStage);
  heading('本年度纳入名录地块');
  dataTable(doc, MOVEMENT_COLUMNS, d.entered, { size: SIZE.small });
  heading('本年度移出名录地块');
  dataTable(doc, MOVEMENT_COLUMNS, d.left, { size: SIZE.small });
  heading('污染土壤转运');
  dataTable(doc, TRANSPORT_COLUMNS, d.transports, { size: SIZE.small });
  heading('逾期事项');
  dataTable(doc, OVERDUE_COLUMNS, d.overdue, { size: SIZE.small });
  if (d.safeUse) drawSafeUse(doc, heading, d.safeUse);
  if (d.monitoring) drawMonitoring(doc, heading, d.monitoring);
  closing(doc, record, heading, { decisionHeading: '报送' });
}

// 污染地块安全利用率 (上政文〔2017〕147号 二 主要指标; reference/safe-use-indicator.json).
function drawSafeUse(doc: PDFKit.PDFDocument, heading: (title: string) => void, s: SafeUseLine) {
  heading('污染地块安全利用率');
  factTable(doc, [
    { label: '安全利用率', value: s.rateText },
    { label: '安全利用 / 开发利用', value: `${s.numerator} 块 / ${s.denominator} 块（未开发利用 ${s.notDeveloped} 块，不计入）` },
    { label: '目标', value: s.targetText ?? '本年度无目标值' },
    { label: '达标情况', value: s.verdict },
    { label: '依据', value: s.basis },
  ]);
  if (s.children.length > 0) dataTable(doc, SAFE_USE_COLUMNS, s.children, { size: SIZE.small });
}

// 土壤环境监测网络与预警 (上政文〔2017〕147号 三（一）2、4).
function drawMonitoring(doc: PDFKit.PDFDocument, heading: (title: string) => void, m: MonitoringLine) {
  heading('土壤环境监测与预警');
  factTable(doc, [
    { label: '监测点位', value: `${m.points} 个（截至年末逾期未监测 ${m.overduePoints} 个）` },
    { label: '本年度监测', value: `${m.campaigns} 批次，${m.results} 项结果` },
    { label: '本年度预警', value: `发出 ${m.warningsRaised} 条，已关闭 ${m.warningsClosed} 条，未关闭 ${m.warningsOpen} 条` },
  ]);
}

function summaryFacts(d: FilingRecordOf<'D14'>['details']) {
  const plots = d.countsByStage.reduce((sum, s) => sum + s.count, 0);
  const tonnes = d.transports.reduce((sum, t) => sum + t.quantityT, 0);
  return [
    { label: '行政区划', value: `${d.jurisdiction.name}（${d.jurisdiction.code}）` },
    { label: '报告年度', value: `${d.year}年` },
    { label: '地块合计', value: `${plots} 块（各阶段合计，含已移出名录）` },
    { label: '纳入 / 移出名录', value: `纳入 ${d.entered.length} 块，移出 ${d.left.length} 块` },
    { label: '污染土壤转运', value: `${d.transports.length} 批次，合计 ${tonnesLabel(tonnes)}` },
    { label: '逾期事项', value: `${d.overdue.length} 项` },
  ];
}
