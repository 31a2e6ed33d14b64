import type { FilingRecordOf } from './filing-record';
import { chineseDate, landClassLabel } from './format';
import { SIZE, closing, factTable, opening, paragraph, plotFactTable } from './parts';

const LABEL_WIDTH = SIZE.table * 9; // 此前准予用地类别 on one line

const FROM = { released: '已移出建设用地土壤污染风险管控和修复名录', cleared: '经调查评审认定为非污染地块' } as const;

function why(record: FilingRecordOf<'D16'>): string {
  const d = record.details;
  return d.reason === 'useChange'
    ? `该地块用途拟变更为${d.plannedUse ?? ''}，依照《中华人民共和国土壤污染防治法》第五十九条第二款，变更前应当按照规定进行土壤污染状况调查`
    : `新的监测报告（${d.evidence?.fileName ?? ''}，${d.evidence?.authorOrganisation ?? ''}）表明地块土壤污染物含量超过筛选值，存在土壤污染风险`;
}

// D16 重新启动土壤污染状况调查通知: a plot that left the procedure is investigated again (终身责任制).
export function drawReopeningNotice(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D16'>): void {
  const d = record.details;
  const until = d.permittedLandClass === null ? '—' : landClassLabel(d.permittedLandClass);
  const heading = opening(doc, record);
  paragraph(
    doc,
    `${record.plot.name}（地块编码 ${record.plot.code}）${FROM[d.reopenedFrom]}${d.earlierDecisionNumber ? `（${d.earlierDecisionNumber}）` : ''}。` +
      `因${why(record)}，本局决定重新启动该地块的土壤污染状况调查。请${d.dutyBearer}委托具备相应能力的第三方机构重新开展土壤污染状况调查，并将调查报告报送本局。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('重新启动调查的事由');
  factTable(doc, [
    { label: '事由', value: d.reason === 'useChange' ? '用途变更为住宅、公共管理与公共服务用地' : '发现新的污染证据' },
    ...(d.plannedUse ? [{ label: '变更后用途', value: d.plannedUse }] : []),
    ...(d.evidence ? [{ label: '监测报告', value: `${d.evidence.fileName}（${d.evidence.authorOrganisation}）` }] : []),
    { label: '说明', value: d.note },
  ], { labelWidth: LABEL_WIDTH });
  heading('原决定');
  factTable(doc, [
    { label: '原决定', value: FROM[d.reopenedFrom] },
    { label: '原决定文书', value: d.earlierDecisionNumber ?? '—' },
    { label: '此前准予用地类别', value: until },
    { label: '重新调查义务单位', value: d.dutyBearer },
    { label: '通知日期', value: chineseDate(record.issuedAt) },
  ], { labelWidth: LABEL_WIDTH });
  closing(doc, record, heading, {
    remark: '原决定自本通知之日起不再作为该地块开发利用的依据；此前出具的调查、评估、备案、决定等文书作为地块历史记录继续有效。',
  });
}
