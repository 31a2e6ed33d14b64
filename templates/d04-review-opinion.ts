import type { ExpertPanel, FilingRecordOf, PanelExpert, Reviewer } from './filing-record';
import { chineseDateTime } from './format';
import { SIZE, closing, dataTable, factTable, opening, paragraph, plotFactTable } from './parts';

const CONCLUSION: Record<NonNullable<ExpertPanel['conclusion']>, string> = {
  pass: '通过',
  passWithRevisions: '修改后通过',
  fail: '不通过',
};

// D4 评审意见: the opinion of a joint review (会同评审 by 生态环境 and 自然资源),
// either approving the report or returning it with a reason; with the expert
// panel of the round when there was one.
export function drawReviewOpinion(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D4'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.name}${d.reportLabel}经评审，意见如下。`);
  heading('地块基本信息');
  plotFactTable(doc, record);
  if (d.reviewers.length > 0) {
    heading('评审情况');
    dataTable(doc, [
      { header: '评审单位', weight: 3.2, value: (r: Reviewer) => r.bureau },
      { header: '部门', weight: 1.4, align: 'center', value: (r) => r.roleLabel },
      { header: '是否同意', weight: 1.5, align: 'center', value: (r) => (r.approved ? '同意' : '未同意') },
      { header: '经办人', weight: 1.4, align: 'center', value: (r) => r.by ?? '—' },
      { header: '时间', weight: 2.4, value: (r) => (r.at ? chineseDateTime(r.at) : '—') },
    ], d.reviewers, { size: SIZE.small });
  }
  if (d.panel) expertPanel(doc, d.panel, heading);
  heading('评审意见');
  for (const text of opinionLines(record)) paragraph(doc, text);
  if (d.variant === 'returned') {
    factTable(doc, [
      { label: '结论', value: '退回修改' },
      { label: '退回理由', value: d.returnReason ?? '' },
    ]);
  }
  closing(doc, record, heading);
}

// Each bureau's opinion on its own line, after its name; a returned report's reason, or a decision recorded
// from elsewhere, as one paragraph. Records issued before `opinions` was stored read the reviewers' opinions (the same
// lines), and the oldest only their joined `opinion`.
export function opinionLines(record: FilingRecordOf<'D4'>): string[] {
  const d = record.details;
  if (d.variant === 'returned') return [d.opinion ?? d.returnReason ?? ''];
  if (d.opinions?.length) return d.opinions.map((o) => `${o.organisation}：${o.opinion}`);
  const said = d.reviewers.filter((r) => r.approved && r.opinion);
  if (said.length === 0) return [d.opinion ?? '同意'];
  return said.map((r) => `${r.bureau}：${r.opinion}`);
}

// 专家评审: every expert with their organisation and opinion, then the panel's conclusion.
function expertPanel(doc: PDFKit.PDFDocument, panel: ExpertPanel, heading: (text: string) => void): void {
  heading('专家评审');
  dataTable(doc, [
    { header: '专家', weight: 1.6, align: 'center', value: (e: PanelExpert) => e.name },
    { header: '单位', weight: 3.2, value: (e) => e.organisation },
    { header: '职称', weight: 1.6, align: 'center', value: (e) => e.title ?? '—' },
    { header: '意见', weight: 4.6, value: (e) => e.opinion ?? '—' },
  ], panel.experts, { size: SIZE.small });
  factTable(doc, [
    { label: '评审结论', value: panel.conclusion ? CONCLUSION[panel.conclusion] : '尚未作出' },
    ...(panel.summary ? [{ label: '结论说明', value: panel.summary }] : []),
  ]);
}
