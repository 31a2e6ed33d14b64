import type { FilingRecordOf } from './filing-record';
import { areaLabel, formatNumber, yesNo } from './format';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D8 修复方案备案回执 (土壤法 art. 64).
export function drawRemediationPlanReceipt(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D8'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.holderOrganisation}报送的${record.plot.name}修复方案已收悉，予以备案。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('修复方案要点');
  factTable(doc, [
    { label: '修复技术', value: d.technology },
    { label: '修复目标', value: d.targets },
    { label: '修复范围', value: `面积 ${areaLabel(d.scope.areaM2)}，土方量 ${formatNumber(d.scope.volumeM3, 1)} 立方米` },
    { label: '计划工期', value: d.plannedDuration },
    { label: '是否外运污染土壤', value: yesNo(d.offSiteTransport) },
  ]);
  closing(doc, record, heading);
}
