import { qrCode } from '../../src/common/lazy-libraries';

// Draws a QR code as vector rectangles: synchronous and byte-for-byte
// deterministic, unlike an embedded PNG. Dark modules of a row are merged
// into runs to keep the content stream small.
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = qrCode().create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / n;
  doc.save();
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('#000000').restore();
}
