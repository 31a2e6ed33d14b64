import type { FilingRecordOf } from './filing-record';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D5 风险评估报告备案回执: the structured conclusion decides the next stage.
export function drawRiskAssessmentReceipt(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D5'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.name}土壤污染风险评估报告已收悉，经会同评审，予以备案。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('风险评估结论');
  factTable(doc, [
    { label: '风险是否可接受', value: d.riskAcceptable ? '风险可接受' : '风险不可接受' },
    {
      label: '后续管理',
      value: d.riskAcceptable ? '不纳入风险管控和修复名录' : '纳入建设用地土壤污染风险管控和修复名录',
    },
  ]);
  paragraph(doc, d.conclusion);
  closing(doc, record, heading);
}
