import PDFKit from 'pdfkit';
import { PDFDocument } from 'pdf-lib';
import { checkPdf } from './pdf-check';

function renderPdf(pages: number, opts: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ info: { CreationDate: new Date(Date.UTC(2026, 0, 5)) }, ...opts });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let i = 0; i < pages; i++) {
      if (i > 0) doc.addPage();
      doc.text(`Preliminary investigation report, page ${i + 1}`);
    }
    doc.end();
  });
}

const reasonOf = async (buf: Buffer) => {
  const result = await checkPdf(buf);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.reason;
};

describe('checkPdf: accepted', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPdf(3);
  });

  it('accepts a real PDF rendered by pdfkit and counts its pages', async () => {
    expect(await checkPdf(pdf)).toEqual({ ok: true, pages: 3, version: '1.3' });
  });

  it('accepts a PDF 1.5+ whose startxref points at a cross-reference stream', async () => {
    const doc = await PDFDocument.load(pdf);
    const compressed = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(compressed.includes('/XRef')).toBe(true);
    expect(await checkPdf(compressed)).toEqual({ ok: true, pages: 3, version: '1.7' });
  });

  it('tolerates fewer than 1024 bytes of junk after %%EOF, as readers do', async () => {
    const result = await checkPdf(Buffer.concat([pdf, Buffer.alloc(500, 'x')]));
    expect(result.ok).toBe(true);
  });

  it('tolerates junk before the header within the first 1024 bytes (PDF 32000-1 Annex H)', async () => {
    const result = await checkPdf(Buffer.concat([Buffer.from('MIME junk\r\n'), pdf]));
    expect(result).toEqual({ ok: true, pages: 3, version: '1.3' });
  });
});

describe('checkPdf: refused, with a reason in Chinese', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPdf(2);
  });

  it('refuses an empty file', async () => {
    expect(await reasonOf(Buffer.alloc(0))).toBe('文件为空');
  });

  it('refuses a text file renamed to .pdf', async () => {
    expect(await reasonOf(Buffer.from('这是一份调查报告的文字稿\n'))).toContain('没有 %PDF-1.x 文件头');
  });

  it('refuses a PNG image and says what it is', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect(await reasonOf(png)).toBe('不是 PDF 文件：文件内容是PNG 图片');
  });

  it('refuses a PDF cut in half (an interrupted upload)', async () => {
    expect(await reasonOf(pdf.subarray(0, pdf.length >> 1))).toContain('没有 %%EOF');
  });

  it('refuses a PDF with more than 1024 bytes appended after %%EOF', async () => {
    expect(await reasonOf(Buffer.concat([pdf, Buffer.alloc(2000, 'x')]))).toContain('没有 %%EOF');
  });

  it('refuses a header further than 1024 bytes into the file', async () => {
    expect(await reasonOf(Buffer.concat([Buffer.alloc(1100, ' '), pdf]))).toContain('不是 PDF 文件');
  });

  it('refuses a startxref that points elsewhere than a cross-reference section', async () => {
    const text = pdf.toString('latin1');
    const broken = text.replace(/startxref\n(\d+)/, (_m, n: string) => `startxref\n${Number(n) + 7}`);
    expect(await reasonOf(Buffer.from(broken, 'latin1'))).toContain('没有交叉引用表');
    const beyond = text.replace(/startxref\n(\d+)/, 'startxref\n99999999');
    expect(await reasonOf(Buffer.from(beyond, 'latin1'))).toContain('超出了文件长度');
  });

  it('refuses a PDF whose objects are damaged although header and trailer look right', async () => {
    const text = pdf.toString('latin1');
    const broken = Buffer.from(text.replace('/Type /Pages', '/Type /Pagez'), 'latin1');
    const result = await checkPdf(broken);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('文件结构无法解析') });
  });

  it('refuses an encrypted PDF', async () => {
    const encrypted = await renderPdf(1, { userPassword: 'secret', ownerPassword: 'owner' });
    expect(await reasonOf(encrypted)).toContain('文件已加密');
  });

  it('refuses a PDF without pages', async () => {
    const doc = await PDFDocument.create();
    const empty = Buffer.from(await doc.save({ addDefaultPage: false }));
    expect(await reasonOf(empty)).toBe('PDF 中没有页面');
  });
});
