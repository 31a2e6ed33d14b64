import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFKit from 'pdfkit';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { checkPdf } from './pdf-check';
import { checkPdfFile } from './pdf-check-thread';

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

  it('hardening #9: refuses anything before the %PDF- header, even within the 1024 bytes PDF 32000-1 Annex H lets readers search', async () => {
    const reason = await reasonOf(Buffer.concat([Buffer.from('MIME junk\r\n'), pdf]));
    expect(reason).toContain('没有以 %PDF- 文件头开始');
    expect(reason).toContain('11 字节');
  });

  it('hardening #9: refuses an HTML/PDF polyglot (a web page before %PDF-) and says it looks like HTML', async () => {
    const polyglot = Buffer.concat([Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n'), pdf]);
    const result = await checkPdf(polyglot);
    expect(result).toMatchObject({ ok: false, problem: 'notPdf', reason: expect.stringContaining('网页 HTML') });
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

/** A PDF written by hand, so that names can be spelled as an attacker would; the cross-reference table is exact. */
function rawPdf(catalogExtra: string, more: string[] = [], pageExtra = ''): Buffer {
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${pageExtra} >>`,
    ...more,
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('checkPdf: active content (walked on the parsed object graph)', () => {
  const active = async (buf: Buffer) => {
    const result = await checkPdf(buf);
    if (result.ok) throw new Error('expected the file to be refused');
    expect(result.problem).toBe('activeContent');
    return result.reason;
  };

  it('a hand-written PDF without active content is accepted (the fixture itself is sound)', async () => {
    expect(await checkPdf(rawPdf(''))).toEqual({ ok: true, pages: 1, version: '1.7' });
  });

  it('hardening #9: refuses a PDF that runs JavaScript when opened (/OpenAction), saying so in Chinese', async () => {
    expect(await active(rawPdf('/OpenAction 4 0 R', ['<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>']))).toContain('JavaScript 脚本');
  });

  it('hardening #9: a hex-escaped name (/Java#53cript, /#4aS, lower-case hex too) is read as readers read it', async () => {
    expect(await active(rawPdf('/OpenAction << /S /Java#53cript /#4aS (x) >>'))).toContain('JavaScript');
    expect(await active(rawPdf('/OpenAction << /S /#4aava#53cript /#4a#53 (x) >>'))).toContain('JavaScript');
  });

  it('hardening #9: refuses document-level scripts in the /Names tree', async () => {
    expect(await active(rawPdf('/Names << /JavaScript 4 0 R >>', ['<< /Names [(a) << /S /JavaScript /JS (x) >>] >>']))).toContain('JavaScript');
  });

  it('hardening #9: finds a JavaScript action hidden in a compressed object stream, where a byte search cannot see it', async () => {
    const doc = await PDFDocument.load(rawPdf(''));
    const js = doc.context.register(doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
    doc.catalog.set(PDFName.of('OpenAction'), js);
    const packed = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(packed.includes('JavaScript')).toBe(false);
    expect(await active(packed)).toContain('JavaScript');
  });

  it('hardening #9: refuses launch, submit-form and other-file actions on a link, and page actions (/AA) that open a web address', async () => {
    const link = (action: string) => rawPdf('', [`<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A ${action} >>`], '/Annots [4 0 R]');
    expect(await active(link('<< /S /Launch /F (cmd.exe) >>'))).toContain('启动本机程序');
    expect(await active(link('<< /S /SubmitForm /F (http://example.com/) >>'))).toContain('发送到外部');
    expect(await active(link('<< /S /GoToR /F (\\\\\\\\server\\\\share\\\\a.pdf) /D [0 /Fit] >>'))).toContain('其他文件');
    expect(await active(rawPdf('', [], '/AA << /O << /S /URI /URI (http://example.com/track) >> >>'))).toContain('自动执行');
  });

  it('hardening #9: refuses attachments, rich media and XFA forms', async () => {
    const doc = await PDFDocument.load(rawPdf(''));
    await doc.attach(Buffer.from('MZ not really a program'), 'tool.exe', { mimeType: 'application/octet-stream' });
    expect(await active(Buffer.from(await doc.save()))).toContain('嵌入的附件');
    expect(await active(rawPdf('', ['<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>'], '/Annots [4 0 R]'))).toContain('多媒体');
    expect(await active(rawPdf('/AcroForm << /Fields [] /XFA 4 0 R >>', ['<< /Length 0 >>\nstream\n\nendstream']))).toContain('XFA');
  });

  it('hardening #9: accepts what only moves within the document or waits for a click: an opening page, a GoTo action, a web link', async () => {
    expect((await checkPdf(rawPdf('/OpenAction [3 0 R /Fit]'))).ok).toBe(true);
    expect((await checkPdf(rawPdf('/OpenAction << /S /GoTo /D [3 0 R /Fit] >>'))).ok).toBe(true);
    const web = rawPdf('', ['<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://www.mee.gov.cn/) >> >>'], '/Annots [4 0 R]');
    expect((await checkPdf(web)).ok).toBe(true);
    // A GoTo that chains to a script is still a script.
    const chained = rawPdf('/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /URI /URI (http://example.com/) >> >>');
    expect(await active(chained)).toContain('自动执行');
  });
});

describe('checkPdfFile: the same check in a worker thread', () => {
  it('hardening #1: checks a file on disk off the main thread and gives the same verdicts as checkPdf', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-check-'));
    const good = join(dir, 'good.pdf');
    const bad = join(dir, 'bad.pdf');
    writeFileSync(good, await renderPdf(2));
    writeFileSync(bad, rawPdf('/OpenAction << /S /JavaScript /JS (x) >>'));
    expect(await checkPdfFile(good)).toEqual({ ok: true, pages: 2, version: '1.3' });
    expect(await checkPdfFile(bad)).toMatchObject({ ok: false, problem: 'activeContent' });
  });
});
