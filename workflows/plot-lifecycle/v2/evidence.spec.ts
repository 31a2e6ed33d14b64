import { decidingReportIds } from './evidence';

describe('only reviewed evidence decides (DESIGN §3 rev. 2; 土壤法 art. 90)', () => {
  it('approved reports and the report under review count; a returned or unsubmitted report does not', () => {
    expect(decidingReportIds({ currentReportId: 'r2', approvedReportIds: ['r1'] }, 'investigation.detailed.underReview')).toEqual(['r1', 'r2']);
    // r2 was returned: the plot is drafting again and r2 no longer counts.
    expect(decidingReportIds({ currentReportId: 'r2', approvedReportIds: ['r1'] }, 'investigation.detailed.drafting')).toEqual(['r1']);
    expect(decidingReportIds({ currentReportId: null, approvedReportIds: [] }, 'suspected')).toEqual([]);
  });

  it('a plot still on v1 counts its last submitted report', () => {
    expect(decidingReportIds({ currentReportId: 'r1' }, 'riskAssessment.drafting')).toEqual(['r1']);
  });
});
