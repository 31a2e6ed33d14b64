import { writeFileSync } from 'node:fs';
import { filingFixture, withDigest } from './fixtures';
import { pdfPages, popplerOrSkip, squeeze } from './pdf-tools';
import { renderFiling } from './render';

const describePdf = popplerOrSkip() ? describe : describe.skip;

describePdf('the audit chain head in the footer', () => {
  it('hardening #5: every page of a plot document prints the head of the plot\'s audit chain at issue (seq and short hash) beside the digest, so a later rewrite of the chain contradicts the paper', async () => {
    const record = withDigest({ ...filingFixture('D4'), auditHead: { seq: 128, hash: '3fa2b1c0d4e5f6a7' } });
    const pdf = await renderFiling(record);
    if (process.env.FOOTER_PDF) writeFileSync(process.env.FOOTER_PDF, pdf);
    const pages = pdfPages(pdf);
    for (const page of pages) {
      expect(squeeze(page)).toContain(squeeze('审计链：第 128 条 · 3fa2b1c0d4e5f6a7'));
      // the digest is still printed whole on the same line
      expect(squeeze(page)).toContain(record.digest);
    }
  });

  it('a record issued before the head was printed renders as it did, without the line', async () => {
    const text = pdfPages(await renderFiling(filingFixture('D4'))).join('\n');
    expect(text).not.toContain('审计链');
  });
});
