import type { FilingRecordOf } from './filing-record';
import { chineseDate } from './format';
import { closing, factTable, type Fact, opening, paragraph, plotFactTable } from './parts';

// D7 风险管控方案备案回执 / 定期报告回执 (土壤法 arts. 62–63).
export function drawRiskControlReceipt(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D7'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(
    doc,
    d.variant === 'plan'
      ? `${record.plot.holderOrganisation}报送的${record.plot.name}风险管控方案已收悉，予以备案。`
      : `${record.plot.holderOrganisation}报送的${record.plot.name}${d.monitoringPeriod ?? ''}风险管控定期报告已收悉。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading(d.variant === 'plan' ? '风险管控措施' : '定期报告情况');
  const facts: Fact[] = [{ label: '管控措施', value: d.measures }];
  if (d.monitoringPeriod) facts.push({ label: '报告期', value: d.monitoringPeriod });
  if (d.findings) facts.push({ label: '监测结论', value: d.findings });
  if (d.nextReportDue) facts.push({ label: '下次报告期限', value: chineseDate(d.nextReportDue) });
  factTable(doc, facts);
  closing(doc, record, heading);
}
