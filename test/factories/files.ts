import PDFDocument from 'pdfkit';

/** A small, valid PDF made on the spot (built-in font; the content is ASCII). */
export function makePdf(title = 'Investigation report'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(title);
    doc.fontSize(11).text('Sampling, analysis and conclusions.');
    doc.end();
  });
}

export interface SampleSpec {
  sample?: string;
  analyte: string;
  value: number | string;
  depth?: number;
  detectionLimit?: number;
}

export const CSV_HEADER = 'sample_id,x,y,depth_m,analyte,value,unit,detection_limit';

/** An EDD sample file in the header of README, Evidence and screening. */
export function samplesCsv(rows: SampleSpec[]): string {
  const lines = rows.map((r, i) =>
    [r.sample ?? `S${i + 1}`, 113.3 + i * 0.0001, 34.8, r.depth ?? 0.5, r.analyte, r.value, 'mg/kg', r.detectionLimit ?? 0.01].join(','),
  );
  return [CSV_HEADER, ...lines].join('\n') + '\n';
}
