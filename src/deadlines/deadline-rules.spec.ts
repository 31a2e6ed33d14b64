import { addMonths, annualDueDate, plotDeadlinePlan, sweptStatus, transportDeadlinePlan } from './deadline-rules';

const s = { today: '2026-03-31', monitoringIntervalMonths: 12, annualReportDue: '12-31' };

describe('deadline rules (README, Deadlines)', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('the annual progress report is due on MM-DD of this year, or of the next once passed', () => {
    expect(annualDueDate('2026-03-31', '12-31')).toBe('2026-12-31');
    expect(annualDueDate('2026-12-31', '12-31')).toBe('2026-12-31');
    expect(annualDueDate('2026-04-01', '03-31')).toBe('2027-03-31');
  });

  it('an investigation notice opens its due date, a new notice replaces it, starting the investigation closes it', () => {
    expect(plotDeadlinePlan({ type: 'ISSUE_INVESTIGATION_NOTICE', from: 'suspected', to: 'suspected', event: { dueDate: '2026-06-30' } }, s)).toEqual({
      close: [{ kind: 'investigation_notice', reason: 'superseded' }],
      open: [{ kind: 'investigation_notice', dueDate: '2026-06-30' }],
    });
    expect(plotDeadlinePlan({ type: 'START_INVESTIGATION', from: 'suspected', to: 'investigation.preliminary.drafting', event: {} }, s)).toEqual({
      close: [{ kind: 'investigation_notice', reason: 'satisfied' }],
      open: [],
    });
  });

  it('土壤法 arts. 62–63: risk control opens a monitoring report due in 12 months; each report rolls it; leaving closes it', () => {
    const enter = plotDeadlinePlan({ type: 'FILE_CONTROL_PLAN', from: 'listed.awaitingPlan', to: 'listed.riskControl', event: {} }, s);
    expect(enter.open).toEqual([{ kind: 'monitoring_report', dueDate: '2027-03-31' }]);
    const report = plotDeadlinePlan({ type: 'SUBMIT_MONITORING_REPORT', from: 'listed.riskControl', to: 'listed.riskControl', event: {} }, { ...s, today: '2026-09-01' });
    expect(report).toEqual({ close: [{ kind: 'monitoring_report', reason: 'satisfied' }], open: [{ kind: 'monitoring_report', dueDate: '2027-09-01' }] });
    const leave = plotDeadlinePlan({ type: 'REQUEST_EFFECT_EVALUATION', from: 'listed.riskControl', to: 'listed.effectEvaluation.drafting', event: {} }, s);
    expect(leave.close).toContainEqual({ kind: 'monitoring_report', reason: 'left_state' });
    expect(leave.open).toEqual([]);
  });

  it('土壤法第四十二条: each open aftercare obligation has its deadline; fulfilling one closes them and reopens the others; release keeps them', () => {
    const add = plotDeadlinePlan({ type: 'ADD_AFTERCARE', from: 'released', to: 'released', event: { openAftercareDueDates: ['2027-06-30', '2027-12-31'] } }, s);
    expect(add).toEqual({
      close: [{ kind: 'aftercare', reason: 'superseded' }],
      open: [{ kind: 'aftercare', dueDate: '2027-06-30' }, { kind: 'aftercare', dueDate: '2027-12-31' }],
    });
    const fulfil = plotDeadlinePlan({ type: 'FULFIL_AFTERCARE', from: 'released', to: 'released', event: { openAftercareDueDates: ['2027-12-31'] } }, s);
    expect(fulfil).toEqual({ close: [{ kind: 'aftercare', reason: 'satisfied' }], open: [{ kind: 'aftercare', dueDate: '2027-12-31' }] });
    const release = plotDeadlinePlan({ type: 'END_PUBLICITY', from: 'listed.removalPublicity', to: 'released', event: { openAftercareDueDates: ['2027-12-31'] } }, s);
    expect(release.close[0]).toEqual({ kind: '*', reason: 'left_register' });
    expect(release.open).toEqual([{ kind: 'aftercare', dueDate: '2027-12-31' }]);
  });

  it('上政文〔2017〕147号 三（四）2: a control zone keeps one deadline, its earliest next monitoring; leaving risk control closes it', () => {
    const placed = plotDeadlinePlan({ type: 'PLACE_UNDER_CONTROL_ZONE', from: 'listed.riskControl', to: 'listed.riskControl', event: { zoneNextDueOn: '2027-03-01' } }, s);
    expect(placed).toEqual({ close: [{ kind: 'zone_monitoring', reason: 'superseded' }], open: [{ kind: 'zone_monitoring', dueDate: '2027-03-01' }] });
    const leave = plotDeadlinePlan({ type: 'REQUEST_EFFECT_EVALUATION', from: 'listed.riskControl', to: 'listed.effectEvaluation.drafting', event: {} }, s);
    expect(leave.close).toContainEqual({ kind: 'zone_monitoring', reason: 'left_state' });
  });

  it('entering the register opens the 12-31 annual progress report; release closes everything', () => {
    const listed = plotDeadlinePlan({ type: 'APPROVE', from: 'riskAssessment.underReview', to: 'listed.prioritization', event: {} }, s);
    expect(listed.open).toEqual([{ kind: 'annual_progress_report', dueDate: '2026-12-31' }]);
    const released = plotDeadlinePlan({ type: 'APPROVE', from: 'listed.removalReview', to: 'released', event: {} }, s);
    expect(released.close).toEqual([{ kind: '*', reason: 'left_register' }]);
  });

  it('a review opens its time limit (reference/decision-steps.json, counted by the engine) on entry and closes it when it is decided', () => {
    const submitted = plotDeadlinePlan({ type: 'SUBMIT_REPORT', from: 'riskAssessment.drafting', to: 'riskAssessment.underReview', event: { reviewDueDate: '2026-07-01' } }, s);
    expect(submitted.open).toEqual([{ kind: 'review', dueDate: '2026-07-01' }]);
    const decided = plotDeadlinePlan({ type: 'APPROVE', from: 'riskAssessment.underReview', to: 'listed.prioritization', event: {} }, s);
    expect(decided.close).toContainEqual({ kind: 'review', reason: 'left_state' });
    // Without a limit (a year not in the calendar) none is opened.
    expect(plotDeadlinePlan({ type: 'SUBMIT_REPORT', from: 'riskAssessment.drafting', to: 'riskAssessment.underReview', event: {} }, s).open).toEqual([]);
  });

  it('a transport report opens the acknowledgement due on the planned start; leaving filed closes it', () => {
    expect(transportDeadlinePlan({ type: 'SUBMIT', from: 'draft', to: 'filed', event: { plannedStart: '2026-10-09' } }).open).toEqual([
      { kind: 'transport_acknowledgement', dueDate: '2026-10-09' },
    ]);
    expect(transportDeadlinePlan({ type: 'ACKNOWLEDGE', from: 'filed', to: 'filed', event: {} })).toEqual({ close: [], open: [] });
    expect(transportDeadlinePlan({ type: 'ACKNOWLEDGE', from: 'filed', to: 'acknowledged', event: {} }).close).toEqual([
      { kind: 'transport_acknowledgement', reason: 'satisfied' },
    ]);
    expect(transportDeadlinePlan({ type: 'OBJECT', from: 'filed', to: 'draft', event: {} }).close[0].reason).toBe('objected');
  });
});

describe('deadline sweep status (README, Deadlines)', () => {
  it.each([
    ['open', '2026-03-20', '2026-03-19', 'stays'],
    ['open', '2026-03-20', '2026-03-20', 'due'],
    ['due', '2026-03-20', '2026-03-20', 'stays'],
    ['open', '2026-03-20', '2026-03-21', 'overdue'],
    ['due', '2026-03-20', '2026-03-21', 'overdue'],
    ['overdue', '2026-03-20', '2026-04-30', 'stays'],
    ['done', '2026-03-20', '2026-04-30', 'stays'],
  ])('a deadline %s, due %s, on %s: %s', (status, dueDate, today, expected) => {
    expect(sweptStatus({ status, dueDate }, today) ?? 'stays').toBe(expected);
  });
});
