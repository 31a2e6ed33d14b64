import type { ControlBasis, FilingRecordOf, ResponsiblePartyFacts } from './filing-record';
import { chineseDate } from './format';
import { SIZE, closing, factTable, type Fact, opening, paragraph, plotFactTable } from './parts';

const LABEL_WIDTH = SIZE.table * 11; // 管控修复义务承担单位 on one line

const ACT = {
  takeBack: { what: '土地使用权收回', number: '收回决定文号', date: '收回日期' },
  transfer: { what: '土地使用权转让', number: '转让合同编号', date: '转让日期' },
  responsibleParty: { what: '土壤污染责任人认定', number: '认定文书文号', date: '认定日期' },
} as const;

const STATUS = { identified: '已认定', unidentifiable: '无法认定', extinct: '责任主体灭失' } as const;

// Why the organisation carrying control and remediation is who it is (土壤法第四十五条、第六十八条; 42号令).
export const CONTROL_BASIS_LABEL: Record<ControlBasis, string> = {
  holder: '土壤污染责任人无法认定或未认定，由土地使用权人实施（土壤法第四十五条第一款）',
  responsibleParty: '由土壤污染责任人实施（土壤法第四十五条第一款）',
  government: '由地方人民政府组织实施（土壤法第四十五条第二款、第六十八条）',
  contract: '由转让合同约定的责任人实施（《污染地块土壤环境管理办法（试行）》关于责任主体的规定）',
};

function responsibleText(r: ResponsiblePartyFacts | null): string {
  if (!r) return '尚未认定';
  const who = r.status === 'identified' ? `：${r.organisation ?? ''}` : r.status === 'extinct' && r.organisation ? `，由${r.organisation}代表所在地人民政府组织实施` : '';
  return `${STATUS[r.status]}${who}（${r.documentNumber}，${chineseDate(r.decidedOn)}）`;
}

function introduction(record: FilingRecordOf<'D15'>): string {
  const d = record.details;
  const plot = `${record.plot.name}（地块编码 ${record.plot.code}）`;
  switch (d.variant) {
    case 'takeBack':
      return `${plot}的土地使用权已于${chineseDate(d.actDate)}依法收回（${d.documentNumber}）。${d.formerHolder}作为原土地使用权人继续列入地块记录。现将地块权利人及责任主体的变更记录如下。`;
    case 'transfer':
      return `${plot}的土地使用权已于${chineseDate(d.actDate)}由${d.formerHolder}依法转让给${d.holder}（合同编号 ${d.documentNumber}）。现将地块权利人及责任主体的变更记录如下。`;
    case 'responsibleParty':
      return `经生态环境主管部门会同自然资源主管部门认定，${plot}的土壤污染责任人${responsibleText(d.responsible)}。现将地块责任主体的变更记录如下。`;
  }
}

// D15 地块权利人及责任主体变更记录: who holds the land and who answers for it, after 收回, 转让 or 认定.
export function drawPartiesChange(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D15'>): void {
  const d = record.details;
  const act = ACT[d.variant];
  const heading = opening(doc, record);
  paragraph(doc, introduction(record));
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('变更事项');
  const facts: Fact[] = [
    { label: '变更事项', value: act.what },
    { label: act.number, value: d.documentNumber },
    { label: act.date, value: chineseDate(d.actDate) },
    { label: '原土地使用权人', value: d.formerHolder },
    { label: '现土地使用权人', value: d.holder },
  ];
  if (d.agreedResponsible) facts.push({ label: '合同约定的责任人', value: d.agreedResponsible });
  if (d.formerHolderResponsible !== undefined) facts.push({ label: '原权利人为责任人', value: d.formerHolderResponsible ? '是' : '否' });
  factTable(doc, facts, { labelWidth: LABEL_WIDTH });
  heading('责任主体');
  factTable(doc, [
    { label: '土壤污染责任人', value: responsibleText(d.responsible) },
    { label: '调查义务承担单位', value: d.investigationDuty },
    { label: '管控修复义务承担单位', value: d.controlDuty },
    { label: '承担依据', value: CONTROL_BASIS_LABEL[d.controlBasis] },
  ], { labelWidth: LABEL_WIDTH });
  closing(doc, record, heading, {
    decisionHeading: '记录',
    remark: '自本记录出具之日起，地块土壤污染状况调查、风险管控和修复等义务由上列单位承担；此前出具的文书继续有效。',
  });
}
