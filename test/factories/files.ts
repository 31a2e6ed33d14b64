import PDFDocument from 'pdfkit';
import { loadScreeningTable } from '../../src/evidence/gb36600';

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
  /** 介质; when any row names one, the file gets a medium column (soil when blank). */
  medium?: 'soil' | 'groundwater';
  /** Default mg/kg for soil, mg/L for groundwater. */
  unit?: string;
}

export const CSV_HEADER = 'sample_id,x,y,depth_m,analyte,value,unit,detection_limit';

/** A CSV cell, quoted when it holds a comma or a quote (names such as 1,1-二氯乙烷). */
function csvCell(v: unknown): string {
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** An EDD sample file in the header of README, Evidence and screening (with a medium column when a row names one). */
export function samplesCsv(rows: SampleSpec[]): string {
  const withMedium = rows.some((r) => r.medium !== undefined);
  const lines = rows.map((r, i) => {
    const water = r.medium === 'groundwater';
    const cells = [
      r.sample ?? `S${i + 1}`, 113.3 + i * 0.0001, 34.8, r.depth ?? 0.5, r.analyte, r.value,
      r.unit ?? (water ? 'mg/L' : 'mg/kg'), r.detectionLimit ?? (water ? 0.0001 : 0.01),
    ];
    return (withMedium ? [...cells, r.medium ?? ''] : cells).map(csvCell).join(',');
  });
  return [withMedium ? `${CSV_HEADER},medium` : CSV_HEADER, ...lines].join('\n') + '\n';
}

// The 45 basic items of GB 36600-2018 Table 1, by Chinese name.
const BASIC_ITEMS = loadScreeningTable().items.filter((i) => i.basic);

/**
 * A preliminary investigation's sample set with every required item (GB 36600-2018 Table 1, the 45
 * basic items): the results given, and every other basic item not detected (ND), in sample `sample`.
 */
export function withEveryBasicItem(rows: SampleSpec[], sample = 'S-ALL'): SampleSpec[] {
  const standard = loadScreeningTable();
  const given = new Set(rows.map((r) => standard.find(r.analyte)?.cas));
  const rest = BASIC_ITEMS.filter((i) => !given.has(i.cas)).map((i) => ({ sample, analyte: i.nameZh, value: 'ND' }));
  return [...rows, ...rest];
}
