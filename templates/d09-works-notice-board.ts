import type { FilingRecordOf } from './filing-record';
import { chineseDate } from './format';
import { COLOR, SIZE, closing, contentLeft, contentWidth, ensureSpace, factTable, opening, paragraph } from './parts';

const FRAME_GAP = 6;

// D9 施工公告牌 (土壤法 art. 40): the notice posted at the works, in a framed board.
export function drawWorksNoticeBoard(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D9'>): void {
  const board = record.details.noticeBoard;
  const heading = opening(doc, record);
  paragraph(doc, `${record.plot.name}污染土壤治理与修复工程即将施工，依法公示如下，接受社会监督。`);
  heading('公告内容');
  ensureSpace(doc, 320);
  const top = doc.y + FRAME_GAP;
  doc.y = top + FRAME_GAP * 2;
  factTable(doc, [
    { label: '工程名称', value: board.project },
    { label: '地块', value: `${record.plot.name}（${record.plot.code}）` },
    { label: '地块地址', value: record.plot.address },
    { label: '建设单位', value: record.plot.holderOrganisation },
    { label: '施工单位', value: board.contractor },
    { label: '修复措施', value: board.measures },
    { label: '施工期限', value: `${chineseDate(board.startDate)}至${chineseDate(board.endDate)}` },
    { label: '联系方式', value: board.contact },
    { label: '监督部门', value: record.details.supervisingBureau },
  ], { size: SIZE.heading, labelWidth: SIZE.heading * 6 });
  frame(doc, top, doc.y - FRAME_GAP);
  doc.moveDown(0.5);
  paragraph(doc, '施工期间如发现异味、扬尘、渗漏等环境问题，请向监督部门反映。');
  closing(doc, record, heading);
}

// A double border around the board, as on a sign posted on site.
function frame(doc: PDFKit.PDFDocument, top: number, bottom: number): void {
  const x = contentLeft(doc) - FRAME_GAP;
  const w = contentWidth(doc) + FRAME_GAP * 2;
  doc.save().lineWidth(2).strokeColor(COLOR.red).rect(x, top, w, bottom - top).stroke();
  doc.lineWidth(0.6).rect(x + 3, top + 3, w - 6, bottom - top - 6).stroke().restore();
}
