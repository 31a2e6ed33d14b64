import type { AnalyteScreening, FilingRecordOf } from './filing-record';
import { ALL_KINDS, SAMPLE_ANALYTES, filingFixture, largeAnnualReport, variantFixtures, withDigest } from './fixtures';
import { pdfPages, popplerOrSkip, squeeze } from './pdf-tools';
import { renderFiling } from './render';

const describePdf = popplerOrSkip() ? describe : describe.skip;

function screeningWith(rows: number): FilingRecordOf<'D3'> {
  const base = filingFixture('D3');
  const analytes: AnalyteScreening[] = Array.from({ length: rows }, (_, i) => ({
    ...SAMPLE_ANALYTES[i % SAMPLE_ANALYTES.length],
    name: `测试污染物${i + 1}`,
    cas: `9${String(i).padStart(4, '0')}-00-0`,
  }));
  return withDigest({ ...base, details: { ...base.details, screening: { ...base.details.screening, analytes } } });
}

describePdf('tables that break across pages', () => {
  it('D3 with 120 analytes spans several pages and repeats the header row on each', async () => {
    const record = screeningWith(120);
    const pages = pdfPages(await renderFiling(record)).map(squeeze);
    const withRows = pages.filter((p) => /9\d{4}-00-0/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(3);
    for (const page of withRows) expect(page).toMatch(/污染物CAS号最大值筛选值管制值.*超标倍数/);
    // every row printed once, none lost at a page break
    const printed = pages.join('').match(/9\d{4}-00-0/g) ?? [];
    expect(new Set(printed).size).toBe(120);
  });

  it('D14 with 120 plots entered spans several pages with the header on each', async () => {
    const record = largeAnnualReport(120);
    const pages = pdfPages(await renderFiling(record)).map(squeeze);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const withEntered = pages.filter((p) => p.includes('风险评估结论为风险不可接受'));
    expect(withEntered.length).toBeGreaterThanOrEqual(3);
    for (const page of withEntered) expect(page).toContain('地块编码地块名称日期说明');
    for (const row of record.details.entered) expect(pages.join('')).toContain(`${row.plotCode}${row.plotName}`);
  });

  it('writes the footer on every page: number, 第 x 页 / 共 y 页 and the digest', async () => {
    const record = largeAnnualReport(120);
    const pages = pdfPages(await renderFiling(record)).map(squeeze);
    pages.forEach((page, i) => {
      expect(page).toContain(`第${i + 1}页/共${pages.length}页`);
      expect(page).toContain(squeeze(record.number));
      expect(page).toContain(`SHA-256:${record.digest}`);
    });
  });

  it('keeps the signature on the page of the legal basis', async () => {
    const record = largeAnnualReport(120);
    const pages = pdfPages(await renderFiling(record)).map(squeeze);
    const last = pages[pages.length - 1];
    expect(last).toContain(`签发人：${record.decision.by.name}`);
    expect(last).toContain('依据：');
  });

  it('never ends a page with a section heading (一、二、…)', async () => {
    const records = [...ALL_KINDS.map((k) => filingFixture(k)), ...variantFixtures(), largeAnnualReport(120), screeningWith(120)];
    for (const record of records) {
      const endings = pdfPages(await renderFiling(record)).map(lastBodyLine);
      expect({ number: record.number, orphans: endings.filter((l) => /^[一二三四五六七八九十]+、/.test(l)) })
        .toEqual({ number: record.number, orphans: [] });
    }
  });
});

// The last line above the footer (the footer's first line carries 第 x 页 / 共 y 页).
function lastBodyLine(page: string): string {
  const lines = page.split('\n').filter((l) => l.trim() !== '');
  const footer = lines.findIndex((l) => /第 \d+ 页 \/ 共 \d+ 页/.test(l));
  return (lines[footer - 1] ?? '').trim();
}
