import { FONT } from '../fonts';
import { COLOR, SIZE, contentLeft, contentWidth } from './page';
import { drawQrCode } from './qr';

export interface FooterFacts {
  number: string;
  digest: string;
  verifyUrl: string;
  auditHead?: { seq: number; hash: string };
}

const QR_SIZE = 54;
const GAP = 10;
const MIN_FOOTER_SIZE = 5;

// Writes the footer on every buffered page. Call once, after the body is
// complete, so that 共 y 页 is known (the document needs bufferPages: true).
export function drawFooters(doc: PDFKit.PDFDocument, facts: FooterFacts): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    drawFooter(doc, facts, i + 1, count);
  }
}

function drawFooter(doc: PDFKit.PDFDocument, facts: FooterFacts, page: number, pages: number): void {
  const bottomMargin = doc.page.margins.bottom;
  // the footer lies in the bottom margin; without this pdfkit would start a new page
  doc.page.margins.bottom = 0;
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const top = doc.page.height - bottomMargin + 10;
  doc.save().moveTo(x, top).lineTo(x + width, top).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  drawQrCode(doc, facts.verifyUrl, x, top + 6, QR_SIZE);
  const tx = x + QR_SIZE + GAP;
  const tw = width - QR_SIZE - GAP;
  footerLine(doc, facts.number, tx, top + 8, tw, 'left', SIZE.footer + 1);
  footerLine(doc, `第 ${page} 页 / 共 ${pages} 页`, tx, top + 8, tw, 'right', SIZE.footer + 1);
  const head = facts.auditHead && `审计链：第 ${facts.auditHead.seq} 条 · ${facts.auditHead.hash}`;
  const headWidth = head ? doc.font(FONT.regular).fontSize(SIZE.footer).widthOfString(head) + GAP : 0;
  footerLine(doc, `SHA-256: ${facts.digest}`, tx, top + 22, tw - headWidth, 'left');
  if (head) footerLine(doc, head, tx, top + 22, tw, 'right');
  footerLine(doc, `核验地址：${facts.verifyUrl}`, tx, top + 34, tw, 'left');
  footerLine(doc, '扫描二维码或访问核验地址，核对本文件的编号与摘要。', tx, top + 46, tw, 'left');
  doc.page.margins.bottom = bottomMargin;
}

function footerLine(
  doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, align: 'left' | 'right', size: number = SIZE.footer,
): void {
  doc.font(FONT.regular).fillColor(COLOR.muted);
  // one line each: a long verify URL is set smaller rather than wrapped
  let fitted = size;
  while (fitted > MIN_FOOTER_SIZE && doc.fontSize(fitted).widthOfString(text) > width) fitted -= 0.25;
  doc.fontSize(fitted);
  // pdfkit aligns only wrapped text; a single unwrapped line is placed by hand
  const left = align === 'right' ? x + width - doc.widthOfString(text) : x;
  doc.text(text, left, y, { lineBreak: false });
  doc.fillColor(COLOR.text);
}
