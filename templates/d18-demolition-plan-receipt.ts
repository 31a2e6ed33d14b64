import type { FilingRecordOf } from './filing-record';
import { chineseDate } from './format';
import { closing, factTable, opening, paragraph } from './parts';

// D18 拆除活动土壤污染防治工作方案备案回执 (土壤法第二十二条第二款): the key unit's plan for its residual pollutants,
// filed with the 生态环境 and 工业和信息化 bureaus of its district before demolition starts; both are addressees.
export function drawDemolitionPlanReceipt(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D18'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(
    doc,
    `${d.unit.name}报送的拆除活动土壤污染防治工作方案已收悉，予以备案。该单位拟于${chineseDate(d.plannedStart)}开始拆除，` +
      `方案于开工前 ${d.workingDaysUntilStart} 个工作日报送（要求不少于 ${d.requiredWorkingDays} 个工作日）。`,
  );
  heading('单位基本信息');
  factTable(doc, [
    { label: '单位名称', value: d.unit.name },
    { label: '统一社会信用代码', value: d.unit.creditCode },
    { label: '重点行业', value: d.unit.industry },
    { label: '行政区划', value: `${d.unit.jurisdictionName}（${d.unit.jurisdictionCode}）` },
    { label: '地址', value: d.unit.address, wide: true },
  ], { pairs: 2 });
  heading('拆除活动');
  factTable(doc, [
    { label: '方案报送日期', value: chineseDate(d.filedOn) },
    { label: '计划开工日期', value: chineseDate(d.plannedStart) },
    { label: '距开工工作日', value: `${d.workingDaysUntilStart} 个工作日` },
  ]);
  closing(doc, record, heading, { remark: '拆除设施、设备或者建筑物、构筑物的，应当按照备案的方案实施，防止土壤污染。' });
}
