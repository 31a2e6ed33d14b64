import { type FilingRecord, documentTitle } from './filing-record';
import { formatMeasure } from './format';
import { ALL_KINDS, filingFixture, variantFixtures, withDigest } from './fixtures';
import { pdfFonts, pdfPages, popplerOrSkip, sha256, squeeze } from './pdf-tools';
import { renderFiling, templateFor } from './render';

const poppler = popplerOrSkip();
const describePdf = poppler ? describe : describe.skip;

const RECORDS: FilingRecord[] = [...ALL_KINDS.map((kind) => filingFixture(kind)), ...variantFixtures()];
const label = (r: FilingRecord) => `${r.kind} ${documentTitle(r)}`;

// A plot code every record prints: its own plot's, or for the annual report one of its rows.
function plotCodeOf(record: FilingRecord): string {
  if (record.kind === 'D18') return record.details.unit.creditCode;
  if (record.kind === 'D19') return record.details.points[0].code;
  return record.kind === 'D14' ? record.details.entered[0].plotCode : record.plot.code;
}

describe('templateFor', () => {
  it.each(ALL_KINDS)('has a template for %s', (kind) => {
    expect(typeof templateFor(kind)).toBe('function');
  });

  it('gives every kind and variant its own title', () => {
    const titles = RECORDS.map(documentTitle);
    expect(new Set(titles).size).toBe(RECORDS.length);
  });
});

describePdf('renderFiling: the filing read back with pdftotext', () => {
  const rendered = new Map<FilingRecord, string>();
  beforeAll(async () => {
    for (const record of RECORDS) rendered.set(record, squeeze(pdfPages(await renderFiling(record)).join('\n')));
  });

  it.each(RECORDS.map((r) => [label(r), r] as const))('%s prints title, number, plot, decision and digest', (_, record) => {
    const text = rendered.get(record)!;
    expect(text).toContain(squeeze(documentTitle(record)));
    expect(text).toContain(squeeze(record.number));
    expect(text).toContain(plotCodeOf(record));
    expect(text).toContain(squeeze(record.decision.text));
    expect(text).toContain(`SHA-256:${record.digest}`);
    expect(text).toContain(squeeze(record.issuer.name));
  });

  it('D10 is addressed to the bureau of origin and the bureau of destination', () => {
    const record = filingFixture('D10');
    const text = rendered.get(RECORDS.find((r) => r.id === record.id)!)!;
    expect(record.addressees).toHaveLength(2);
    expect(text).toContain(squeeze(`主送：${record.addressees.join('、')}`));
    expect(text).toContain(record.details.transport.destinationJurisdiction.code);
  });

  it('D3 prints the screening table of every analyte', () => {
    const record = filingFixture('D3');
    const text = rendered.get(RECORDS.find((r) => r.id === record.id)!)!;
    // a wrapped cell interleaves with its neighbours in -layout text: match the one-line cells
    for (const a of record.details.screening.analytes) {
      expect(text).toContain(`${a.cas}${formatMeasure(a.max)}${formatMeasure(a.screeningValue)}`);
    }
  });

  it('prints the legal basis (依据) from the record', () => {
    const record = RECORDS[0];
    expect(rendered.get(record)).toContain(squeeze(record.legalBasis[0]));
  });

  it('embeds only subsets of Noto Sans SC', async () => {
    const fonts = pdfFonts(await renderFiling(filingFixture('D9')));
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    expect(fonts.every((f) => f.embedded && f.subset)).toBe(true);
  });
});

describe('renderFiling: determinism', () => {
  it.each(RECORDS.map((r) => [label(r), r] as const))('%s renders the same bytes twice', async (_, record) => {
    expect(sha256(await renderFiling(record))).toBe(sha256(await renderFiling(record)));
  });

  it('gives the same bytes after other filings were rendered with the shared font', async () => {
    const record = filingFixture('D2');
    const first = sha256(await renderFiling(record));
    await renderFiling(filingFixture('D14'));
    await renderFiling(filingFixture('D3'));
    expect(sha256(await renderFiling(record))).toBe(first);
  });

  it('gives the same bytes whether the font is parsed once or per document', async () => {
    const record = filingFixture('D10');
    expect(sha256(await renderFiling(record, { fonts: 'cjk-bytes' }))).toBe(sha256(await renderFiling(record)));
  });

  it('writes the record id as the file /ID and the issue instant as the creation date', async () => {
    const record = filingFixture('D5');
    const pdf = (await renderFiling(record)).toString('latin1');
    const hex = record.id.replace(/-/g, '');
    expect(pdf).toContain(`/ID [<${hex}> <${hex}>]`);
    // CreationDate and ModDate, each an indirect string object
    expect(pdf.match(/\(D:20260901020000Z\)/g)).toHaveLength(2);
  });

  it('changes the bytes when the record changes', async () => {
    const record = filingFixture('D8');
    const changed = withDigest({ ...record, decision: { ...record.decision, text: '不予备案' } });
    expect(sha256(await renderFiling(changed))).not.toBe(sha256(await renderFiling(record)));
  });
});
