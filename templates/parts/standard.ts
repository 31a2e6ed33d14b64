import { type FilingRecord, type FilingRecordBase, documentTitle } from '../filing-record';
import { areaLabel, landClassLabel } from '../format';
import { copyToBlock, copyToHeight } from './copy-to';
import { decisionBlock, decisionHeight, legalBasisBlock, legalBasisHeight, note, reportsHeight, reportsTable } from './decision';
import { type Fact, factTable } from './fact-table';
import { addresseeLine, letterhead, titleBlock } from './letterhead';
import { HEADING_HEIGHT, ensureSpace, keepTogether, sectionHeadings } from './page';
import { SIGNATURE_HEIGHT, signatoryLines, signatureBlock } from './signature';

// The head every filing shares: 红头, title and number, 主送.
// Returns the section-heading writer for the body (一、二、…).
export function opening(doc: PDFKit.PDFDocument, record: FilingRecord): (text: string) => void {
  letterhead(doc, record.issuer);
  titleBlock(doc, documentTitle(record), record.number);
  addresseeLine(doc, record.addressees);
  return sectionHeadings(doc);
}

export function plotFacts(record: FilingRecordBase): Fact[] {
  const { plot, stage } = record;
  return [
    { label: '地块编码', value: plot.code },
    { label: '地块名称', value: plot.name },
    { label: '地块地址', value: plot.address, wide: true },
    { label: '行政区划', value: `${plot.jurisdictionName}（${plot.jurisdictionCode}）` },
    { label: '占地面积', value: areaLabel(plot.areaM2) },
    { label: '规划用地类别', value: landClassLabel(plot.plannedLandClass) },
    { label: '土地使用权人', value: plot.holderOrganisation },
    { label: '所处阶段', value: stage.label },
  ];
}

// 地块基本信息, two facts a row.
export function plotFactTable(doc: PDFKit.PDFDocument, record: FilingRecordBase): void {
  factTable(doc, plotFacts(record), { pairs: 2 });
}

export interface ClosingOptions {
  decisionHeading?: string;
  reportsHeading?: string;
  remark?: string; // a closing reminder printed above the signature
}

// The tail every filing shares: decision, reports relied on, 依据, signature and seal, and 抄送 when there is one.
// GB/T 9704: the signature and seal never stand alone on a page: when they would begin one, the last block
// before them (the reports relied on, or else the decision) moves to that page with them.
export function closing(
  doc: PDFKit.PDFDocument, record: FilingRecord, heading: (text: string) => void, options: ClosingOptions = {},
): void {
  const signing = legalBasisHeight(doc, record.legalBasis, options.remark) + SIGNATURE_HEIGHT;
  const tail = signing + copyToHeight(doc, record.copyTo);
  const withReports = record.reports.length > 0;
  const decision = HEADING_HEIGHT + decisionHeight(doc, record.decision, record.signatory);
  keepTogether(doc, withReports ? decision : decision + tail);
  heading(options.decisionHeading ?? '决定');
  decisionBlock(doc, record.decision, record.signatory);
  if (withReports) {
    keepTogether(doc, HEADING_HEIGHT + reportsHeight(doc, record.reports) + tail);
    heading(options.reportsHeading ?? '所涉报告');
    reportsTable(doc, record.reports);
  }
  ensureSpace(doc, signing);
  legalBasisBlock(doc, record.legalBasis);
  if (options.remark) note(doc, options.remark);
  signatureBlock(doc, record.issuer, signatoryLines(record.signatory, record.decision.by.name), record.issuedAt);
  copyToBlock(doc, record.copyTo);
}
