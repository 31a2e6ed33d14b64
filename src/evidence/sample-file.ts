import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parseSampleCsv, type SampleCsvOptions } from './sample-csv';
import type { SampleCsvResult } from './sample-import';
import type { AnalyteFinder } from './sample-row';
import { isXlsxHead, parseSampleXlsx, type SampleXlsxOptions } from './sample-xlsx';

export type SampleFileFormat = 'csv' | 'xlsx';

/** By content, never by name: an .xlsx is a zip (PK\x03\x04); anything else is read as CSV text. */
export async function sampleFileFormat(path: string): Promise<SampleFileFormat> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return isXlsxHead(head.subarray(0, bytesRead)) ? 'xlsx' : 'csv';
  } finally {
    await fh.close();
  }
}

/**
 * Reads a staged sample file, CSV or .xlsx, as a stream from disk, and validates every row
 * (sample-import.ts); progress carries how much of the file has been read.
 */
export async function parseSampleFile(
  path: string,
  analytes: AnalyteFinder,
  opts: SampleCsvOptions & SampleXlsxOptions = {},
  format?: SampleFileFormat,
): Promise<SampleCsvResult> {
  if ((format ?? (await sampleFileFormat(path))) === 'xlsx') return parseSampleXlsx(path, analytes, opts);
  const { size } = await stat(path);
  let read = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const stream = createReadStream(path).on('error', (e) => counted.destroy(e)).pipe(counted);
  const onProgress = opts.onProgress;
  return parseSampleCsv(stream, analytes, {
    ...opts,
    onProgress: onProgress && ((rows) => onProgress(rows, size === 0 ? 1 : Math.min(1, read / size))),
  });
}
