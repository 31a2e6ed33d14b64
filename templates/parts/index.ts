export { type Column, type DataTableOptions, dataTable } from './data-table';
export { copyToBlock } from './copy-to';
export { decisionBlock, legalBasisBlock, note, reportsTable } from './decision';
export { type Fact, type FactTableOptions, factTable } from './fact-table';
export { type FooterFacts, drawFooters } from './footer';
export { addresseeLine, letterhead, titleBlock } from './letterhead';
export {
  COLOR, LINE_GAP, PAGE_MARGINS, PAGE_SIZE, SIZE,
  bodyFont, boldFont, contentLeft, contentWidth, ensureSpace, line, paragraph, sectionHeadings,
} from './page';
export { drawQrCode } from './qr';
export { signatoryLines, signatureBlock } from './signature';
export { type ClosingOptions, closing, opening, plotFactTable, plotFacts } from './standard';
