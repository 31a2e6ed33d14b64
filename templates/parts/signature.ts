import type { Issuer, Signatory } from '../filing-record';
import { FONT } from '../fonts';
import { chineseDate } from '../format';
import { COLOR, SIZE, bodyFont, contentLeft, contentWidth, ensureSpace } from './page';

const SEAL_RADIUS = 38;
const TOP_GAP = 16; // the seal reaches above the issuer's name
const SEAL_CENTRE = SIZE.body * 1.6; // between the name and the date
const LINE_STEP = SIZE.body * 1.8;
const MIN_SIZE = 8;
export const SIGNATURE_HEIGHT = TOP_GAP + SEAL_CENTRE + SEAL_RADIUS + 8;

// What the left of the signature names: 签发人, or the filing unit, or who recorded a decision taken elsewhere.
export function signatoryLines(signatory: Signatory | undefined, legacySigner: string): string[] {
  if (!signatory) return [`签发人：${legacySigner}`];
  switch (signatory.kind) {
    case 'signed': return [`签发人：${signatory.name}`];
    case 'filed': return [`${signatory.label}：${signatory.organisation}`, `${signatory.label.slice(0, 2)}人：${signatory.name}`];
    case 'recorded': return [`录入人：${signatory.recordedBy}`, `决定机关：${signatory.decidingBody}`];
  }
}

// 签发人 (or 填报单位, 录入人) on the left; 发文机关署名 and 成文日期 on the right,
// centred on each other, under a dashed circle that marks where the seal goes
// (印章 covers the name and the date).
export function signatureBlock(doc: PDFKit.PDFDocument, issuer: Issuer, left: string[], issuedAt: string): void {
  ensureSpace(doc, SIGNATURE_HEIGHT);
  const date = chineseDate(issuedAt);
  const x = contentLeft(doc);
  const right = x + contentWidth(doc) - SIZE.body * 2; // 右空二字
  bodyFont(doc);
  const width = Math.min(contentWidth(doc) * 0.6, Math.max(doc.widthOfString(issuer.name), doc.widthOfString(date)) + 24);
  const bx = right - width;
  const y = doc.y + TOP_GAP;
  left.forEach((text, i) => leftLine(doc, text, x, y + i * LINE_STEP, bx - x - SIZE.body));
  doc.fontSize(SIZE.body).text(issuer.name, bx, y, { width, align: 'center' });
  doc.text(date, bx, y + LINE_STEP, { width, align: 'center' });
  sealMark(doc, bx + width / 2, y + SEAL_CENTRE);
  doc.x = x;
  doc.y = y + SEAL_CENTRE + SEAL_RADIUS + 8;
}

// One line that never wraps into the issuer's name: a long name is set smaller.
// (The colour is the body's already: pdfkit writes a colour into the page each time it is set.)
function leftLine(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number): void {
  let size: number = SIZE.body;
  doc.font(FONT.regular);
  while (size > MIN_SIZE && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  doc.fontSize(size).text(text, x, y, { lineBreak: false });
}

function sealMark(doc: PDFKit.PDFDocument, cx: number, cy: number): void {
  doc.save()
    .circle(cx, cy, SEAL_RADIUS)
    .lineWidth(0.8)
    .dash(3, { space: 3 })
    .strokeColor(COLOR.red)
    .stroke()
    .undash()
    .restore();
}
