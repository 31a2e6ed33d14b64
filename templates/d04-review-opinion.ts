import type { FilingRecordOf, Reviewer } from './filing-record';
import { chineseDateTime } from './format';
import { SIZE, closing, dataTable, factTable, opening, paragraph, plotFactTable } from './parts';

// D4 评审意见: the opinion of a joint review (会同评审 by 生态环境 and 自然资源),
// either approving the report or returning it with a reason.
export function drawReviewOpinion(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D4'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.name}${d.reportLabel}经评审，意见如下。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('评审情况');
  dataTable(doc, [
    { header: '评审单位', weight: 3.2, value: (r: Reviewer) => r.bureau },
    { header: '部门', weight: 1.4, align: 'center', value: (r) => r.roleLabel },
    { header: '是否同意', weight: 1.5, align: 'center', value: (r) => (r.approved ? '同意' : '未同意') },
    { header: '经办人', weight: 1.4, align: 'center', value: (r) => r.by ?? '—' },
    { header: '时间', weight: 2.4, value: (r) => (r.at ? chineseDateTime(r.at) : '—') },
    { header: '意见', weight: 3.1, value: (r) => r.opinion ?? '—' },
  ], d.reviewers, { size: SIZE.small });
  heading('评审意见');
  paragraph(doc, d.opinion);
  if (d.variant === 'returned') {
    factTable(doc, [
      { label: '结论', value: '退回修改' },
      { label: '退回理由', value: d.returnReason ?? '' },
    ]);
  }
  closing(doc, record, heading);
}
