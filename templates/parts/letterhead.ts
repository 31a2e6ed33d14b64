import type { Issuer } from '../filing-record';
import { FONT } from '../fonts';
import { COLOR, SIZE, bodyFont, boldFont, contentLeft, contentWidth } from './page';

const MIN_LETTERHEAD_SIZE = 14;

// Largest size up to `max` at which `text` fits on one line.
function fittingSize(doc: PDFKit.PDFDocument, text: string, max: number, width: number): number {
  let size = max;
  doc.font(FONT.bold);
  while (size > MIN_LETTERHEAD_SIZE && doc.fontSize(size).widthOfString(text) > width) size -= 1;
  return size;
}

// 发文机关标志: the issuer's name in red, centred, over a red rule across the type area.
export function letterhead(doc: PDFKit.PDFDocument, issuer: Issuer): void {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const size = fittingSize(doc, issuer.name, SIZE.letterhead, width);
  doc.font(FONT.bold).fontSize(size).fillColor(COLOR.red);
  doc.text(issuer.name, x, doc.page.margins.top, { width, align: 'center' });
  const y = doc.y + 8;
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(2).strokeColor(COLOR.red).stroke().restore();
  doc.fillColor(COLOR.text);
  doc.y = y + 12;
}

// 标题 in bold, centred; the filing number (发文字号) centred beneath it.
export function titleBlock(doc: PDFKit.PDFDocument, title: string, number: string): void {
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  boldFont(doc, SIZE.title).text(title, x, doc.y, { width, align: 'center', lineGap: 4 });
  doc.moveDown(0.2);
  bodyFont(doc, SIZE.body).text(number, x, doc.y, { width, align: 'center' });
  doc.moveDown(0.6);
}

// 主送: the bodies the document is addressed to.
export function addresseeLine(doc: PDFKit.PDFDocument, addressees: string[]): void {
  if (addressees.length === 0) return;
  bodyFont(doc).text(`主送：${addressees.join('、')}`, contentLeft(doc), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.6);
}
