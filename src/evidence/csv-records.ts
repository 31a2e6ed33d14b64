import { CsvError, parse as parseQuotedRecord } from 'csv-parse/sync';
import { StringDecoder } from 'node:string_decoder';

/** Why reading stopped before the end: a record too long, or broken quoting (csv-parse's error code). */
export interface CsvReadError {
  code: string;
  /** Physical line, the first line of the input being 1. */
  line: number;
  /** Index of the field where csv-parse found the error. */
  column?: number;
}

/** Receives each record with the physical line it starts on; returns false to stop reading. */
export type CsvRecordHandler = (cells: string[], line: number) => boolean;

/**
 * Reads comma-separated records in order. A line without a double quote is split
 * on commas directly (nearly every line of a laboratory export); a record with
 * quotes, which may span lines, is handed whole to csv-parse, so quoting keeps
 * csv-parse's rules and errors. Line breaks are LF or CRLF (CR alone when the
 * first line ends so); empty lines are skipped. A UTF-8 or UTF-16LE BOM is
 * honoured, as csv-parse's `bom` option does. Memory stays within a few records:
 * a line or record longer than maxBytes stops reading as soon as it passes the
 * limit. Returns the error that stopped reading, if any; errors of the source
 * stream are thrown.
 */
export async function readCsvRecords(
  input: NodeJS.ReadableStream | Buffer | string,
  maxBytes: number,
  onRecord: CsvRecordHandler,
): Promise<CsvReadError | undefined> {
  const reader = new CsvRecordReader(maxBytes, onRecord);
  for await (const text of decodeText(input)) {
    if (!reader.write(text)) return reader.error;
  }
  reader.end();
  return reader.error;
}

async function* decodeText(input: NodeJS.ReadableStream | Buffer | string): AsyncGenerator<string> {
  if (typeof input === 'string') {
    yield input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    return;
  }
  let head = Buffer.alloc(0);
  let decoder: StringDecoder | undefined;
  for await (const chunk of Buffer.isBuffer(input) ? [input] : input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (decoder) {
      yield decoder.write(bytes);
      continue;
    }
    // The BOM decides the encoding; wait for its three bytes.
    head = Buffer.concat([head, bytes]);
    if (head.length < 3) continue;
    decoder = decoderFor(head);
    yield decoder.write(head.subarray(bomLength(head)));
  }
  if (!decoder) {
    decoder = decoderFor(head);
    yield decoder.write(head.subarray(bomLength(head)));
  }
  yield decoder.end();
}

const isUtf16Bom = (b: Buffer) => b[0] === 0xff && b[1] === 0xfe;
const isUtf8Bom = (b: Buffer) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

function decoderFor(head: Buffer): StringDecoder {
  return new StringDecoder(isUtf16Bom(head) ? 'utf16le' : 'utf8');
}

function bomLength(head: Buffer): number {
  return isUtf16Bom(head) ? 2 : isUtf8Bom(head) ? 3 : 0;
}

/** A record with quotes whose quotes are not yet balanced: it goes on on the next line. */
interface OpenRecord {
  text: string;
  line: number;
  quotes: number;
  bytes: number;
}

class CsvRecordReader {
  error: CsvReadError | undefined;
  private pending = '';
  private nextLine = 1;
  private lineBreak: '\n' | '\r' | undefined;
  private open: OpenRecord | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly onRecord: CsvRecordHandler,
  ) {}

  /** Returns false when reading should stop. */
  write(chunk: string): boolean {
    const text = this.pending + chunk;
    this.pending = '';
    const lineBreak = this.lineBreak ?? (this.lineBreak = detectLineBreak(text));
    if (!lineBreak) return this.keep(text);
    let start = 0;
    for (let end = text.indexOf(lineBreak, start); end !== -1; end = text.indexOf(lineBreak, start)) {
      if (!this.line(text.slice(start, end))) return false;
      start = end + 1;
    }
    return this.keep(text.slice(start));
  }

  end(): void {
    if (this.pending !== '' && !this.line(this.pending)) return;
    if (this.open) this.closeOpenRecord();
  }

  /** Holds the start of a line until its end arrives, unless it is already too long. */
  private keep(rest: string): boolean {
    this.pending = rest;
    const room = this.maxBytes - (this.open?.bytes ?? 0);
    if (byteLength(rest, room) <= room) return true;
    return this.open ? this.tooLongOpenRecord(this.nextLine) : this.fail('CSV_MAX_RECORD_SIZE', this.nextLine);
  }

  private line(raw: string): boolean {
    const line = this.nextLine++;
    if (this.open) return this.continueOpenRecord(raw, line);
    // In a CRLF file the CR ends up at the end of the line (csv-parse also drops it there).
    const text = this.lineBreak === '\n' && raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text === '') return true;
    if (byteLength(text, this.maxBytes) > this.maxBytes) return this.fail('CSV_MAX_RECORD_SIZE', line);
    if (!text.includes('"')) return this.onRecord(text.split(','), line);
    this.open = { text: '', line, quotes: 0, bytes: 0 };
    return this.continueOpenRecord(raw, line);
  }

  private continueOpenRecord(raw: string, line: number): boolean {
    const open = this.open!;
    if (line > open.line) open.text += this.lineBreak;
    open.text += raw;
    open.quotes += countQuotes(raw);
    open.bytes += Buffer.byteLength(raw) + 1;
    if (open.bytes > this.maxBytes) return this.tooLongOpenRecord(line);
    // Balanced quotes at a line end close the record: inside valid quoting every "" comes in pairs.
    return open.quotes % 2 === 0 ? this.closeOpenRecord() : true;
  }

  private closeOpenRecord(): boolean {
    const { text, line } = this.open!;
    this.open = undefined;
    const record = this.lineBreak === '\n' && text.endsWith('\r') ? text.slice(0, -1) : text;
    const parsed = parseQuoted(record, this.maxBytes);
    if (!Array.isArray(parsed)) {
      // An unclosed quote opened on the record's first line: its later lines only ran on.
      return this.fail(parsed.code, parsed.code === 'CSV_QUOTE_NOT_CLOSED' ? line : line + parsed.line - 1, parsed.column);
    }
    return parsed.every((cells) => this.onRecord(cells, line));
  }

  /** A quoted record past the limit: report its own quoting error if it has one, else its length. */
  private tooLongOpenRecord(line: number): boolean {
    const open = this.open!;
    this.open = undefined;
    const parsed = parseQuoted(open.text, this.maxBytes);
    if (!Array.isArray(parsed) && parsed.code !== 'CSV_QUOTE_NOT_CLOSED' && parsed.code !== 'CSV_MAX_RECORD_SIZE') {
      return this.fail(parsed.code, open.line + parsed.line - 1, parsed.column);
    }
    return this.fail('CSV_MAX_RECORD_SIZE', line);
  }

  private fail(code: string, line: number, column?: number): false {
    this.error = { code, line, ...(column === undefined ? {} : { column }) };
    return false;
  }
}

/** csv-parse on one record; lines in its error count from the record's first line. */
function parseQuoted(text: string, maxBytes: number): string[][] | CsvReadError {
  try {
    return parseQuotedRecord(text, { relax_column_count: true, skip_empty_lines: true, max_record_size: maxBytes });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { code: e.code, line: typeof e.lines === 'number' && e.lines > 0 ? e.lines : 1, column: e.column as number | undefined };
  }
}

/** The first line break decides, as csv-parse's auto-detection does: CRLF and LF split on LF, a lone CR on CR. */
function detectLineBreak(text: string): '\n' | '\r' | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf === -1 ? undefined : '\n';
  if (cr + 1 === text.length) return undefined; // the next chunk tells CR from CRLF
  return text[cr + 1] === '\n' ? '\n' : '\r';
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** UTF-8 length where it may pass the limit; below that the UTF-16 length will do (a code unit is 1–3 bytes). */
function byteLength(s: string, limit: number): number {
  return s.length * 3 <= limit ? s.length : Buffer.byteLength(s);
}
