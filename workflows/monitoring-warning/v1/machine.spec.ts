import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { refusingGuards } from '../../inspect';
import { canSend, statePathsOf, stateValueToPath } from '../../snapshots';
import type { WarningInput } from './context';
import type { WarningEvent } from './events';
import { warningStartGuards } from './guards';
import { guardReason } from './labels';
import { monitoringWarningV1 } from './machine';
import { warningPolicy } from './policy';

const actor = { userId: 'u', role: 'eeb' as const, organisationId: 'o' };
const today = '2026-06-01';
const INPUT: WarningInput = {
  warningId: 'w', pointId: 'p', pointCode: 'NT-01', jurisdiction: '410106', cas: '7440-43-9', analyte: '镉', rule: 'aboveScreening',
  factor: 1.67, raisedOn: today, plotId: null, unitId: null, consecutiveExceedances: 1, lastingCampaigns: 2, verifyDueOn: '2026-06-16',
};
const ev = {
  verify: (note = '已复核采样记录') => ({ type: 'VERIFY_START', note, actor, today }) as WarningEvent,
  confirm: () => ({ type: 'CONFIRM', note: '复测仍超标', handleDueOn: '2026-08-30', actor, today }) as WarningEvent,
  dismiss: (reason = '实验室误将单位 μg/kg 记为 mg/kg') => ({ type: 'DISMISS', reason, actor, today }) as WarningEvent,
  measures: () => ({ type: 'RECORD_MEASURES', note: '通知农户调整种植结构并施用石灰', actor, today }) as WarningEvent,
  investigate: () => ({ type: 'PROPOSE_INVESTIGATION', note: '建议调查', actor, today }) as WarningEvent,
  inspect: () => ({ type: 'PROPOSE_HIDDEN_DANGER_INSPECTION', note: '建议排查', actor, today }) as WarningEvent,
  close: (reason = '措施已落实，复测达标') => ({ type: 'CLOSE', reason, actor, today }) as WarningEvent,
};

function drive(events: WarningEvent[], input: Partial<WarningInput> = {}) {
  const a = createActor(monitoringWarningV1, { input: { ...INPUT, ...input } }).start();
  for (const e of events) a.send(e);
  return a.getSnapshot();
}
const pathOf = (s: ReturnType<typeof drive>) => stateValueToPath(s.value);
function refusal(events: WarningEvent[], event: WarningEvent, input: Partial<WarningInput> = {}) {
  const s = drive(events, input);
  expect(canSend(monitoringWarningV1, s as never, event as never)).toBe(false);
  const [guard] = refusingGuards(s as never, event as never);
  return guardReason(guard ?? { name: '?' }, event as never, s.context as never);
}

describe('monitoring-warning v1 (上政文〔2017〕147号 三（一）4 预警网络)', () => {
  it('has four states described in Chinese and English, reachable; only closed is final', () => {
    expect(statePathsOf(monitoringWarningV1)).toEqual(['raised', 'verifying', 'handling', 'closed']);
    for (const path of statePathsOf(monitoringWarningV1)) {
      expect(monitoringWarningV1.getStateNodeById(`monitoring-warning.${path}`).description).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
    const events = [ev.verify(), ev.confirm(), ev.dismiss(), ev.measures(), ev.close()];
    const paths = getShortestPaths(monitoringWarningV1, { input: INPUT, events, serializeState: (s: { value: unknown; context: { measures: unknown[] } }) => JSON.stringify([s.value, s.context.measures.length > 0]) } as never);
    expect(new Set(paths.map((p) => stateValueToPath((p.state as unknown as { value: never }).value)))).toEqual(new Set(statePathsOf(monitoringWarningV1)));
  });

  it('核实 → 处置 → 关闭: verified, confirmed with its handling deadline, measures recorded, closed with its reason', () => {
    const s = drive([ev.verify(), ev.confirm(), ev.measures(), ev.close()]);
    expect(pathOf(s)).toBe('closed');
    expect(s.status).toBe('done');
    expect(s.context.handleDueOn).toBe('2026-08-30');
    expect(s.context.measures).toHaveLength(1);
    expect(s.context.closure).toEqual({ on: today, reason: '措施已落实，复测达标' });
  });

  it('核实为误报: a dismissal closes the warning with its reason; without a reason it is refused', () => {
    expect(drive([ev.verify(), ev.dismiss()]).context.dismissal?.reason).toMatch(/单位/);
    expect(refusal([ev.verify()], ev.dismiss(' '))).toMatch(/理由/);
  });

  it('处置 before 关闭: a confirmed warning without a recorded measure is not closed', () => {
    expect(refusal([ev.verify(), ev.confirm()], ev.close())).toMatch(/先登记处置措施/);
  });

  it('核实 is written down: a verification without a note is refused', () => {
    expect(refusal([], ev.verify(''))).toMatch(/写明/);
  });

  it('三（一）4 / 三（四）2: a lasting exceedance beside a plot proposes an investigation, recorded with the plot; a single one does not', () => {
    const lasting = { plotId: 'plot-1', consecutiveExceedances: 2 };
    const s = drive([ev.verify(), ev.confirm(), ev.investigate()], lasting);
    expect(s.context.proposals).toEqual([{ kind: 'investigation', plotId: 'plot-1', unitId: null, on: today, note: '建议调查' }]);
    expect(refusal([ev.verify(), ev.confirm()], ev.investigate(), { plotId: 'plot-1' })).toMatch(/连续 2 次.*连续超标 1 次/);
    expect(refusal([ev.verify(), ev.confirm(), ev.investigate()], ev.investigate(), lasting)).toMatch(/已建议/);
    expect(refusal([ev.verify(), ev.confirm()], ev.investigate(), { consecutiveExceedances: 3 })).toMatch(/未关联地块/);
  });

  it('土壤法第二十一条: a lasting exceedance beside a key unit proposes a hidden-danger inspection with the unit', () => {
    const s = drive([ev.verify(), ev.confirm(), ev.inspect()], { unitId: 'unit-1', consecutiveExceedances: 2 });
    expect(s.context.proposals[0]).toMatchObject({ kind: 'hiddenDangerInspection', unitId: 'unit-1' });
    expect(refusal([ev.verify(), ev.confirm()], ev.inspect(), { consecutiveExceedances: 2 })).toMatch(/重点监管单位/);
  });

  it('raising: above screening needs a factor over 1; a rising trend needs three strictly rising values', () => {
    const { ruleHolds } = warningStartGuards;
    expect(ruleHolds({ rule: 'aboveScreening', factor: 0.5 / 0.3, risingValues: [] })).toBe(true);
    expect(ruleHolds({ rule: 'aboveScreening', factor: 1, risingValues: [] })).toBe(false);
    expect(ruleHolds({ rule: 'risingTrend', factor: null, risingValues: [0.1, 0.15, 0.2] })).toBe(true);
    expect(ruleHolds({ rule: 'risingTrend', factor: null, risingValues: [0.1, 0.15, 0.15] })).toBe(false);
    expect(ruleHolds({ rule: 'risingTrend', factor: null, risingValues: [0.1, 0.2] })).toBe(false);
  });

  it('三（一）2: every event is the district environment bureau’s, in its own jurisdiction', () => {
    for (const entry of Object.values(warningPolicy)) expect(entry).toEqual({ roles: ['eeb'], scope: { eeb: 'jurisdiction' } });
  });
});
