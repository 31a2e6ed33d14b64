import { opinionLines } from './d04-review-opinion';
import { filingFixture } from './fixtures';
import type { FilingRecordOf } from './filing-record';

const d4 = (): FilingRecordOf<'D4'> => structuredClone(filingFixture('D4'));

describe('D4 评审意见: each bureau’s opinion on its own line (土壤法第五十九条第三款 会同评审), old records still read', () => {
  it('a record with the stored list prints one line per bureau, in its order', () => {
    const r = d4();
    r.details.opinions = [
      { organisation: '郑州市生态环境局上街分局', decision: '同意', opinion: '同意。' },
      { organisation: '上街区自然资源局', decision: '同意', opinion: '同意，开展详细调查。' },
    ];
    delete r.details.opinion;
    expect(opinionLines(r)).toEqual(['郑州市生态环境局上街分局：同意。', '上街区自然资源局：同意，开展详细调查。']);
  });

  it('a record issued before the list, whose reviewers carry no opinion, still prints its single joined string', () => {
    const r = d4();
    delete r.details.opinions;
    r.details.reviewers = r.details.reviewers.map(({ opinion: _, ...rest }) => rest);
    r.details.opinion = '同意。；同意。';
    expect(opinionLines(r)).toEqual(['同意。；同意。']);
  });
});
