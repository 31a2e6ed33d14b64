import type { FilingRecord, FilingRecordOf } from './filing-record';
import { ALL_KINDS, ORG, filingFixture, largeAnnualReport, partTwoFixtures, variantFixtures, withDigest } from './fixtures';
import { opinionLines } from './d04-review-opinion';
import { FIT_SCALES } from './parts/fit';
import { pdfPages, popplerOrSkip, sha256, squeeze } from './pdf-tools';
import { renderFiling } from './render';

const describePdf = popplerOrSkip() ? describe : describe.skip;

const demo = (): FilingRecord[] => [
  ...ALL_KINDS.map((k) => filingFixture(k)), filingFixture('D18'), ...variantFixtures(), ...Object.values(partTwoFixtures()),
];

// The demo documents whose content fits one sheet (checked by eye at 60 dpi when this was written).
const ONE_PAGE = ['D1', 'D2', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D11', 'D12', 'D17', 'D18'] as const;

// Body text of a page: what stands above the footer (whose first line is 第 x 页 / 共 y 页).
function body(page: string): string {
  const lines = page.split('\n');
  const footer = lines.findIndex((l) => /第 \d+ 页 \/ 共 \d+ 页/.test(l));
  return lines.slice(0, footer < 0 ? lines.length : footer).join('\n');
}

// Where the closing block (依据, remark, 签发人 and seal) begins on a page, in squeezed text.
function closingStart(text: string): number {
  const marks = ['依据：', '签发人：', '填报单位：', '报送单位：', '录入人：'].map((m) => text.indexOf(m)).filter((i) => i >= 0);
  return marks.length ? Math.min(...marks) : -1;
}

describePdf('filing PDFs that fit their page (GB/T 9704-2012 党政机关公文格式 habits; issue 22 point 10)', () => {
  it.each(ONE_PAGE)('%s of the demo fixtures stands on one page', async (kind) => {
    const pages = pdfPages(await renderFiling(filingFixture(kind)));
    expect(pages).toHaveLength(1);
    expect(squeeze(pages[0])).toContain('第1页/共1页');
  });

  it('every demo document that fits one page at the smallest scale is printed on one page', async () => {
    const smallest = FIT_SCALES[FIT_SCALES.length - 1];
    for (const record of demo()) {
      const fits = pdfPages(await renderFiling(record, { scale: smallest })).length === 1;
      const pages = pdfPages(await renderFiling(record)).length;
      expect({ number: record.number, pages: fits ? pages : 1 }).toEqual({ number: record.number, pages: 1 });
    }
  });

  it('a long document that cannot fit one page keeps its full size: the same bytes as at scale 1', async () => {
    const record = largeAnnualReport(40);
    expect(pdfPages(await renderFiling(record)).length).toBeGreaterThan(1);
    expect(sha256(await renderFiling(record))).toBe(sha256(await renderFiling(record, { scale: 1 })));
  });

  it('fitting is reproducible: the same record gives the same SHA-256', async () => {
    const record = filingFixture('D4');
    expect(sha256(await renderFiling(record))).toBe(sha256(await renderFiling(record)));
  });

  it('GB/T 9704: the signature and seal never stand alone on a page; the last part of the body goes with them', async () => {
    const records = [...demo(), largeAnnualReport(40), largeAnnualReport(120)];
    let multiPage = 0;
    for (const record of records) {
      const pages = pdfPages(await renderFiling(record));
      if (pages.length > 1) multiPage++;
      const last = squeeze(body(pages[pages.length - 1]));
      const start = closingStart(last);
      expect({ number: record.number, closingFound: start >= 0 }).toEqual({ number: record.number, closingFound: true });
      // above the closing on its page: a section of the body (a heading 一、二、… and its table)
      expect({ number: record.number, before: /[一二三四五六七八九十]+、/.test(last.slice(0, start)) })
        .toEqual({ number: record.number, before: true });
    }
    expect(multiPage).toBeGreaterThan(2); // the rule is exercised where it matters
  });

  it('the page number is printed on every page, 第 x 页 / 共 y 页, at full size under a scaled body', async () => {
    const record = filingFixture('D4');
    const full = pdfPages(await renderFiling(record, { scale: 1 }));
    const fitted = pdfPages(await renderFiling(record));
    expect(full.length).toBe(2);
    expect(fitted.length).toBe(1);
    expect(squeeze(fitted[0])).toContain(`SHA-256:${record.digest}`);
    expect(squeeze(fitted[0])).toContain('第1页/共1页');
  });
});

describePdf('D4: each bureau opinion on its own line, after the bureau name (会同评审, issue 22 point 10)', () => {
  // The shape the joint review stores: each bureau's own words, and their old joined form in `opinion`.
  function jointReview(): FilingRecordOf<'D4'> {
    const base = filingFixture('D4');
    const [eeb, land] = base.details.reviewers;
    return withDigest({
      ...base,
      details: {
        ...base.details,
        opinion: '报告布点、采样和检测符合技术导则要求，结论可信。；同意。',
        reviewers: [{ ...eeb, opinion: '报告布点、采样和检测符合技术导则要求，结论可信。' }, { ...land, opinion: '同意。' }],
      },
    });
  }

  it('prints 生态环境 and 自然资源 opinions on separate lines, never joined as "。；"', async () => {
    const text = pdfPages(await renderFiling(jointReview())).join('\n');
    const lines = text.split('\n').map((l) => l.trim());
    const eebLine = lines.findIndex((l) => l.startsWith(`${ORG.eeb}：报告布点`));
    const landLine = lines.findIndex((l) => l === `${ORG.land}：同意。`);
    expect(eebLine).toBeGreaterThanOrEqual(0);
    expect(landLine).toBeGreaterThan(eebLine);
    expect(squeeze(text)).not.toContain('。；');
  });

  it('a returned report keeps its reason as one paragraph', () => {
    const returned = variantFixtures().find((r): r is FilingRecordOf<'D4'> => r.kind === 'D4')!;
    expect(opinionLines(returned)).toEqual([returned.details.opinion]);
  });

  it('a decision recorded from elsewhere, without reviewers, prints its opinion', () => {
    const base = filingFixture('D4');
    const recorded = { ...base, details: { ...base.details, reviewers: [], opinion: '决定机关作出同意的决定（豫环审〔2026〕3号）。' } };
    expect(opinionLines(recorded)).toEqual(['决定机关作出同意的决定（豫环审〔2026〕3号）。']);
  });
});
