import { CsvError, parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { CsvReadError, readCsvRecords } from './csv-records';

type Read = { records: Array<[number, string[]]>; error?: CsvReadError };

async function read(input: string | Buffer | Readable, maxBytes = 1 << 20): Promise<Read> {
  const records: Array<[number, string[]]> = [];
  const error = await readCsvRecords(input, maxBytes, (cells, line) => {
    records.push([line, cells]);
    return true;
  });
  return error ? { records, error } : { records };
}

/**
 * What csv-parse reads from the whole file (the parser used before the fast path),
 * with each record's first line: csv-parse counts lines up to a record's end.
 */
function reference(text: string): Read {
  const records: Array<[number, string[]]> = [];
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], { lines }) => {
        const breaks = record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        records.push([lines - breaks, record]);
        return null;
      },
    });
    return { records };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const column = typeof e.column === 'number' ? e.column : undefined;
    return { records, error: { code: e.code, line: e.lines as number, ...(column === undefined ? {} : { column }) } };
  }
}

/** The same bytes cut at the given offsets, to cross chunk boundaries anywhere (inside a CRLF or a character). */
function chunked(text: string, cuts: number[]): Readable {
  const bytes = Buffer.from(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts = [0, ...at, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
  return Readable.from(parts.filter((p) => p.length > 0));
}

const field = fc.oneof(
  fc.constantFrom('S1', '113.29', '0.2', '砷', 'mg/kg', 'ND', '', ' '),
  fc.string({ unit: fc.constantFrom('a', '1', ' ', '砷', ',', '"', '\n'), maxLength: 6 }),
);
const quoteIfNeeded = (f: string, always: boolean) => (always || /[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
const validLine = fc
  .tuple(fc.array(fc.tuple(field, fc.boolean()), { minLength: 1, maxLength: 9 }))
  .map(([fs]) => fs.map(([f, q]) => quoteIfNeeded(f, q)).join(','));
const validFile = fc
  .tuple(fc.array(fc.oneof(validLine, validLine, fc.constant('')), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, lastEol]) => (bom ? '\uFEFF' : '') + lines.join(eol) + (lastEol ? eol : ''));

describe('readCsvRecords', () => {
  it('reads mixed quoted and unquoted lines as csv-parse does, with the same first lines, however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(validFile, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const expected = reference(text);
        expect(await read(text)).toEqual(expected);
        expect(await read(chunked(text, cuts))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('stops at broken quoting with the code, line and field csv-parse gives, after the same records', async () => {
    const anyText = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', '砷'), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const expected = reference(text);
        const actual = await read(text);
        expect(actual.records).toEqual(expected.records);
        if (expected.error?.code === 'CSV_QUOTE_NOT_CLOSED') {
          // csv-parse names the last line; the line where the open quote starts is the useful one.
          expect(actual.error?.code).toBe('CSV_QUOTE_NOT_CLOSED');
        } else {
          expect(actual.error).toEqual(expected.error);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('names the line where an unclosed quote opens, not the line after the previous record', async () => {
    const { records, error } = await read('h\na\n\n\nb,"c\nd\n');
    expect(records).toEqual([
      [1, ['h']],
      [2, ['a']],
    ]);
    expect(error).toEqual({ code: 'CSV_QUOTE_NOT_CLOSED', line: 5, column: 1 });
  });

  it('counts a CRLF inside a quoted field as one line, as an editor shows it', async () => {
    const { records } = await read('h\r\n"a\r\nb",c\r\nd\r\n');
    expect(records).toEqual([
      [1, ['h']],
      [2, ['a\r\nb', 'c']],
      [4, ['d']],
    ]);
  });

  it('reads files whose lines end in CR alone, and UTF-16LE files with a BOM', async () => {
    expect((await read('h\rx,"y"\r')).records).toEqual([
      [1, ['h']],
      [2, ['x', 'y']],
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('h,砷\n1,2\n', 'utf16le')]);
    expect((await read(utf16)).records).toEqual([
      [1, ['h', '砷']],
      [2, ['1', '2']],
    ]);
  });

  it('stops at a line or a quoted record longer than the limit, at the line where it passes it', async () => {
    expect(await read(`h\n${'a'.repeat(101)}\nb\n`, 100)).toEqual({ records: [[1, ['h']]], error: { code: 'CSV_MAX_RECORD_SIZE', line: 2 } });
    const quoted = `h\n"${'a'.repeat(60)}\n${'b'.repeat(60)}",c\nd\n`;
    expect(await read(quoted, 100)).toEqual({ records: [[1, ['h']]], error: { code: 'CSV_MAX_RECORD_SIZE', line: 3 } });
    expect((await read(quoted, 200)).records).toHaveLength(3);
  });

  it('reports broken quoting in a record that runs past the limit rather than its length', async () => {
    const text = `h\nS1,1"2,c\n${'b'.repeat(60)}\n${'b'.repeat(60)}\n`;
    expect((await read(text, 100)).error).toEqual({ code: 'INVALID_OPENING_QUOTE', line: 2, column: 1 });
    expect((await read(chunked(text, [15, 16, 17, 80, 81]), 100)).error).toEqual({ code: 'INVALID_OPENING_QUOTE', line: 2, column: 1 });
  });

  it('stops reading when the handler says so', async () => {
    let seen = 0;
    await readCsvRecords('a\nb\nc\n', 100, () => ++seen < 2);
    expect(seen).toBe(2);
  });
});
