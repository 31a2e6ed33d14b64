import { getShortestPaths } from 'xstate/graph';
import { refusingGuards } from '../../inspect';
import { canSend, eventTypesOf, statePathsOf, stateValueToPath } from '../../snapshots';
import { ROLES } from '../../types';
import { keyUnitActions } from './actions';
import { DUTIES } from './context';
import type { KeyUnitEvent } from './events';
import { keyUnitGuards } from './guards';
import { guardReason } from './labels';
import { keyUnitV1 } from './machine';
import { keyUnitPolicy, keyUnitStart } from './policy';
import {
  driveKeyUnit,
  KEY_UNIT_INPUT,
  KEY_UNIT_SCENARIOS,
  keyUnitEvents as e,
  unitReport,
  type KeyUnitSnapshot,
} from './testing';

const pathOf = (s: KeyUnitSnapshot) => stateValueToPath(s.value);
const listed = () => driveKeyUnit([]);

/** The refusal the engine would answer with: the first refusing guard and its Chinese reason. */
function refusal(snapshot: KeyUnitSnapshot, event: KeyUnitEvent) {
  expect(canSend(keyUnitV1, snapshot as never, event as never)).toBe(false);
  const [guard] = refusingGuards(snapshot as never, event as never);
  return { guard: guard?.name, reason: guardReason(guard ?? { name: '?' }, event as never, snapshot.context as never) };
}

describe('key-unit v1: shape of the statechart', () => {
  it('has five states, each described in Chinese and English; only removal is final', () => {
    expect(statePathsOf(keyUnitV1)).toEqual(['listed', 'demolitionFiled', 'demolishing', 'closed', 'removed']);
    for (const path of statePathsOf(keyUnitV1)) {
      expect(keyUnitV1.getStateNodeById(`key-unit.${path}`).description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
    expect(driveKeyUnit([e.remove()]).status).toBe('done');
    expect(driveKeyUnit(KEY_UNIT_SCENARIOS.closed).status).toBe('active');
  });

  it('reaches every state with enriched events', () => {
    const events: KeyUnitEvent[] = [e.duty('selfMonitoring'), e.demolitionPlan(), e.start(), e.complete(), e.close(), e.remove()];
    // Each demolition appends to the record, so vertices are the state and the open demolition, not the whole context.
    const vertexOf = (s: KeyUnitSnapshot) =>
      JSON.stringify({ value: s.value, open: s.context.demolitions.find((d) => d.status === 'filed' || d.status === 'started')?.status ?? null, duties: s.context.duties.selfMonitoring });
    const paths = getShortestPaths(keyUnitV1, { input: KEY_UNIT_INPUT, events, serializeState: vertexOf, limit: 5000 } as never);
    expect(new Set(paths.map((p) => pathOf(p.state as KeyUnitSnapshot)))).toEqual(new Set(statePathsOf(keyUnitV1)));
  });

  function guardNames(guard: unknown): string[] {
    if (typeof guard === 'string') return [guard];
    if (typeof guard === 'function') return ((guard as { guards?: unknown[] }).guards ?? []).flatMap(guardNames);
    if (guard && typeof guard === 'object' && 'type' in guard) return [String((guard as { type: string }).type)];
    return [];
  }

  it('every guard and action the statechart names is implemented, and every implemented guard is used', () => {
    const guards = new Set<string>();
    const named = new Set<string>();
    const visit = (node: { transitions: Map<string, { guard?: unknown; actions: unknown[] }[]>; entry: unknown[]; exit: unknown[]; states: Record<string, never> }) => {
      for (const list of node.transitions.values()) {
        for (const t of list) {
          guardNames(t.guard).forEach((g) => guards.add(g));
          t.actions.forEach((a) => typeof a === 'string' && named.add(a));
        }
      }
      [...node.entry, ...node.exit].forEach((a) => typeof a === 'string' && named.add(a));
      Object.values(node.states).forEach(visit);
    };
    visit(keyUnitV1.root as never);
    expect([...guards].filter((g) => !(g in keyUnitGuards))).toEqual([]);
    expect([...named].filter((a) => !(a in keyUnitActions))).toEqual([]);
    expect(Object.keys(keyUnitGuards).filter((g) => !guards.has(g))).toEqual([]);
    expect(Object.keys(keyUnitActions).filter((a) => !named.has(a))).toEqual([]);
  });
});

describe('key-unit v1: yearly duties (土壤法第二十一条第二款)', () => {
  it('土壤法第二十一条第二款: each of the three duties is recorded per year with its report', () => {
    const s = driveKeyUnit(DUTIES.map((duty) => e.duty(duty, 2025)));
    expect(pathOf(s)).toBe('listed');
    expect(s.context.duties.toxicDischarge['2025']).toMatchObject({ reportId: 'report-toxicDischarge-2025', filedOn: '2026-12-01', userId: 'user-unit' });
    expect(s.context.duties.hiddenDangerInspection['2025'].reportId).toBe('report-hiddenDangerInspection-2025');
    expect(s.context.duties.selfMonitoring['2025']).toMatchObject({ reportId: 'report-selfMonitoring-2025', screeningVerdict: 'below_screening' });
  });

  it('土壤法第二十一条第二款第一项 (按年度报告): one report per duty and year; the next year is accepted', () => {
    const s = driveKeyUnit([e.duty('toxicDischarge', 2025)]);
    const r = refusal(s, e.duty('toxicDischarge', 2025, { reportId: 'r-2', report: unitReport('toxicDischarge', { id: 'r-2' }) }));
    expect(r.guard).toBe('dutyNotYetFiledForYear');
    expect(r.reason).toContain('2025 年度');
    expect(r.reason).toContain('土壤法第二十一条第二款第一项');
    expect(Object.keys(driveKeyUnit([e.duty('toxicDischarge', 2026)], s).context.duties.toxicDischarge)).toEqual(['2025', '2026']);
  });

  it('土壤法第二十一条第二款: a year not yet begun, or before the listing, is refused', () => {
    expect(refusal(listed(), e.duty('hiddenDangerInspection', 2027)).guard).toBe('yearNotInFuture');
    const early = refusal(listed(), e.duty('hiddenDangerInspection', 2024));
    expect(early.guard).toBe('yearNotBeforeListing');
    expect(early.reason).toContain('2025-03-01');
    expect(pathOf(driveKeyUnit([e.duty('hiddenDangerInspection', 2026)]))).toBe('listed');
  });

  it('土壤法第二十一条第二款: the report is this unit’s report of that duty', () => {
    const otherKind = e.duty('toxicDischarge', 2025, { report: unitReport('hiddenDangerInspection') , reportId: 'report-hiddenDangerInspection' });
    expect(refusal(listed(), otherKind)).toEqual({ guard: 'reportOfThisUnitAndKind', reason: expect.stringContaining('有毒有害物质排放情况年度报告') });
    const otherUnit = e.duty('toxicDischarge', 2025, { report: unitReport('toxicDischarge', { unitId: 'unit-2' }), reportId: 'report-toxicDischarge' });
    expect(refusal(listed(), otherUnit).guard).toBe('reportOfThisUnitAndKind');
    expect(refusal(listed(), e.duty('toxicDischarge', 2025, { report: null })).guard).toBe('reportOfThisUnitAndKind');
  });

  it('土壤法第二十一条第二款第三项: a self-monitoring report covers soil and groundwater', () => {
    const soilOnly = e.duty('selfMonitoring', 2025, { report: unitReport('selfMonitoring', { media: ['soil'] }), reportId: 'report-selfMonitoring' });
    const r = refusal(listed(), soilOnly);
    expect(r.guard).toBe('selfMonitoringCoversSoilAndGroundwater');
    expect(r.reason).toContain('土壤和地下水');
  });

  it('土壤法第二十一条第四款 (监测数据异常的及时调查): a self-monitoring report is screened; a result above screening is an anomaly for the bureau', () => {
    const unscreened = e.duty('selfMonitoring', 2025, { report: unitReport('selfMonitoring', { screeningVerdict: null }), reportId: 'report-selfMonitoring' });
    expect(refusal(listed(), unscreened).guard).toBe('selfMonitoringScreened');
    const above = e.duty('selfMonitoring', 2025, { report: unitReport('selfMonitoring', { id: 'r-sm', screeningVerdict: 'above_screening' }), reportId: 'r-sm' });
    expect(driveKeyUnit([above]).context.anomalies).toEqual([{ year: 2025, source: 'selfMonitoring', reportId: 'r-sm', screeningVerdict: 'above_screening' }]);
    expect(driveKeyUnit([e.duty('selfMonitoring', 2025)]).context.anomalies).toEqual([]);
  });

  it('土壤法第二十一条第五款 (周边土壤监测): the bureau records its monitoring once a year; above screening is an anomaly', () => {
    const s = driveKeyUnit([e.bureauMonitoring(2025, { report: unitReport('bureauMonitoring', { id: 'r-b', screeningVerdict: 'above_intervention' }), reportId: 'r-b' })]);
    expect(s.context.bureauMonitoring['2025']).toMatchObject({ reportId: 'r-b', userId: 'user-eeb' });
    expect(s.context.anomalies).toEqual([{ year: 2025, source: 'bureauMonitoring', reportId: 'r-b', screeningVerdict: 'above_intervention' }]);
    const again = refusal(s, e.bureauMonitoring(2025));
    expect(again.guard).toBe('bureauMonitoringNotYetRecordedForYear');
    expect(again.reason).toContain('土壤法第二十一条第五款');
    expect(refusal(s, e.bureauMonitoring(2027)).guard).toBe('yearNotInFuture');
  });
});

describe('key-unit v1: demolition (土壤法第二十二条第二款)', () => {
  it('土壤法第二十二条第二款: a plan filed fewer working days ahead than configured is refused, naming both figures', () => {
    const r = refusal(listed(), e.demolitionPlan({ leadTime: { workingDaysUntilStart: 14, requiredWorkingDays: 15 } }));
    expect(r.guard).toBe('demolitionLeadTimeMet');
    expect(r.reason).toContain('至少 15 个工作日');
    expect(r.reason).toContain('仅 14 个工作日');
    expect(r.reason).toContain('生态环境、工业和信息化主管部门');
    // The number is configuration, carried in the event: a deployment requiring 10 accepts 10.
    expect(pathOf(driveKeyUnit([e.demolitionPlan({ leadTime: { workingDaysUntilStart: 10, requiredWorkingDays: 10 } })]))).toBe('demolitionFiled');
  });

  it('土壤法第二十二条第二款: the plan is this unit’s plan and names a valid start date', () => {
    expect(refusal(listed(), e.demolitionPlan({ plannedStart: '2026-02-30' })).guard).toBe('plannedStartIsDate');
    expect(refusal(listed(), e.demolitionPlan({ report: unitReport('selfMonitoring', { id: 'report-demolitionPlan' }) })).guard).toBe('reportOfThisUnitAndKind');
    const s = driveKeyUnit(KEY_UNIT_SCENARIOS.demolitionFiled);
    expect(s.context.demolitions).toEqual([
      expect.objectContaining({ plannedStart: '2026-12-22', status: 'filed', filedOn: '2026-12-01', leadTime: { workingDaysUntilStart: 15, requiredWorkingDays: 15 } }),
    ]);
  });

  it('土壤法第二十二条第二款 (备案并实施): demolition starts on or after the planned start, never before', () => {
    const s = driveKeyUnit(KEY_UNIT_SCENARIOS.demolitionFiled);
    const early = refusal(s, e.start('2026-12-21'));
    expect(early.guard).toBe('plannedStartReached');
    expect(early.reason).toContain('2026-12-22');
    const started = driveKeyUnit([e.start('2026-12-22')], s);
    expect(pathOf(started)).toBe('demolishing');
    expect(started.context.demolitions[0]).toMatchObject({ status: 'started', startedOn: '2026-12-22' });
    const done = driveKeyUnit([e.complete('2027-01-15')], started);
    expect(pathOf(done)).toBe('listed');
    expect(done.context.demolitions[0]).toMatchObject({ status: 'completed', completedOn: '2027-01-15' });
    expect(refusal(started, e.complete('2026-12-20', '2027-01-15')).guard).toBe('completionDated');
  });

  it('a revised plan supersedes the filed one and is judged on its own lead time', () => {
    const s = driveKeyUnit([e.demolitionPlan(), e.demolitionPlan({ plannedStart: '2027-01-05', reportId: 'report-demolitionPlan', leadTime: { workingDaysUntilStart: 24, requiredWorkingDays: 15 } })]);
    expect(pathOf(s)).toBe('demolitionFiled');
    expect(s.context.demolitions.map((d) => [d.plannedStart, d.status])).toEqual([['2026-12-22', 'superseded'], ['2027-01-05', 'filed']]);
    expect(refusal(s, e.start('2026-12-22')).guard).toBe('plannedStartReached');
  });

  it('土壤法第二十二条第二款、第九十五条第一项: a demolition seen without a filed plan stays on the record as a violation', () => {
    const s = driveKeyUnit([e.unfiled('2026-11-20')]);
    expect(pathOf(s)).toBe('listed');
    expect(s.context.violations).toEqual([expect.objectContaining({ kind: 'unfiledDemolition', observedOn: '2026-11-20', userId: 'user-eeb' })]);
    // Still on the record after a plan is filed, started and completed.
    const later = driveKeyUnit([...KEY_UNIT_SCENARIOS.demolishing, e.complete()], s);
    expect(later.context.violations).toHaveLength(1);
  });

  it('土壤法第二十二条第二款: a demolition covered by the filed plan is not a violation; one before its start or after its completion is', () => {
    const demolishing = driveKeyUnit(KEY_UNIT_SCENARIOS.demolishing);
    const covered = refusal(demolishing, e.unfiled('2026-12-23', { today: '2026-12-23' }));
    expect(covered.guard).toBe('demolitionNotCoveredByPlan');
    expect(covered.reason).toContain('土壤法第二十二条第二款');
    const filed = driveKeyUnit(KEY_UNIT_SCENARIOS.demolitionFiled);
    expect(driveKeyUnit([e.unfiled('2026-12-01')], filed).context.violations).toHaveLength(1);
    const completed = driveKeyUnit([e.complete()], demolishing);
    expect(driveKeyUnit([e.unfiled('2027-02-01', { today: '2027-02-01' })], completed).context.violations).toHaveLength(1);
  });

  it('an observation is dated not after today and says what was seen', () => {
    expect(refusal(listed(), e.unfiled('2026-12-02')).guard).toBe('observationRecorded');
    expect(refusal(listed(), e.unfiled('2026-11-20', { note: ' ' })).guard).toBe('observationRecorded');
  });
});

describe('key-unit v1: closure and the site to investigate (土壤法第六十七条)', () => {
  it('土壤法第六十七条: a change of use, 收回 or 转让 leaves the site to be investigated before the change', () => {
    for (const reason of ['useChange', 'takeBack', 'transfer'] as const) {
      const s = driveKeyUnit([e.close({ reason, on: '2026-11-30' })]);
      expect(pathOf(s)).toBe('closed');
      expect(s.context.siteToInvestigate).toEqual({ reason, on: '2026-11-30', investigateBefore: true });
    }
  });

  it('a closure, relocation or bankruptcy leaves the site to be investigated as a suspected plot', () => {
    for (const reason of ['closure', 'relocation', 'bankruptcy'] as const) {
      const s = driveKeyUnit([e.close({ reason })]);
      expect(s.context.siteToInvestigate).toEqual({ reason, on: '2026-11-30', investigateBefore: false });
      expect(s.context.closure).toMatchObject({ reason, note: '整体搬迁至产业园区', userId: 'user-eeb' });
    }
  });

  it('土壤法第六十七条: a closure names a known reason and a date not after today', () => {
    const r = refusal(listed(), e.close({ reason: 'merger' as never }));
    expect(r.guard).toBe('closureReasonKnown');
    expect(r.reason).toContain('土壤法第六十七条');
    expect(refusal(listed(), e.close({ on: '2026-12-02' })).guard).toBe('closureDated');
    expect(refusal(listed(), e.close({ on: '2025-02-28' })).guard).toBe('closureDated');
  });

  it('a unit closes during a demolition: the demolition carries on under its plan, and a new one needs its own', () => {
    let s = driveKeyUnit([...KEY_UNIT_SCENARIOS.demolishing, e.close({ today: '2026-12-23', on: '2026-12-23' })]);
    expect(pathOf(s)).toBe('closed');
    expect(refusal(s, e.demolitionPlan({ today: '2026-12-23' })).guard).toBe('noDemolitionStarted');
    s = driveKeyUnit([e.complete(), e.demolitionPlan({ plannedStart: '2027-02-08', today: '2027-01-16' }), e.start('2027-02-08')], s);
    expect(pathOf(s)).toBe('closed');
    expect(s.context.demolitions.map((d) => d.status)).toEqual(['completed', 'started']);
  });

  it('a closed unit reports for the years it operated, not after', () => {
    const s = driveKeyUnit(KEY_UNIT_SCENARIOS.closed);
    expect(pathOf(driveKeyUnit([e.duty('toxicDischarge', 2026)], s))).toBe('closed');
    expect(refusal(s, e.duty('toxicDischarge', 2027, { today: '2027-03-01' })).guard).toBe('yearNotAfterClosure');
  });
});

describe('key-unit v1: removal from the list (土壤法第二十一条第一款)', () => {
  it('土壤法第二十一条第一款 (名录适时更新): the bureau removes a unit with a reason and a date; removal is final', () => {
    const r = refusal(listed(), e.remove({ reason: '' }));
    expect(r.guard).toBe('removalReasonGiven');
    expect(r.reason).toContain('土壤法第二十一条第一款');
    expect(refusal(listed(), e.remove({ on: '2026-12-02' })).guard).toBe('removalDated');
    const s = driveKeyUnit([...KEY_UNIT_SCENARIOS.closed, e.remove()]);
    expect([pathOf(s), s.status, s.context.removal?.reason]).toEqual(['removed', 'done', '企业已终止生产经营，场地调查已启动']);
    expect(s.can(e.duty('toxicDischarge', 2026))).toBe(false);
  });
});

describe('key-unit v1: policy', () => {
  it('every event has one entry, and each listed role exactly one scope rule', () => {
    expect(Object.keys(keyUnitPolicy).sort()).toEqual(eventTypesOf(keyUnitV1));
    for (const entry of [...Object.values(keyUnitPolicy), keyUnitStart.policy]) {
      expect(entry.roles.every((role) => ROLES.includes(role))).toBe(true);
      expect(Object.keys(entry.scope).sort()).toEqual([...entry.roles].sort());
    }
  });

  it('the unit files its duties and its demolition plan; the district bureau records monitoring, violations and removal; either records a closure', () => {
    const unit = { roles: ['holder'], scope: { holder: 'ownOrganisation' } };
    const eeb = { roles: ['eeb'], scope: { eeb: 'jurisdiction' } };
    expect(keyUnitPolicy).toMatchObject({
      FILE_DUTY_REPORT: unit, FILE_DEMOLITION_PLAN: unit, START_DEMOLITION: unit, COMPLETE_DEMOLITION: unit,
      RECORD_BUREAU_MONITORING: eeb, RECORD_UNFILED_DEMOLITION: eeb, REMOVE: eeb,
      CLOSE: { roles: ['holder', 'eeb'], scope: { holder: 'ownOrganisation', eeb: 'jurisdiction' } },
    });
  });

  it('土壤法第二十一条第一款: the district bureau lists a unit, on a day not in the future', () => {
    expect(keyUnitStart.event).toBe('LIST');
    expect(keyUnitStart.policy).toEqual({ roles: ['eeb'], scope: { eeb: 'jurisdiction' } });
    expect(keyUnitStart.guards.listedOnNotFuture({ listedOn: '2026-12-01', today: '2026-12-01' })).toBe(true);
    expect(keyUnitStart.guards.listedOnNotFuture({ listedOn: '2026-12-02', today: '2026-12-01' })).toBe(false);
    expect(keyUnitStart.guards.listedOnNotFuture({ listedOn: '2026-13-01', today: '2026-12-01' })).toBe(false);
  });
});

describe('key-unit v1: reasons in Chinese', () => {
  // The legal basis each rule's reason cites (the sources are checked in the rule's doc comment in guards.ts).
  const CITES: Partial<Record<keyof typeof keyUnitGuards, string[]>> = {
    selfMonitoringCoversSoilAndGroundwater: ['土壤法第二十一条第二款第三项'],
    selfMonitoringScreened: ['土壤法第二十一条第四款'],
    yearNotBeforeListing: ['土壤法第二十一条第二款'],
    dutyNotYetFiledForYear: ['土壤法第二十一条第二款第一项'],
    bureauMonitoringNotYetRecordedForYear: ['土壤法第二十一条第五款'],
    plannedStartIsDate: ['土壤法第二十二条第二款'],
    demolitionLeadTimeMet: ['土壤法第二十二条第二款', '工业和信息化'],
    plannedStartReached: ['土壤法第二十二条第二款'],
    demolitionNotCoveredByPlan: ['土壤法第二十二条第二款', '第九十五条第一项'],
    closureReasonKnown: ['土壤法第六十七条'],
    removalReasonGiven: ['土壤法第二十一条第一款'],
  };

  it.each(Object.entries(CITES))('%s: its reason cites its legal basis', (guard, cites) => {
    const text = guardReason({ name: guard }, { type: 'FILE_DUTY_REPORT', duty: 'toxicDischarge', year: 2025, leadTime: { workingDaysUntilStart: 3, requiredWorkingDays: 15 } }, {});
    for (const cite of cites ?? []) expect(text).toContain(cite);
  });

  it('every guard has a Chinese reason without internal codes', () => {
    for (const name of [...Object.keys(keyUnitGuards), ...Object.keys(keyUnitStart.guards)]) {
      for (const type of ['FILE_DUTY_REPORT', 'RECORD_BUREAU_MONITORING', 'FILE_DEMOLITION_PLAN']) {
        const text = guardReason({ name }, { type, duty: 'selfMonitoring', year: 2025, leadTime: { workingDaysUntilStart: 3, requiredWorkingDays: 15 } }, KEY_UNIT_INPUT as never);
        expect(text).not.toBe('不符合办理条件');
        expect(text).toMatch(/[\u4e00-\u9fff]/);
        expect(text).not.toMatch(/[A-Za-z]{3,}/);
      }
    }
  });
});
