import { FONT } from '../fonts';
import { COLOR } from './page';

export type Align = 'left' | 'center' | 'right';

export interface CellStyle {
  size: number;
  bold?: boolean;
  fill?: string;
  align?: Align;
}

const PAD_X = 4;
const PAD_Y = 2.5;
const CELL_LINE_GAP = 1.5;

function useFont(doc: PDFKit.PDFDocument, style: CellStyle): void {
  doc.font(style.bold ? FONT.bold : FONT.regular).fontSize(style.size);
}

function textOptions(width: number, style: CellStyle): PDFKit.Mixins.TextOptions {
  return { width: Math.max(width - 2 * PAD_X, 1), align: style.align ?? 'left', lineGap: CELL_LINE_GAP };
}

export function cellHeight(doc: PDFKit.PDFDocument, text: string, width: number, style: CellStyle): number {
  useFont(doc, style);
  return doc.heightOfString(text || ' ', textOptions(width, style)) + 2 * PAD_Y;
}

// Height of a row: its tallest cell.
export function rowHeight(doc: PDFKit.PDFDocument, texts: string[], widths: number[], styles: CellStyle[]): number {
  let height = 0;
  texts.forEach((t, i) => (height = Math.max(height, cellHeight(doc, t, widths[i], styles[i]))));
  return height;
}

// Draws one bordered cell. The text is given the cell's height so that pdfkit
// never starts a page in the middle of a cell; callers break pages between rows.
export function drawCell(
  doc: PDFKit.PDFDocument, text: string, box: { x: number; y: number; w: number; h: number }, style: CellStyle,
): void {
  if (style.fill) doc.save().rect(box.x, box.y, box.w, box.h).fill(style.fill).restore();
  doc.save().rect(box.x, box.y, box.w, box.h).lineWidth(0.6).strokeColor(COLOR.border).stroke().restore();
  useFont(doc, style);
  doc.fillColor(COLOR.text).text(text, box.x + PAD_X, box.y + PAD_Y, {
    ...textOptions(box.w, style),
    height: box.h - PAD_Y,
  });
}

export function drawRow(
  doc: PDFKit.PDFDocument, texts: string[], x: number, y: number, widths: number[], styles: CellStyle[], h: number,
): void {
  let cx = x;
  texts.forEach((text, i) => {
    drawCell(doc, text, { x: cx, y, w: widths[i], h }, styles[i]);
    cx += widths[i];
  });
}
