import type { FilingRecordOf } from './filing-record';
import { closing, factTable, type Fact, opening, paragraph, plotFactTable } from './parts';

const INTRO = {
  listing: '经风险评估，下列地块土壤污染风险不可接受，纳入建设用地土壤污染风险管控和修复名录，现予公告。',
  priority: '下列地块列入优先控制名录，并确定其开发利用负面清单，现予公告。名录内地块不得作为住宅、公共管理与公共服务用地。',
};

// D6 纳入名录公告 / 优先控制名录: public notice of listing, then of priority rank and negative list.
export function drawRegisterNotice(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D6'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(doc, INTRO[d.variant]);
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('名录信息');
  const facts: Fact[] = [{ label: '主要污染物', value: d.mainPollutants.join('、') || '—' }];
  if (d.variant === 'priority') facts.push({ label: '优先控制序号', value: d.rank === undefined ? '—' : `第 ${d.rank} 位` });
  facts.push({ label: '开发利用负面清单', value: d.negativeList.join('、') || '—' });
  factTable(doc, facts);
  closing(doc, record, heading);
}
