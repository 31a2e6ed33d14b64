import type { TestApp } from '../helpers/test-app';
import { CLEAN, CONTAMINATED, registerPlot, send, upload } from './plots';

export interface Journey {
  plotId: string;
  reports: Record<string, string>;
}

export interface Step {
  /** The event this step sends (undefined for an upload). */
  event?: string;
  run(t: TestApp, j: Journey): Promise<unknown>;
}

const ev = (as: string, event: Record<string, unknown>): Step => ({
  event: String(event.type),
  run: (t, j) => send(t, as, j.plotId, event),
});
const withReport = (as: string, type: string, kind: string): Step => ({
  event: type,
  run: (t, j) => send(t, as, j.plotId, { type, reportId: j.reports[kind] }),
});
const put = (as: string, kind: string, conclusion: Record<string, unknown> = {}, samples?: typeof CLEAN): Step => ({
  run: async (t, j) => {
    j.reports[kind] = (await upload(t, as, j.plotId, kind, conclusion, samples)).id;
  },
});

/** The full path suspected → released (docs/plot-lifecycle.v1.md) as the demo users. */
export function fullLifecycle(t: TestApp): Step[] {
  const org = t.demo.organisations;
  return [
    ev('eeb', { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' }),
    ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' }),
    ev('holder', { type: 'START_INVESTIGATION' }),
    put('consultant', 'preliminary_investigation', {}, CONTAMINATED),
    withReport('consultant', 'SUBMIT_REPORT', 'preliminary_investigation'),
    ev('eeb', { type: 'APPROVE', opinion: '同意' }),
    ev('land', { type: 'APPROVE', opinion: '同意，开展详细调查' }),
    put('consultant', 'detailed_investigation', {}, CONTAMINATED),
    withReport('consultant', 'SUBMIT_REPORT', 'detailed_investigation'),
    ev('land', { type: 'APPROVE', opinion: '同意' }),
    ev('eeb', { type: 'APPROVE', opinion: '同意' }),
    ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'riskAssessment' }),
    put('consultant', 'risk_assessment', { riskAcceptable: false, pollutants: ['砷', '铅'] }),
    withReport('consultant', 'SUBMIT_REPORT', 'risk_assessment'),
    ev('eeb', { type: 'APPROVE', opinion: '风险不可接受，纳入名录' }),
    ev('land', { type: 'APPROVE', opinion: '同意' }),
    ev('land', { type: 'SET_PRIORITY', rank: 1, negativeList: ['住宅', '教育用地'] }),
    put('holder', 'remediation_plan', { targets: '砷 ≤ 20 mg/kg' }),
    withReport('holder', 'FILE_REMEDIATION_PLAN', 'remediation_plan'),
    ev('eeb', { type: 'ACKNOWLEDGE_FILING' }),
    ev('holder', {
      type: 'START_WORKS',
      noticeBoard: {
        project: '原铝厂地块土壤修复工程',
        contractorOrganisationId: org.contractor,
        measures: '异位固化稳定化',
        contact: '0371-00000000',
        startDate: '2026-12-10',
        endDate: '2027-06-30',
      },
    }),
    ev('holder', { type: 'COMPLETE_WORKS' }),
    ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant2, work: 'effectEvaluation' }),
    put('consultant2', 'effect_evaluation', { targetsAchieved: true, permittedLandClass: 1 }, CLEAN),
    withReport('consultant2', 'SUBMIT_REPORT', 'effect_evaluation'),
    ev('eeb', { type: 'APPROVE', opinion: '达到修复目标' }),
    ev('holder', { type: 'APPLY_REMOVAL' }),
    ev('eeb', { type: 'APPROVE', opinion: '同意移出' }),
    ev('land', { type: 'APPROVE', opinion: '准予按规划用途开发利用' }),
  ];
}

export async function startJourney(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Journey> {
  const plot = await registerPlot(t, overrides);
  return { plotId: plot.id, reports: {} };
}
