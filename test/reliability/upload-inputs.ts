import fc from 'fast-check';
import { CSV_HEADER } from '../factories/files';
import { anyJson, nastyString } from './fuzz-inputs';

/** One multipart upload: `form()` builds a fresh body each time it is sent. */
export interface UploadCase {
  what: string;
  form(): FormData | string;
  /** Set only for bodies that are not multipart. */
  contentType?: string;
}

const KINDS = ['preliminary_investigation', 'detailed_investigation', 'risk_assessment', 'effect_evaluation', 'transport_receipt'];

interface Part {
  name: string;
  bytes: Buffer;
  filename: string;
  type: string;
}

function formOf(fields: Record<string, string>, files: Part[]): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append(f.name, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.filename);
  return form;
}

const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));

/** Sample files that are not what README, Evidence and screening asks for, or only nearly. */
function badCsv(): fc.Arbitrary<{ what: string; csv: Buffer }> {
  const cell = fc.oneof(nastyString.filter((s) => s.length < 200), fc.double().map(String), fc.constantFrom('砷', '7440-38-2', 'mg/kg', '-1', '', '"', '""', ',', '\n'));
  const row = fc.array(cell, { minLength: 0, maxLength: 12 }).map((cells) => cells.join(','));
  return fc.oneof(
    fc.array(row, { maxLength: 20 }).map((rows) => ({ what: 'CSV header + random rows', csv: Buffer.from([CSV_HEADER, ...rows].join('\n')) })),
    fc.array(row, { maxLength: 20 }).map((rows) => ({ what: 'random CSV, no header', csv: Buffer.from(rows.join('\r\n')) })),
    bytes(4000).map((b) => ({ what: 'random bytes as CSV', csv: b })),
    fc.integer({ min: 100_000, max: 3_000_000 }).map((n) => ({ what: `one CSV line of ${n} bytes`, csv: Buffer.from(`${CSV_HEADER}\nS1,113.3,34.8,0.5,砷,${'9'.repeat(n)},mg/kg,0.01\n`) })),
    fc.integer({ min: 1_000, max: 50_000 }).map((n) => ({ what: `${n} columns`, csv: Buffer.from(`${CSV_HEADER}${',x'.repeat(n)}\n${'1,'.repeat(n)}1\n`) })),
    fc.constantFrom(
      { what: 'BOM + header only', csv: Buffer.from(`\ufeff${CSV_HEADER}\n`) },
      { what: 'unbalanced quote', csv: Buffer.from(`${CSV_HEADER}\n"S1,113.3,34.8,0.5,砷,85,mg/kg,0.01\n`) },
      { what: 'NUL bytes', csv: Buffer.from(`${CSV_HEADER}\nS1\u0000,113.3,34.8,0.5,砷\u0000,85,mg/kg,0.01\n`) },
      { what: 'GBK bytes', csv: Buffer.concat([Buffer.from(`${CSV_HEADER}\nS1,113.3,34.8,0.5,`), Buffer.from([0xc9, 0xe9]), Buffer.from(',85,mg/kg,0.01\n')]) },
      { what: 'empty file', csv: Buffer.alloc(0) },
      { what: 'header in another order', csv: Buffer.from('value,analyte,sample_id,x,y,depth_m,unit,detection_limit\n85,砷,S1,113.3,34.8,0.5,mg/kg,0.01\n') },
      { what: 'values out of range', csv: Buffer.from(`${CSV_HEADER}\nS1,999,-999,-5,砷,-85,g/kg,-1\nS2,NaN,Infinity,1e999,铅,1e999,mg/kg,\n`) },
      { what: 'a formula cell', csv: Buffer.from(`${CSV_HEADER}\n=CMD|' /C calc'!A0,113.3,34.8,0.5,砷,85,mg/kg,0.01\n`) },
    ),
  );
}

/** Upload cases: random and renamed files, valid PDFs with bad metadata or bad sample files, wrong envelopes. */
export function uploadFuzzCases(pdf: Buffer): fc.Arbitrary<UploadCase> {
  const kind = fc.oneof({ weight: 4, arbitrary: fc.constant('preliminary_investigation') }, { weight: 1, arbitrary: fc.constantFrom(...KINDS) }, { weight: 1, arbitrary: nastyString.filter((s) => s.length < 1000) });
  const conclusion = fc.oneof(
    { weight: 4, arbitrary: fc.constant('{}') },
    { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: nastyString.filter((s) => s.length < 100_000) },
    { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"polluted":"yes"}}', '{"riskAcceptable":"no"}', '{"targetsAchieved":true,"permittedLandClass":3}', '[[[[[[[[[[]]]]]]]]]]') },
  );
  const pdfPart = (filename = 'report.pdf'): Part => ({ name: 'file', bytes: pdf, filename, type: 'application/pdf' });
  return fc.oneof(
    fc.tuple(bytes(20_000), kind).map(([b, k]) => ({ what: `random bytes named .pdf (${b.length} B)`, form: () => formOf({ kind: k, conclusion: '{}' }, [{ name: 'file', bytes: b, filename: 'x.pdf', type: 'application/pdf' }]) })),
    fc.tuple(fc.string({ maxLength: 2000 }), kind).map(([text, k]) => ({ what: 'a text file renamed .pdf', form: () => formOf({ kind: k, conclusion: '{}' }, [{ name: 'file', bytes: Buffer.from(text), filename: 'report.pdf', type: 'application/pdf' }]) })),
    fc.integer({ min: 0, max: pdf.length - 1 }).map((n) => ({ what: `a PDF cut at ${n} bytes`, form: () => formOf({ kind: 'preliminary_investigation', conclusion: '{}' }, [{ ...pdfPart(), bytes: pdf.subarray(0, n) }]) })),
    fc.tuple(kind, conclusion).map(([k, c]) => ({ what: `a valid PDF, kind ${JSON.stringify(k).slice(0, 40)}, conclusion ${c.slice(0, 40)}`, form: () => formOf({ kind: k, conclusion: c }, [pdfPart()]) })),
    fc.tuple(badCsv(), kind).map(([s, k]) => ({
      what: `a valid PDF with samples: ${s.what}`,
      form: () => formOf({ kind: k, conclusion: '{}' }, [pdfPart(), { name: 'samples', bytes: s.csv, filename: 'samples.csv', type: 'text/csv' }]),
    })),
    fc.constantFrom<UploadCase>(
      { what: 'no file', form: () => formOf({ kind: 'preliminary_investigation', conclusion: '{}' }, []) },
      { what: 'an unexpected file field', form: () => formOf({ kind: 'preliminary_investigation' }, [pdfPart(), { ...pdfPart(), name: 'other' }]) },
      { what: 'two files in one field', form: () => formOf({ kind: 'preliminary_investigation' }, [pdfPart(), pdfPart('b.pdf')]) },
      { what: 'a file name with a path and control characters', form: () => formOf({ kind: 'preliminary_investigation' }, [pdfPart('../../\u0001evil\u202e.pdf')]) },
      { what: 'JSON instead of multipart', form: () => '{"kind":"preliminary_investigation"}', contentType: 'application/json' },
      { what: 'a multipart body without its boundary', form: () => '--x\r\n\r\n', contentType: 'multipart/form-data' },
      { what: 'a truncated multipart body', form: () => '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4', contentType: 'multipart/form-data; boundary=x' },
    ),
  );
}
