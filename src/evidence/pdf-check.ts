import { PDFDocument } from 'pdf-lib';

export { sanitizeFileName } from './file-name';

/** `reason` is for the user (Chinese); `detail`, when present, is the parser's own message, for logs. */
export type PdfCheck = { ok: true; pages: number; version: string } | { ok: false; reason: string; detail?: string };

// PDF 32000-1 Annex H (implementation notes) lets readers find the header within
// the first 1024 bytes; we accept the same window and no more.
export const HEADER_WINDOW = 1024;
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
 * complete, unencrypted PDF with at least one page: header, %%EOF, a startxref
 * that points at a cross-reference table or stream, and a full structural parse.
 */
export async function checkPdf(buf: Buffer): Promise<PdfCheck> {
  if (buf.length === 0) return refuse('文件为空');
  const header = findHeader(buf);
  if (!header) return refuse(notPdfReason(buf));
  const eof = findEof(buf);
  if (eof < 0) {
    return refuse('文件不完整：末尾 1024 字节内没有 %%EOF 结束标记（文件可能被截断，或在结尾之后附加了其他数据）');
  }
  const xrefProblem = checkStartXref(buf, eof, header.offset);
  if (xrefProblem) return refuse(`文件结构损坏：${xrefProblem}`);
  return parseStructure(buf, header.version);
}

function refuse(reason: string): PdfCheck {
  return { ok: false, reason };
}

function findHeader(buf: Buffer): { offset: number; version: string } | undefined {
  const window = buf.subarray(0, HEADER_WINDOW + 8).toString('latin1');
  const m = /%PDF-(1\.[0-7]|2\.0)/.exec(window);
  if (!m || m.index > HEADER_WINDOW) return undefined;
  return { offset: m.index, version: m[1] };
}

function notPdfReason(buf: Buffer): string {
  const known = KNOWN_TYPES.find(([magic]) => buf.subarray(0, magic.length).equals(magic));
  const what = known ? `文件内容是${known[1]}` : '文件开头 1024 字节内没有 %PDF-1.x 文件头';
  return `不是 PDF 文件：${what}`;
}

/** Absolute offset of the last %%EOF within the last EOF_WINDOW bytes, or -1. */
function findEof(buf: Buffer): number {
  const start = Math.max(0, buf.length - EOF_WINDOW);
  const i = buf.subarray(start).lastIndexOf('%%EOF');
  return i < 0 ? -1 : start + i;
}

/** Returns a problem description, or undefined when startxref points at a cross-reference section. */
function checkStartXref(buf: Buffer, eof: number, headerOffset: number): string | undefined {
  const start = Math.max(0, eof - 64);
  const tail = buf.subarray(start, eof).toString('latin1');
  const m = /startxref\s+(\d{1,12})\s*$/.exec(tail);
  if (!m) return '%%EOF 之前没有 startxref';
  const offset = Number(m[1]);
  // Offsets count from the first byte; readers that allow leading junk count from the header.
  const candidates = headerOffset > 0 ? [offset, offset + headerOffset] : [offset];
  if (candidates.some((o) => pointsAtXref(buf, o))) return undefined;
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
  try {
    // Encryption is checked on the loaded document: pdf-lib's error classes do not
    // survive its ES5 build, so its EncryptedPDFError cannot be told apart by type.
    const doc = await PDFDocument.load(buf, { updateMetadata: false, throwOnInvalidObject: true, ignoreEncryption: true });
    if (doc.isEncrypted) return refuse('文件已加密（设置了打开密码或权限密码），请上传未加密的 PDF');
    pages = doc.getPageCount();
  } catch (e) {
    return { ok: false, reason: '文件结构无法解析：PDF 内部对象损坏或不完整', detail: String((e as Error)?.message ?? e) };
  }
  if (pages < 1) return refuse('PDF 中没有页面');
  return { ok: true, pages, version };
}
