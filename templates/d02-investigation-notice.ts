import type { FilingRecordOf } from './filing-record';
import { chineseDate } from './format';
import { closing, factTable, opening, paragraph, plotFactTable } from './parts';

// D2 调查通知书: the holder must carry out a soil pollution survey by a due date.
export function drawInvestigationNotice(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D2'>): void {
  const d = record.details;
  const heading = opening(doc, record);
  paragraph(
    doc,
    `${record.plot.holderOrganisation}使用的${record.plot.name}（地块编码 ${record.plot.code}）已列入疑似污染地块名单。` +
      `请你单位委托具备相应能力的第三方机构开展土壤污染状况调查，并于${chineseDate(d.dueDate)}前将调查报告报送本局。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('调查要求');
  paragraph(doc, d.requirements);
  factTable(doc, [{ label: '报送期限', value: chineseDate(d.dueDate) }]);
  closing(doc, record, heading, { remark: '逾期未报送调查报告的，将依法处理。' });
}
