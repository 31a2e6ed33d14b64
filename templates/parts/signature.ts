import type { Issuer } from '../filing-record';
import { chineseDate } from '../format';
import { COLOR, SIZE, bodyFont, contentLeft, contentWidth, ensureSpace } from './page';

const SEAL_RADIUS = 38;
const TOP_GAP = 24; // the seal reaches above the issuer's name
const SEAL_CENTRE = SIZE.body * 1.6; // between the name and the date
export const SIGNATURE_HEIGHT = TOP_GAP + SEAL_CENTRE + SEAL_RADIUS + 8;

// 签发人 on the left; 发文机关署名 and 成文日期 on the right, centred on each
// other, under a dashed circle that marks where the seal goes (印章 covers
// the name and the date).
export function signatureBlock(doc: PDFKit.PDFDocument, issuer: Issuer, signer: string, issuedAt: string): void {
  ensureSpace(doc, SIGNATURE_HEIGHT);
  const date = chineseDate(issuedAt);
  const x = contentLeft(doc);
  const right = x + contentWidth(doc) - SIZE.body * 2; // 右空二字
  bodyFont(doc);
  const width = Math.min(contentWidth(doc) * 0.6, Math.max(doc.widthOfString(issuer.name), doc.widthOfString(date)) + 24);
  const bx = right - width;
  const y = doc.y + TOP_GAP;
  doc.text(`签发人：${signer}`, x, y, { lineBreak: false });
  doc.text(issuer.name, bx, y, { width, align: 'center' });
  doc.text(date, bx, y + SIZE.body * 1.8, { width, align: 'center' });
  sealMark(doc, bx + width / 2, y + SEAL_CENTRE);
  doc.x = x;
  doc.y = y + SEAL_CENTRE + SEAL_RADIUS + 8;
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
