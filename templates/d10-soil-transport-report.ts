import type { FilingRecordOf } from './filing-record';
import { chineseDate, tonnesLabel, yesNo } from './format';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D10 污染土壤转运报告 (土壤法 art. 41): reported to the bureau of origin and
// the bureau of destination, both named as addressees.
export function drawSoilTransportReport(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D10'>): void {
  const t = record.details.transport;
  const heading = opening(doc, record);
  paragraph(
    doc,
    `本单位拟于${chineseDate(t.plannedStart)}起将${record.plot.name}治理与修复产生的污染土壤 ${tonnesLabel(t.quantityT)}` +
      `转运至${t.destinationJurisdiction.name}${t.destinationFacility}，现将转运计划报告如下。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('转运计划');
  factTable(doc, [
    { label: '转运批次', value: t.batchNo },
    { label: '计划起运日期', value: chineseDate(t.plannedStart) },
    { label: '运输方式', value: t.method },
    { label: '运输路线', value: t.route },
    { label: '承运单位', value: t.carrier },
    { label: '运输车辆', value: t.vehicles.join('、') },
    { label: '转运量', value: tonnesLabel(t.quantityT) },
    { label: '接收单位', value: t.destinationFacility },
    { label: '接收地行政区划', value: `${t.destinationJurisdiction.name}（${t.destinationJurisdiction.code}）` },
    { label: '最终处置方式', value: t.finalDisposal },
    { label: '是否属于危险废物', value: yesNo(t.hazardousWaste) },
    ...(t.receiverLicenceNo ? [{ label: '接收单位许可证', value: `危险废物经营许可证 ${t.receiverLicenceNo}` }] : []),
  ]);
  closing(doc, record, heading, { remark: '转运污染土壤属于危险废物的，依照危险废物转移管理的规定执行。' });
}
