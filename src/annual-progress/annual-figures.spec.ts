import { plotStateLabel } from '../../workflows';
import { annualFigures, STAGE_KEYS, type AnnualFigureSource } from './annual-figures';
import type { ClosedTransportRow, DueDeadlineRow, RegisterMoveRow } from './annual-figures.repository';

const JURISDICTION = { code: '410106', name: '郑州市上街区' };

/** The repository's rows as given; `asked` records the bounds each read was given. */
function source(rows: { states?: string[]; moves?: RegisterMoveRow[]; transports?: ClosedTransportRow[]; deadlines?: DueDeadlineRow[] }) {
  const asked: string[][] = [];
  const src: AnnualFigureSource = {
    plotStatesAt: async (code, before) => (asked.push([code, before]), (rows.states ?? []).map((state) => ({ state }))),
    registerMoves: async (code, from, to) => (asked.push([code, from, to]), rows.moves ?? []),
    closedTransports: async (code, from, to) => (asked.push([code, from, to]), rows.transports ?? []),
    deadlinesDue: async (code, first, last) => (asked.push([code, first, last]), rows.deadlines ?? []),
  };
  return { src, asked };
}

describe('D14 annual progress figures (README: Annual progress report — counts by stage at year end, register movements, transports, overdue items)', () => {
  it('the year is the China Standard Time year: plots counted as of 31 December 24:00 CST, movements and transports within it, deadlines due in it', async () => {
    const { src, asked } = source({});
    await annualFigures(src, 2026, JURISDICTION);
    const from = '2026-01-01T00:00:00+08:00';
    const to = '2027-01-01T00:00:00+08:00';
    expect(asked).toEqual([['410106', to], ['410106', from, to], ['410106', from, to], ['410106', '2026-01-01', '2026-12-31']]);
  });

  it('every stage of the table in the order of the law, each plot under its top stage or its register sub-stage', async () => {
    const { src } = source({ states: ['suspected', 'investigation.preliminary.drafting', 'investigation.detailed.underReview', 'listed.remediation.inProgress', 'listed.remediation.worksStarted', 'cleared'] });
    const { countsByStage } = await annualFigures(src, 2026, JURISDICTION);
    expect(countsByStage.map((c) => c.label)).toEqual(STAGE_KEYS.map((k) => plotStateLabel(k)));
    const count = (key: string) => countsByStage.find((c) => c.label === plotStateLabel(key))!.count;
    expect([count('suspected'), count('investigation'), count('listed.remediation'), count('cleared'), count('released')]).toEqual([1, 2, 2, 1, 0]);
  });

  it('plots that entered and left the register, dated in China Standard Time, a removal naming the land class it permits', async () => {
    const { src } = source({
      moves: [
        { code: 'P1', name: '一号地块', from: 'riskAssessment.underReview', to: 'listed.prioritization', at: '2026-03-31T16:30:00Z', permitted: null },
        { code: 'P2', name: '二号地块', from: 'listed.removalReview', to: 'released', at: '2026-06-01T02:00:00Z', permitted: 1 },
        { code: 'P3', name: '三号地块', from: 'listed.removalReview', to: 'released', at: '2026-07-01T02:00:00Z', permitted: null },
      ],
    });
    const { entered, left } = await annualFigures(src, 2026, JURISDICTION);
    expect(entered).toEqual([{ plotCode: 'P1', plotName: '一号地块', date: '2026-04-01', note: '风险评估结论为风险不可接受，纳入名录' }]);
    expect(left.map((m) => [m.plotCode, m.date, m.note])).toEqual([['P2', '2026-06-01', '移出名录，准予第一类用地'], ['P3', '2026-07-01', '移出名录']]);
  });

  it('transports closed in the year: the batch by plot code and ordinal, the destination facility and its jurisdiction, the quantity received', async () => {
    const { src } = source({ transports: [{ code: 'P1', number: 2, facility: '某处置中心', destination: '荥阳市', quantity: 120.5 }] });
    const { transports } = await annualFigures(src, 2026, JURISDICTION);
    expect(transports).toEqual([{ plotCode: 'P1', batchNo: 'P1-2', destination: '某处置中心（荥阳市）', quantityT: 120.5, state: '转运完成' }]);
  });

  it('a deadline is overdue for each day after its due date it stayed open, counted up to 31 December; one met in time is not listed', async () => {
    const { src } = source({
      deadlines: [
        { code: 'P1', kind: 'investigation_notice', dueDate: '2026-12-20', closedAt: null },
        { code: 'P2', kind: 'monitoring_report', dueDate: '2026-12-20', closedAt: '2026-12-24T17:00:00Z' },
        { code: 'P3', kind: 'monitoring_report', dueDate: '2026-12-20', closedAt: '2026-12-20T03:00:00Z' },
        { code: 'P4', kind: 'annual_progress_report', dueDate: '2026-12-30', closedAt: '2027-02-01T03:00:00Z' },
      ],
    });
    const { overdue } = await annualFigures(src, 2026, JURISDICTION);
    expect(overdue).toEqual([
      { plotCode: 'P1', item: '按调查通知书开展土壤污染状况调查', dueDate: '2026-12-20', daysOverdue: 11 },
      { plotCode: 'P2', item: '报送风险管控定期监测报告', dueDate: '2026-12-20', daysOverdue: 5 },
      { plotCode: 'P4', item: '年度工作进展报告', dueDate: '2026-12-30', daysOverdue: 1 },
    ]);
  });
});
