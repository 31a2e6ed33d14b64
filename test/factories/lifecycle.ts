import { AppClock, CLOCK, type Clock } from '../../src/clock/clock';
import { todayInChina } from '../../src/calendar/calendar-date';
import type { TestApp } from '../helpers/test-app';
import { CLEAN, CONTAMINATED, registerPlot, send, upload } from './plots';

export interface Journey {
  plotId: string;
  reports: Record<string, string>;
}

export interface Step {
  /** The event this step sends (undefined for an upload). */
  event?: string;
  /** Who sends it. */
  as?: string;
  run(t: TestApp, j: Journey): Promise<unknown>;
}

const DAY_MS = 86_400_000;

const ev = (as: string, event: Record<string, unknown>): Step => ({
  event: String(event.type),
  as,
  run: (t, j) => send(t, as, j.plotId, event),
});
const withReport = (as: string, type: string, kind: string): Step => ({
  event: type,
  as,
  run: (t, j) => send(t, as, j.plotId, { type, reportId: j.reports[kind] }),
});
const put = (as: string, kind: string, conclusion: Record<string, unknown> = {}, samples?: typeof CLEAN): Step => ({
  run: async (t, j) => {
    j.reports[kind] = (await upload(t, as, j.plotId, kind, conclusion, samples)).id;
  },
});

/** The app's clock, moved `days` ahead of where it stands for the step only (the law counts months and periods). */
export function later(days: number, step: Step): Step {
  return {
    ...step,
    run: async (t, j) => {
      const clock = t.app.get<AppClock>(CLOCK);
      const before: Clock = clock.current();
      clock.use({ now: () => new Date(before.now().getTime() + days * DAY_MS) });
      try {
        return await step.run(t, j);
      } finally {
        clock.use(before);
      }
    },
  };
}

/** Today in China on the app's clock, shifted by whole months (the investigation notice's due date). */
export function appDate(t: TestApp, months = 0): string {
  const now = t.app.get<AppClock>(CLOCK).now();
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return todayInChina(d);
}

/** The demo experts: two of 某环境科学研究院 (one of them the user expert1) and one of 某大学环境学院. */
export function demoExperts(t: TestApp) {
  const org = t.demo.organisations;
  return [
    { name: '钱研究员', organisationId: org.institute, userId: t.demo.users.expert1, title: '研究员' },
    { name: '何高工', organisationId: org.institute, title: '高级工程师' },
    { name: '林教授', organisationId: org.university, title: '教授' },
  ];
}

/** 环办土壤〔2019〕63号: the organising bureau forms a panel, records the three opinions and concludes 通过. */
export function expertReview(as: string, conclusion: 'pass' | 'passWithRevisions' = 'pass'): Step[] {
  return [
    { event: 'FORM_PANEL', as, run: (t, j) => send(t, as, j.plotId, { type: 'FORM_PANEL', experts: demoExperts(t) }) },
    ev('expert1', { type: 'RECORD_EXPERT_OPINION', expertIndex: 0, opinion: '报告内容基本完整，同意通过' }),
    ev(as, { type: 'RECORD_EXPERT_OPINION', expertIndex: 1, opinion: '同意' }),
    ev(as, { type: 'RECORD_EXPERT_OPINION', expertIndex: 2, opinion: '同意，建议补充地下水监测' }),
    ev(as, { type: 'CONCLUDE_PANEL', conclusion, summary: conclusion === 'pass' ? '专家组同意通过' : '修改完善后通过' }),
  ];
}

/** Days from the effect evaluation's publication to the application for removal (42号令: at least two months). */
export const PUBLIC_PERIOD_DAYS = 62;
/** And to the end of the removal decision's publicity (reference/decision-steps.json: 7 calendar days). */
export const AFTER_PUBLICITY_DAYS = PUBLIC_PERIOD_DAYS + 8;

/**
 * The full path suspected → released on plot-lifecycle v2 (docs/plot-lifecycle.v2.md) as the demo users: the district
 * reviews the investigations with expert panels, forwards the risk assessment, which the province reviews and
 * lists; the district files the plan and the effect evaluation; the holder discloses it, applies for removal two
 * months later, the district forwards, the province decides and the decision takes effect after its publicity.
 */
export function fullLifecycle(t: TestApp): Step[] {
  const org = t.demo.organisations;
  return [
    ev('eeb', { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: appDate(t, 3) }),
    ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' }),
    ev('holder', { type: 'START_INVESTIGATION' }),
    put('consultant', 'preliminary_investigation', {}, CONTAMINATED),
    withReport('consultant', 'SUBMIT_REPORT', 'preliminary_investigation'),
    ...expertReview('eeb'),
    ev('eeb', { type: 'APPROVE', opinion: '同意' }),
    ev('land', { type: 'APPROVE', opinion: '同意，开展详细调查' }),
    put('consultant', 'detailed_investigation', {}, CONTAMINATED),
    withReport('consultant', 'SUBMIT_REPORT', 'detailed_investigation'),
    ...expertReview('eeb'),
    ev('land', { type: 'APPROVE', opinion: '同意' }),
    ev('eeb', { type: 'APPROVE', opinion: '同意' }),
    ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'riskAssessment' }),
    put('consultant', 'risk_assessment', { riskAcceptable: false, pollutants: ['砷', '铅'] }),
    withReport('consultant', 'SUBMIT_REPORT', 'risk_assessment'),
    ev('eeb', { type: 'FORWARD', note: '报送省生态环境厅评审' }),
    ...expertReview('eeb-prov'),
    ev('eeb-prov', { type: 'APPROVE', opinion: '风险不可接受，纳入名录' }),
    ev('land-prov', { type: 'APPROVE', opinion: '同意' }),
    ev('land', { type: 'SET_PRIORITY', rank: 1, negativeList: ['住宅', '教育用地'] }),
    put('holder', 'remediation_plan', { targets: '砷 ≤ 20 mg/kg' }),
    withReport('holder', 'FILE_REMEDIATION_PLAN', 'remediation_plan'),
    ev('eeb', { type: 'ACKNOWLEDGE_FILING' }),
    {
      event: 'START_WORKS',
      as: 'holder',
      run: (t2, j) =>
        send(t2, 'holder', j.plotId, {
          type: 'START_WORKS',
          noticeBoard: {
            project: '原铝厂地块土壤修复工程',
            contractorOrganisationId: org.contractor,
            measures: '异位固化稳定化',
            contact: '0371-00000000',
            startDate: appDate(t2),
            endDate: appDate(t2, 6),
          },
        }),
    },
    ev('holder', { type: 'COMPLETE_WORKS' }),
    ev('holder', { type: 'ASSIGN_CONSULTANT', orgId: org.consultant2, work: 'effectEvaluation' }),
    put('consultant2', 'effect_evaluation', { targetsAchieved: true, permittedLandClass: 1 }, CLEAN),
    withReport('consultant2', 'SUBMIT_REPORT', 'effect_evaluation'),
    ...expertReview('eeb'),
    ev('eeb', { type: 'APPROVE', opinion: '达到修复目标' }),
    {
      event: 'RECORD_DISCLOSURE',
      as: 'holder',
      run: (t2, j) =>
        send(t2, 'holder', j.plotId, { type: 'RECORD_DISCLOSURE', work: 'effectEvaluation', publishedOn: appDate(t2), place: '土地使用权人网站 https://example.invalid/gongkai' }),
    },
    later(PUBLIC_PERIOD_DAYS, ev('holder', { type: 'APPLY_REMOVAL' })),
    later(PUBLIC_PERIOD_DAYS, ev('eeb', { type: 'FORWARD' })),
    later(PUBLIC_PERIOD_DAYS, ev('eeb-prov', { type: 'APPROVE', opinion: '同意移出' })),
    later(PUBLIC_PERIOD_DAYS, ev('land-prov', { type: 'APPROVE', opinion: '准予按规划用途开发利用' })),
    later(AFTER_PUBLICITY_DAYS, ev('eeb-prov', { type: 'END_PUBLICITY' })),
  ];
}

/** The application for removal to its effect, as fullLifecycle ends: apply, forward, the province decides, publicity ends. */
export function removalSteps(t: TestApp): Step[] {
  return fullLifecycle(t).slice(-5);
}

export async function startJourney(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Journey> {
  const plot = await registerPlot(t, overrides);
  return { plotId: plot.id, reports: {} };
}

/** Runs the steps up to (not including) the n-th (1-based) step that sends `event`. */
export async function runUntil(t: TestApp, j: Journey, steps: Step[], event: string, nth = 1): Promise<Step[]> {
  let seen = 0;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i].event === event && ++seen === nth) return steps.slice(i);
    await steps[i].run(t, j);
  }
  throw new Error(`no ${nth}. step ${event}`);
}
