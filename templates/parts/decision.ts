import type { Decision, ReportRef, Signatory } from '../filing-record';
import { chineseDate, chineseDateTime } from '../format';
import { type Column, dataTable, dataTableHeight } from './data-table';
import { type Fact, factTable, factTableHeight } from './fact-table';
import { LINE_GAP, SIZE, bodyFont, contentLeft, contentWidth, ensureSpace, line } from './page';

// The decision, its reason, who answers for it in which role, where and when.
export function decisionBlock(doc: PDFKit.PDFDocument, decision: Decision, signatory?: Signatory): void {
  ensureSpace(doc, SIZE.table * 8);
  factTable(doc, decisionFacts(decision, signatory));
}

export function decisionHeight(doc: PDFKit.PDFDocument, decision: Decision, signatory?: Signatory): number {
  return factTableHeight(doc, decisionFacts(decision, signatory));
}

function decisionFacts(decision: Decision, signatory: Signatory | undefined): Fact[] {
  const facts: Fact[] = [{ label: '决定内容', value: decision.text }];
  if (decision.reason) facts.push({ label: '理由', value: decision.reason });
  return [...facts, ...whoFacts(decision, signatory)];
}

const actor = (by: Decision['by']) => `${by.name}（${by.roleLabel}，${by.organisation}）`;

function whoFacts(decision: Decision, signatory: Signatory | undefined): Fact[] {
  const at = `${chineseDateTime(decision.at)}（北京时间）`;
  if (!signatory) return [{ label: '决定人', value: actor(decision.by) }, { label: '决定时间', value: at }];
  switch (signatory.kind) {
    case 'signed': {
      const own = signatory.name === decision.by.name && signatory.organisation === decision.by.organisation;
      return own
        ? [{ label: '决定人', value: actor(decision.by) }, { label: '决定时间', value: at }]
        : [
            { label: '决定人', value: `${signatory.name}（${signatory.organisation}）` },
            { label: '会同确认', value: actor(decision.by) },
            { label: '决定时间', value: at },
          ];
    }
    case 'filed': {
      const verb = signatory.label.slice(0, 2);
      return [
        { label: signatory.label, value: signatory.organisation },
        { label: `${verb}人`, value: signatory.name },
        { label: `${verb}时间`, value: at },
      ];
    }
    case 'recorded':
      return [
        { label: '决定机关', value: signatory.decidingBody },
        { label: '决定文号', value: signatory.documentNumber },
        { label: '决定日期', value: chineseDate(signatory.decisionDate) },
        { label: '录入人', value: `${signatory.recordedBy}（${signatory.recordingOrganisation}）` },
        { label: '录入时间', value: at },
      ];
  }
}

const basisLine = (basis: string, i: number) => `${i + 1}. ${basis}`;

// 依据: the legal basis, as configured for this kind of document.
export function legalBasisBlock(doc: PDFKit.PDFDocument, legalBasis: string[]): void {
  if (legalBasis.length === 0) return;
  ensureSpace(doc, SIZE.body * 4);
  line(doc, '依据：');
  legalBasis.forEach((basis, i) => line(doc, basisLine(basis, i), SIZE.table));
  doc.moveDown(0.6);
}

// Height that legalBasisBlock and note would take, to keep them on the signature's page.
export function legalBasisHeight(doc: PDFKit.PDFDocument, legalBasis: string[], remark?: string): number {
  const width = contentWidth(doc);
  const measure = (text: string, size: number) => bodyFont(doc, size).heightOfString(text, { width, lineGap: LINE_GAP });
  const lines = legalBasis.map((basis, i) => measure(basisLine(basis, i), SIZE.table));
  const basis = legalBasis.length ? lines.reduce((a, b) => a + b, measure('依据：', SIZE.body)) + SIZE.body : 0;
  return basis + (remark ? measure(remark, SIZE.table) + SIZE.body : 0);
}

// The reports this step rests on, each with the digest of the file as filed.
const REPORT_COLUMNS: Column<ReportRef>[] = [
  { header: '报告', weight: 2.2, value: (r) => r.kindLabel },
  { header: '文件名', weight: 2.6, value: (r) => r.fileName },
  { header: '编制单位', weight: 2.4, value: (r) => r.authorOrganisation },
  { header: '提交时间', weight: 2.2, value: (r) => chineseDateTime(r.uploadedAt) },
  { header: '文件 SHA-256', weight: 3.6, value: (r) => r.sha256 },
];

export function reportsTable(doc: PDFKit.PDFDocument, reports: ReportRef[]): void {
  dataTable(doc, REPORT_COLUMNS, reports, { size: SIZE.small, emptyText: '无' });
}

export function reportsHeight(doc: PDFKit.PDFDocument, reports: ReportRef[]): number {
  return dataTableHeight(doc, REPORT_COLUMNS, reports, { size: SIZE.small, emptyText: '无' });
}

// A closing note in a smaller type, e.g. 特此回执 or a reminder of obligations.
export function note(doc: PDFKit.PDFDocument, text: string): void {
  bodyFont(doc, SIZE.table).text(text, contentLeft(doc), doc.y, { width: contentWidth(doc), lineGap: 2 });
  doc.moveDown(0.6);
}
