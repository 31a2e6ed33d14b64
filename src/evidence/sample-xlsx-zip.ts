import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';

// An .xlsx is a zip. Excel and exceljs write the worksheet before the shared strings, and
// exceljs's streaming reader then copies the whole sheet to a temporary file before it yields
// a row. The staged file is on disk, so its central directory tells where each part is: the
// parts the reader needs are handed to it in the order it wants (relationships, workbook,
// shared strings, first sheet), each as its own bytes, so the rows stream as they inflate.

export class XlsxFileError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  offset: number;
  /** Where the entry's record (local header, data, descriptor) ends. */
  end: number;
  compressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/** The entries of the zip at `path`, from its central directory (no zip64: an xlsx of the upload size needs none). */
export async function readZipEntries(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at === -1) throw new XlsxFileError('找不到 zip 目录（文件不完整或不是 .xlsx）');
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) {
      throw new XlsxFileError('zip 目录过大或已损坏');
    }
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    return parseCentralDirectory(cd, count, cdOffset);
  } finally {
    await fh.close();
  }
}

function parseCentralDirectory(cd: Buffer, count: number, cdOffset: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new XlsxFileError('zip 目录已损坏');
    const nameLength = cd.readUInt16LE(p + 28);
    const skip = nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    entries.push({
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      offset: cd.readUInt32LE(p + 42),
      end: cdOffset,
    });
    p += 46 + skip;
  }
  // A record runs up to the next record (its data descriptor included), the last one up to the directory.
  const byOffset = entries.slice().sort((a, b) => a.offset - b.offset);
  for (let i = 0; i + 1 < byOffset.length; i++) byOffset[i].end = byOffset[i + 1].offset;
  for (const e of entries) if (e.end < e.offset || e.offset + 30 > e.end) throw new XlsxFileError('zip 目录已损坏');
  return entries;
}

/** The raw bytes of the entries, in the order given, then an end record: a zip stream exceljs can read. */
export function reorderedZip(path: string, parts: Array<ZipEntry | Buffer>): { stream: Readable; bytes: number } {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  const bytes = parts.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.end - p.offset), end.length);
  async function* chunks() {
    for (const part of parts) {
      if (Buffer.isBuffer(part)) yield part;
      else if (part.end > part.offset) yield* createReadStream(path, { start: part.offset, end: part.end - 1 });
    }
    yield end;
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), bytes };
}

/** A stored zip record holding `content`: the empty shared strings of a workbook that has none. */
export function storedRecord(name: string, content: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // UTF-8 name
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt32LE(crc32(content), 14);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, content]);
}

export interface XmlScanLimits {
  /** Most bytes of XML, inflated. */
  maxBytes: number;
  /** Longest stretch without a '<': the longest text or attribute the XML parser would gather in one piece. */
  maxToken: number;
}

/**
 * Inflates an entry once, without keeping it, to check it before the reader does: its size and
 * its longest piece of text. exceljs gathers each text node and each shared string whole, so a
 * zip bomb there (a few kilobytes that inflate to gigabytes) is refused before it is parsed.
 */
export async function scanXmlEntry(path: string, entry: ZipEntry, limits: XmlScanLimits): Promise<'size' | 'token' | undefined> {
  const dataStart = await dataOffset(path, entry);
  if (entry.method !== 0 && entry.method !== 8) throw new XlsxFileError('zip 压缩方式不受支持');
  const raw = createReadStream(path, { start: dataStart, end: Math.max(dataStart, entry.end) - 1 });
  const inflate = entry.method === 8 ? createInflateRaw() : undefined;
  // A read error of the file ends the inflate too (pipe alone would leave it waiting).
  raw.on('error', (e) => inflate?.destroy(e));
  const source = (inflate ? raw.pipe(inflate) : raw) as AsyncIterable<Buffer>;
  // A stored entry's range may end in a data descriptor: only its own bytes are XML.
  let left = entry.method === 0 ? entry.compressedSize : Infinity;
  let total = 0;
  let run = 0;
  try {
    for await (const piece of source) {
      const chunk = piece.length > left ? piece.subarray(0, left) : piece;
      left -= chunk.length;
      total += chunk.length;
      if (total > limits.maxBytes) return 'size';
      run = longestRun(chunk, run, limits.maxToken);
      if (run > limits.maxToken) return 'token';
      if (left === 0) break;
    }
  } catch (e) {
    // Bytes past the deflate stream (a data descriptor) end it; anything else is a broken file.
    if ((e as { code?: string }).code !== 'Z_DATA_ERROR' || total === 0) throw new XlsxFileError('zip 数据已损坏');
  } finally {
    raw.destroy();
    inflate?.destroy();
  }
  return undefined;
}

/** The stretch without '<' still open at the chunk's end, or more than `max` as soon as one is that long. */
function longestRun(chunk: Buffer, open: number, max: number): number {
  let run = open;
  for (let i = 0; i < chunk.length; i++) {
    if (chunk[i] === 0x3c) run = 0;
    else if (++run > max) return run;
  }
  return run;
}

async function dataOffset(path: string, entry: ZipEntry): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const local = Buffer.alloc(30);
    await fh.read(local, 0, 30, entry.offset);
    if (local.readUInt32LE(0) !== LOCAL) throw new XlsxFileError('zip 文件已损坏');
    return entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await fh.close();
  }
}
