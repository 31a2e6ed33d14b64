import type { FilingRecordOf } from './filing-record';
import { landClassLabel } from './format';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D11 效果评估报告备案回执 (土壤法 art. 65): the evaluator must be another
// organisation than the one that did the works (另行委托).
export function drawEffectEvaluationReceipt(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D11'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.name}风险管控、修复效果评估报告已收悉，予以备案。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('效果评估结论');
  factTable(doc, [
    { label: '是否达到目标', value: d.targetsAchieved ? '达到风险管控、修复目标' : '未达到风险管控、修复目标' },
    { label: '可用于', value: d.permittedLandClass ? landClassLabel(d.permittedLandClass) : '—' },
    { label: '效果评估单位', value: d.evaluatorOrganisation },
    { label: '实施单位', value: d.implementerOrganisation },
    {
      label: '另行委托',
      value: d.evaluatorOrganisation !== d.implementerOrganisation ? '效果评估单位与实施单位不同，符合要求' : '效果评估单位与实施单位相同',
    },
  ]);
  closing(doc, record, heading);
}
