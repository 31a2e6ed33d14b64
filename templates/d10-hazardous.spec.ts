import type { FilingRecordOf } from './filing-record';
import { filingFixture } from './fixtures';
import { pdfPages, popplerOrSkip, squeeze } from './pdf-tools';
import { renderFiling } from './render';

const describePdf = popplerOrSkip() ? describe : describe.skip;

describePdf('D10 of a hazardous plan, read back with pdftotext', () => {
  it('土壤法第四十一条; 危险废物转移管理: the report of a hazardous plan names the receiver’s 危险废物经营许可证 number, a plain one has no such line', async () => {
    const plain = filingFixture('D10') as FilingRecordOf<'D10'>;
    const hazardous: FilingRecordOf<'D10'> = {
      ...plain,
      details: { ...plain.details, transport: { ...plain.details.transport, hazardousWaste: true, receiverLicenceNo: '豫危废许可〔2025〕第 0107 号' } },
    };
    const text = async (r: FilingRecordOf<'D10'>) => squeeze(pdfPages(await renderFiling(r)).join('\n'));
    const withLicence = await text(hazardous);
    expect(withLicence).toContain(squeeze('接收单位许可证危险废物经营许可证'));
    expect(withLicence).toContain(squeeze('豫危废许可〔2025〕第 0107 号'));
    expect(await text(plain)).not.toContain(squeeze('危险废物经营许可证'));
  });
});
