import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import { drawQrCode } from './qr';

function drawnStream(text: string, cell: number): Promise<string> {
  const doc = new PDFDocument({ compress: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  const n = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size;
  drawQrCode(doc, text, 10, 20, n * cell);
  doc.end();
  return done;
}

// Rebuilds the module matrix from the rectangles in the content stream.
function matrixFrom(stream: string, n: number, cell: number): boolean[][] {
  const grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const m of stream.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const row = Math.round((y - 20) / cell);
    const start = Math.round((x - 10) / cell);
    for (let c = start; c < start + Math.round(w / cell); c++) grid[row][c] = true;
  }
  return grid;
}

describe('drawQrCode', () => {
  it('draws exactly the dark modules of the QR code of the text', async () => {
    const url = 'http://localhost:3000/public/verify/9a6ed1a262dc10b05e8317e19ce8e47cf1940c272e64345cfbd93747d032fc33';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const grid = matrixFrom(await drawnStream(url, 2), modules.size, 2);
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) expect([r, c, grid[r][c]]).toEqual([r, c, modules.get(r, c) === 1]);
    }
  });
});
