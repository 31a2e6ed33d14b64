import { PDFDocument } from 'pdf-lib';
import { ACTIVE_CONTENT_REASONS, findActiveContent, type ActiveContent } from './pdf-active-content';

/**
 * `reason` is for the user (Chinese); `problem` says what kind of refusal it is:
 * not a sound PDF, a PDF with active content, or one too costly to check.
 * `detail`, when present, is the parser's own message, for logs.
 */
export type PdfCheck =
  | { ok: true; pages: number; version: string }
  | { ok: false; problem: PdfProblem; reason: string; detail?: string };
export type PdfProblem = 'notPdf' | 'activeContent' | 'tooComplex';

// Readers may look for the header anywhere in the first 1024 bytes (PDF 32000-1
// Annex H), which is what lets an HTML page or a script sit before it and the
// same bytes open as two things. Reports must start with the header itself.
export const HEADER_SEARCH_WINDOW = 1024;
// %%EOF must be within the last 1024 bytes, as readers look for it there.
export const EOF_WINDOW = 1024;

const KNOWN_TYPES: Array<[Buffer, string]> = [
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'PNG 图片'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'JPEG 图片'],
  [Buffer.from('GIF8'), 'GIF 图片'],
  [Buffer.from('PK\x03\x04'), 'ZIP 压缩包或 Word/Excel（.docx/.xlsx）文件'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), '旧版 Word/Excel（.doc/.xls）文件'],
];

/**
 * Decides by content, never by name or declared type, whether a buffer is a
 * complete, unencrypted PDF with at least one page and no active content:
 * %PDF- at byte 0, %%EOF, a startxref that points at a cross-reference table or
 * stream, a full structural parse, and a walk of every object it holds for
 * scripts, launch and submit actions, attachments and automatic actions.
 */
export async function checkPdf(buf: Buffer): Promise<PdfCheck> {
  if (buf.length === 0) return refuse('文件为空');
  const version = headerVersion(buf);
  if (!version) return refuse(notPdfReason(buf));
  const eof = findEof(buf);
  if (eof < 0) {
    return refuse('文件不完整：末尾 1024 字节内没有 %%EOF 结束标记（文件可能被截断，或在结尾之后附加了其他数据）');
  }
  const xrefProblem = checkStartXref(buf, eof);
  if (xrefProblem) return refuse(`文件结构损坏：${xrefProblem}`);
  return parseStructure(buf, version);
}

function refuse(reason: string, problem: PdfProblem = 'notPdf'): PdfCheck {
  return { ok: false, problem, reason };
}

function headerVersion(buf: Buffer): string | undefined {
  return /^%PDF-(1\.[0-7]|2\.0)/.exec(buf.subarray(0, 8).toString('latin1'))?.[1];
}

function notPdfReason(buf: Buffer): string {
  const known = KNOWN_TYPES.find(([magic]) => buf.subarray(0, magic.length).equals(magic));
  if (known) return `不是 PDF 文件：文件内容是${known[1]}`;
  const later = buf.subarray(0, HEADER_SEARCH_WINDOW + 8).indexOf('%PDF-');
  if (later === 0) return `不支持的 PDF 版本：${buf.subarray(0, 8).toString('latin1').replace(/[^\x20-\x7e]/g, '?')}（接受 PDF 1.0–1.7 和 2.0）`;
  if (later > 0) {
    const html = /^\s*(\ufeff)?\s*</.test(buf.subarray(0, 64).toString('utf8')) ? '（开头像是网页 HTML 代码）' : '';
    return `文件没有以 %PDF- 文件头开始：文件头之前有 ${later} 字节其他内容${html}，这样的文件可能同时被当作网页打开。请上传直接导出的 PDF 文件`;
  }
  return '不是 PDF 文件：文件开头没有 %PDF-1.x 文件头';
}

/** Absolute offset of the last %%EOF within the last EOF_WINDOW bytes, or -1. */
function findEof(buf: Buffer): number {
  const start = Math.max(0, buf.length - EOF_WINDOW);
  const i = buf.subarray(start).lastIndexOf('%%EOF');
  return i < 0 ? -1 : start + i;
}

/** Returns a problem description, or undefined when startxref points at a cross-reference section. */
function checkStartXref(buf: Buffer, eof: number): string | undefined {
  const start = Math.max(0, eof - 64);
  const tail = buf.subarray(start, eof).toString('latin1');
  const m = /startxref\s+(\d{1,12})\s*$/.exec(tail);
  if (!m) return '%%EOF 之前没有 startxref';
  const offset = Number(m[1]);
  if (pointsAtXref(buf, offset)) return undefined;
  return offset >= buf.length
    ? `startxref 指向的位置 ${offset} 超出了文件长度 ${buf.length}`
    : `startxref 指向的位置 ${offset} 没有交叉引用表`;
}

function pointsAtXref(buf: Buffer, offset: number): boolean {
  if (offset >= buf.length) return false;
  const text = buf.subarray(offset, offset + 40).toString('latin1');
  return /^[\0\t\n\f\r ]*(xref|\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj)/.test(text);
}

async function parseStructure(buf: Buffer, version: string): Promise<PdfCheck> {
  let pages: number;
  let active: ActiveContent[];
  try {
    // Encryption is checked on the loaded document: pdf-lib's error classes do not
    // survive its ES5 build, so its EncryptedPDFError cannot be told apart by type.
    const doc = await PDFDocument.load(buf, { updateMetadata: false, throwOnInvalidObject: true, ignoreEncryption: true });
    if (doc.isEncrypted) return refuse('文件已加密（设置了打开密码或权限密码），请上传未加密的 PDF');
    pages = doc.getPageCount();
    active = findActiveContent(doc.context);
  } catch (e) {
    return { ok: false, problem: 'notPdf', reason: '文件结构无法解析：PDF 内部对象损坏或不完整', detail: String((e as Error)?.message ?? e) };
  }
  if (pages < 1) return refuse('PDF 中没有页面');
  if (active.length) return refuse(active.map((a) => ACTIVE_CONTENT_REASONS[a]).join('；'), 'activeContent');
  return { ok: true, pages, version };
}
