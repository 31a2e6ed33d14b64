import { COLOR, SIZE, contentLeft, contentWidth, ensureSpace } from './page';
import { type CellStyle, drawRow, rowHeight } from './cells';

export interface Fact {
  label: string;
  value: string;
  wide?: boolean; // in a two-pair table, takes a whole row
}

export interface FactTableOptions {
  size?: number;
  labelWidth?: number;
  pairs?: 1 | 2; // label/value pairs per row
}

// Groups facts into rows: wide facts (and an odd one out) alone, others side by side.
function rowsOf(facts: Fact[], pairs: 1 | 2): Fact[][] {
  if (pairs === 1) return facts.map((f) => [f]);
  const rows: Fact[][] = [];
  let pending: Fact | undefined;
  for (const fact of facts) {
    if (fact.wide) {
      if (pending) rows.push([pending]);
      rows.push([fact]);
      pending = undefined;
    } else if (pending) {
      rows.push([pending, fact]);
      pending = undefined;
    } else {
      pending = fact;
    }
  }
  if (pending) rows.push([pending]);
  return rows;
}

function widthsOf(row: Fact[], total: number, labelWidth: number): number[] {
  if (row.length === 1) return [labelWidth, total - labelWidth];
  const half = total / 2;
  return [labelWidth, half - labelWidth, labelWidth, half - labelWidth];
}

// Label/value table; long values wrap within their cell. A row is never
// split: it moves to the next page whole. Free prose longer than a few lines
// belongs in a paragraph, not here.
export function factTable(doc: PDFKit.PDFDocument, facts: Fact[], options: FactTableOptions = {}): void {
  const x = contentLeft(doc);
  for (const { texts, styles, widths, h } of laidOut(doc, facts, options)) {
    ensureSpace(doc, h);
    const y = doc.y;
    drawRow(doc, texts, x, y, widths, styles, h);
    doc.x = x;
    doc.y = y + h;
  }
  doc.moveDown(0.6);
}

// Height the table would take on one page, with the gap after it: for keeping a block with what follows.
export function factTableHeight(doc: PDFKit.PDFDocument, facts: Fact[], options: FactTableOptions = {}): number {
  return laidOut(doc, facts, options).reduce((sum, row) => sum + row.h, 0) + SIZE.table * 1.2;
}

function laidOut(doc: PDFKit.PDFDocument, facts: Fact[], options: FactTableOptions) {
  const size = options.size ?? SIZE.table;
  const labelWidth = options.labelWidth ?? size * 8;
  const label: CellStyle = { size, bold: true, fill: COLOR.labelFill };
  const value: CellStyle = { size };
  return rowsOf(facts, options.pairs ?? 1).map((row) => {
    const texts = row.flatMap((f) => [f.label, f.value]);
    const styles = row.flatMap(() => [label, value]);
    const widths = widthsOf(row, contentWidth(doc), labelWidth);
    return { texts, styles, widths, h: rowHeight(doc, texts, widths, styles) };
  });
}
