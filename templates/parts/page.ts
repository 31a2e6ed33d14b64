import { FONT } from '../fonts';

const MM = 72 / 25.4;

// A4 with the side margins of GB/T 9704-2012 (党政机关公文格式): 订口 28 mm, right 26 mm; the top is narrower
// than its 37 mm so that a filing stands on one sheet, the bottom holds the verification footer (QR code, digest).
export const PAGE_SIZE = 'A4';
export const PAGE_MARGINS = { top: 22 * MM, bottom: 29 * MM, left: 28 * MM, right: 26 * MM };

export const COLOR = {
  text: '#000000',
  red: '#D40000', // 红头
  muted: '#555555',
  rule: '#999999',
  labelFill: '#F0F0F0',
  border: '#333333',
} as const;

export const SIZE = {
  letterhead: 26,
  title: 20,
  heading: 13,
  body: 12,
  table: 10.5,
  small: 9,
  footer: 7.5,
} as const;

export const LINE_GAP = 3;

export function contentLeft(doc: PDFKit.PDFDocument): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

// Starts a new page when the next `height` points would cross the bottom margin.
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.maxY()) {
    doc.addPage();
  }
}

// Starts a new page unless a block of `height` points fits on what is left of this one; a block taller
// than a whole page is not moved, since it would break anyway.
export function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  const page = doc.page.maxY() - doc.page.margins.top;
  if (height <= page) ensureSpace(doc, height);
}

export function bodyFont(doc: PDFKit.PDFDocument, size: number = SIZE.body): PDFKit.PDFDocument {
  return doc.font(FONT.regular).fontSize(size).fillColor(COLOR.text);
}

export function boldFont(doc: PDFKit.PDFDocument, size: number = SIZE.body): PDFKit.PDFDocument {
  return doc.font(FONT.bold).fontSize(size).fillColor(COLOR.text);
}

// A body paragraph with the customary two-character first-line indent.
export function paragraph(doc: PDFKit.PDFDocument, text: string, size: number = SIZE.body): void {
  bodyFont(doc, size);
  doc.text(text, contentLeft(doc), doc.y, {
    width: contentWidth(doc),
    indent: size * 2,
    lineGap: LINE_GAP,
  });
  doc.moveDown(0.4);
}

// A plain line without indent, e.g. 主送 or 依据 entries.
export function line(doc: PDFKit.PDFDocument, text: string, size: number = SIZE.body): void {
  bodyFont(doc, size);
  doc.text(text, contentLeft(doc), doc.y, { width: contentWidth(doc), lineGap: LINE_GAP });
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// Room for a heading (~31 pt) and what follows it keeps together (at most the
// decision block's 84 pt), so that a heading never ends a page.
const HEADING_KEEP = 120;
// What a section heading takes with the space around it.
export const HEADING_HEIGHT = 26;

// Section headings numbered 一、二、三、 in order of appearance.
export function sectionHeadings(doc: PDFKit.PDFDocument): (text: string) => void {
  let n = 0;
  return (text: string) => {
    ensureSpace(doc, HEADING_KEEP);
    doc.moveDown(0.2);
    boldFont(doc, SIZE.heading);
    doc.text(`${NUMERALS[n++] ?? n}、${text}`, contentLeft(doc), doc.y, { width: contentWidth(doc) });
    doc.moveDown(0.2);
  };
}
