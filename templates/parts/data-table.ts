import { COLOR, SIZE, contentLeft, contentWidth } from './page';
import { type Align, type CellStyle, drawRow, rowHeight } from './cells';

export interface Column<Row> {
  header: string;
  weight: number; // share of the type area's width
  align?: Align;
  value: (row: Row) => string;
}

export interface DataTableOptions {
  size?: number;
  emptyText?: string;
}

interface Layout {
  x: number;
  widths: number[];
  headers: string[];
  headerStyles: CellStyle[];
  bodyStyles: CellStyle[];
}

function layoutOf<Row>(doc: PDFKit.PDFDocument, columns: Column<Row>[], size: number): Layout {
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const width = contentWidth(doc);
  return {
    x: contentLeft(doc),
    widths: columns.map((c) => (width * c.weight) / total),
    headers: columns.map((c) => c.header),
    headerStyles: columns.map(() => ({ size, bold: true, fill: COLOR.labelFill, align: 'center' as const })),
    bodyStyles: columns.map((c) => ({ size, align: c.align ?? 'left' })),
  };
}

function drawHeader(doc: PDFKit.PDFDocument, layout: Layout): void {
  const h = rowHeight(doc, layout.headers, layout.widths, layout.headerStyles);
  placeRow(doc, layout.headers, layout, layout.headerStyles, h);
}

// Table that breaks across pages between rows and repeats its header row at
// the top of every page it continues on.
export function dataTable<Row>(
  doc: PDFKit.PDFDocument, columns: Column<Row>[], rows: Row[], options: DataTableOptions = {},
): void {
  const layout = layoutOf(doc, columns, options.size ?? SIZE.table);
  const headerHeight = rowHeight(doc, layout.headers, layout.widths, layout.headerStyles);
  const first = rows[0] ? rowHeight(doc, columns.map((c) => c.value(rows[0])), layout.widths, layout.bodyStyles) : headerHeight;
  // keep the header with at least the first row
  if (doc.y + headerHeight + first > doc.page.maxY()) doc.addPage();
  drawHeader(doc, layout);
  if (rows.length === 0) {
    drawEmptyRow(doc, layout, options.emptyText ?? '无');
  }
  for (const row of rows) {
    const texts = columns.map((c) => c.value(row));
    const h = rowHeight(doc, texts, layout.widths, layout.bodyStyles);
    if (doc.y + h > doc.page.maxY()) {
      doc.addPage();
      drawHeader(doc, layout);
    }
    placeRow(doc, texts, layout, layout.bodyStyles, h);
  }
  doc.x = layout.x;
  doc.moveDown(0.6);
}

// Height the table would take on one page, with the gap after it: for keeping a short table with what follows.
export function dataTableHeight<Row>(
  doc: PDFKit.PDFDocument, columns: Column<Row>[], rows: Row[], options: DataTableOptions = {},
): number {
  const layout = layoutOf(doc, columns, options.size ?? SIZE.table);
  const header = rowHeight(doc, layout.headers, layout.widths, layout.headerStyles);
  const body = rows.length === 0
    ? rowHeight(doc, [options.emptyText ?? '无'], [layout.widths.reduce((a, b) => a + b, 0)], [layout.bodyStyles[0]])
    : rows.reduce((sum, row) => sum + rowHeight(doc, columns.map((c) => c.value(row)), layout.widths, layout.bodyStyles), 0);
  return header + body + (options.size ?? SIZE.table) * 1.2;
}

function drawEmptyRow(doc: PDFKit.PDFDocument, layout: Layout, text: string): void {
  const width = layout.widths.reduce((a, b) => a + b, 0);
  const style: CellStyle = { size: layout.bodyStyles[0].size, align: 'center' };
  const h = rowHeight(doc, [text], [width], [style]);
  placeRow(doc, [text], { ...layout, widths: [width] }, [style], h);
}

// Draws a row at the current position and moves below it.
function placeRow(doc: PDFKit.PDFDocument, texts: string[], layout: Layout, styles: CellStyle[], h: number): void {
  const y = doc.y;
  drawRow(doc, texts, layout.x, y, layout.widths, styles, h);
  doc.y = y + h;
}
