import { pdfDocument } from '../src/common/lazy-libraries';
import { drawSuspectedRegistration } from './d01-suspected-registration';
import { drawInvestigationNotice } from './d02-investigation-notice';
import { drawInvestigationReceipt } from './d03-investigation-receipt';
import { drawReviewOpinion } from './d04-review-opinion';
import { drawRiskAssessmentReceipt } from './d05-risk-assessment-receipt';
import { drawRegisterNotice } from './d06-register-notice';
import { drawRiskControlReceipt } from './d07-risk-control-receipt';
import { drawRemediationPlanReceipt } from './d08-remediation-plan-receipt';
import { drawWorksNoticeBoard } from './d09-works-notice-board';
import { drawSoilTransportReport } from './d10-soil-transport-report';
import { drawEffectEvaluationReceipt } from './d11-effect-evaluation-receipt';
import { drawRegisterRemoval } from './d12-register-removal';
import { drawAnnualReport } from './d14-annual-report';
import { drawPartiesChange } from './d15-parties-change';
import { drawReopeningNotice } from './d16-reopening-notice';
import { drawAftercareOrControlZone } from './d17-aftercare-control-zone';
import { drawDemolitionPlanReceipt } from './d18-demolition-plan-receipt';
import { drawMonitoringCampaign } from './d19-monitoring-campaign';
import { type DocumentKind, type FilingRecord, type FilingRecordOf, documentTitle } from './filing-record';
import { FONT, registerCjkFonts } from './fonts';
import { PAGE_MARGINS, PAGE_SIZE, drawFooters } from './parts';
import { largestFitting, scaleBody, unscaleBody } from './parts/fit';

export type Template<K extends DocumentKind> = (doc: PDFKit.PDFDocument, record: FilingRecordOf<K>) => void;

const TEMPLATES: { [K in DocumentKind]: Template<K> } = {
  D1: drawSuspectedRegistration,
  D2: drawInvestigationNotice,
  D3: drawInvestigationReceipt,
  D4: drawReviewOpinion,
  D5: drawRiskAssessmentReceipt,
  D6: drawRegisterNotice,
  D7: drawRiskControlReceipt,
  D8: drawRemediationPlanReceipt,
  D9: drawWorksNoticeBoard,
  D10: drawSoilTransportReport,
  D11: drawEffectEvaluationReceipt,
  D12: drawRegisterRemoval,
  D14: drawAnnualReport,
  D15: drawPartiesChange,
  D16: drawReopeningNotice,
  D17: drawAftercareOrControlZone,
  D18: drawDemolitionPlanReceipt,
  D19: drawMonitoringCampaign,
};

export function templateFor<K extends DocumentKind>(kind: K): Template<K> {
  return TEMPLATES[kind];
}

// 'cjk': Noto Sans SC parsed once per process (the default);
// 'cjk-bytes': the same font handed to pdfkit as bytes, parsed per document;
// 'builtin': Helvetica, for measuring the cost of the CJK font only.
export type FontMode = 'cjk' | 'cjk-bytes' | 'builtin';

export interface RenderOptions {
  fonts?: FontMode;
  // 1 draws the body at full size; absent, the largest of FIT_SCALES that puts it on one page (see renderFiling)
  scale?: number;
}

// Fixed so that the same record always gives the same bytes.
export const PRODUCER = '污染地块全生命周期管理 filing templates';

function registerFonts(doc: PDFKit.PDFDocument, mode: FontMode): void {
  if (mode === 'builtin') {
    doc.registerFont(FONT.regular, 'Helvetica').registerFont(FONT.bold, 'Helvetica-Bold');
  } else {
    registerCjkFonts(doc, mode === 'cjk' ? 'parsed' : 'bytes');
  }
  doc.font(FONT.regular);
}

// The trailer /ID is the record's uuid (16 bytes). pdfkit would otherwise
// derive it from the info dictionary, which two filings can share.
function fileId(id: string): Uint8Array {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`filing id is not a uuid: ${id}`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function createFilingDocument(record: FilingRecord, options: RenderOptions = {}): PDFKit.PDFDocument {
  const at = new Date(record.issuedAt);
  const doc = new (pdfDocument())({
    size: PAGE_SIZE,
    margins: PAGE_MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${documentTitle(record)} ${record.number}`,
      Author: record.issuer.name,
      Subject: record.digest,
      Producer: PRODUCER,
      Creator: PRODUCER,
      CreationDate: at,
      ModDate: at,
    },
  });
  (doc as unknown as { _id: Uint8Array })._id = fileId(record.id);
  registerFonts(doc, options.fonts ?? 'cjk');
  return doc;
}

// A document with the body drawn at `scale` (its footers not yet), and how many pages the body took.
function bodyAt(record: FilingRecord, scale: number, options: RenderOptions): { doc: PDFKit.PDFDocument; pages: number } {
  const doc = createFilingDocument(record, options);
  scaleBody(doc, scale);
  (templateFor(record.kind) as Template<DocumentKind>)(doc, record as FilingRecordOf<DocumentKind>);
  return { doc, pages: doc.bufferedPageRange().count };
}

// Every page's footer, at full size, then the bytes.
function finish(doc: PDFKit.PDFDocument, record: FilingRecord): Promise<Buffer> {
  unscaleBody(doc);
  drawFooters(doc, record);
  const bytes = collect(doc);
  doc.end();
  return bytes;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * The PDF of a filing. Pure: the same record gives the same bytes. One page where the content fits: full size
 * when it does, else the largest of FIT_SCALES at which it does; a body of more than two pages at full size would
 * not fit at the smallest scale, so it is drawn once, at full size. A scale in `options` is drawn as given.
 */
export async function renderFiling(record: FilingRecord, options: RenderOptions = {}): Promise<Buffer> {
  if (options.scale !== undefined) return finish(bodyAt(record, options.scale, options).doc, record);
  const full = bodyAt(record, 1, options);
  if (full.pages !== 2) return finish(full.doc, record);
  // A trial that does not fit is dropped unfinished: nothing was read from it. Two trials at most (bench:pdf).
  const fitted = largestFitting((scale) => {
    const trial = bodyAt(record, scale, options);
    return trial.pages === 1 ? trial.doc : undefined;
  });
  return finish(fitted?.value ?? full.doc, record);
}
