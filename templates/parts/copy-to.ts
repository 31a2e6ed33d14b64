import { COLOR, SIZE, bodyFont, contentLeft, contentWidth, ensureSpace } from './page';

const RULE_GAP = 6;

// 版记 (GB/T 9704): 抄送机关 between two rules across the type area, below the signature.
export function copyToBlock(doc: PDFKit.PDFDocument, copyTo: string[] | undefined): void {
  if (!copyTo || copyTo.length === 0) return;
  const x = contentLeft(doc);
  const width = contentWidth(doc);
  const text = `抄送：${copyTo.join('，')}。`;
  ensureSpace(doc, copyToHeight(doc, copyTo));
  doc.moveDown(0.6);
  const rule = (y: number) => doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.6).strokeColor(COLOR.text).stroke().restore();
  const top = doc.y;
  rule(top);
  bodyFont(doc, SIZE.table).text(text, x + SIZE.table, top + RULE_GAP, { width: width - SIZE.table * 2 });
  rule(doc.y + RULE_GAP);
  doc.x = x;
  doc.y += RULE_GAP * 2;
}

export function copyToHeight(doc: PDFKit.PDFDocument, copyTo: string[] | undefined): number {
  if (!copyTo || copyTo.length === 0) return 0;
  const text = `抄送：${copyTo.join('，')}。`;
  return bodyFont(doc, SIZE.table).heightOfString(text, { width: contentWidth(doc) - SIZE.table * 2 }) + RULE_GAP * 4;
}
