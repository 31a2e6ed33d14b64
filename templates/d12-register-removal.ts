import type { FilingRecordOf } from './filing-record';
import { landClassLabel } from './format';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D12 移出申请 (by the holder) / 移出名录决定·准予用地通知 (joint decision, 土壤法 art. 66).
export function drawRegisterRemoval(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D12'>): void {
  const d = record.details;
  const landClass = landClassLabel(d.permittedLandClass);
  const heading = opening(doc, record);
  paragraph(
    doc,
    d.variant === 'application'
      ? `${record.plot.name}已达到风险管控、修复目标，本单位申请将该地块移出建设用地土壤污染风险管控和修复名录。`
      : `经会同审查，${record.plot.name}达到风险管控、修复目标，决定移出建设用地土壤污染风险管控和修复名录，准予按规划用途作为${landClass}开发利用。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading(d.variant === 'application' ? '申请事项' : '决定事项');
  factTable(doc, [
    { label: '申请单位', value: d.applicant },
    { label: '效果评估备案号', value: d.effectEvaluationNumber ?? '—' },
    { label: d.variant === 'application' ? '申请用地类别' : '准予用地类别', value: landClass },
  ]);
  closing(doc, record, heading, { decisionHeading: d.variant === 'application' ? '申请' : '决定' });
}
