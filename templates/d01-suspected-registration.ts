import type { FilingRecordOf } from './filing-record';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D1 疑似污染地块登记表: a plot enters the suspected list.
export function drawSuspectedRegistration(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D1'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `经排查，${record.plot.name}属于疑似污染地块，现登记如下。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('登记信息');
  factTable(doc, [
    { label: '原行业类别', value: d.formerIndustry },
    { label: '现状用途', value: d.currentUse },
    { label: '规划用途', value: d.plannedUse },
    { label: '列入情形', value: d.registrationGround },
    { label: '地块边界', value: boundaryText(d.boundary) },
    { label: '登记单位', value: d.registeringBody },
  ]);
  closing(doc, record, heading);
}

function boundaryText(boundary: FilingRecordOf<'D1'>['details']['boundary']): string {
  if (!boundary) return '未提供边界坐标';
  const { lon, lat } = boundary.centroid;
  return `边界拐点 ${boundary.vertexCount} 个；中心点 东经 ${lon.toFixed(6)}°，北纬 ${lat.toFixed(6)}°（CGCS2000）`;
}
