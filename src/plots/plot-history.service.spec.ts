import {
  eventTypesOf,
  plotLifecycleStart,
  plotLifecycleV1,
  ROLES,
  soilTransportStart,
  soilTransportV1,
  statePathsOf,
} from '../../workflows';
import { KEYED_SCHEME } from '../engine/audit-hash';
import type { AuditRepository, AuditRow } from '../engine/audit.repository';
import { principal } from '../engine/testing';
import { PlotHistoryService } from './plot-history.service';
import type { PlotsRepository } from './plots.repository';

const PLOT_ID = 'plot-1';
const CHINESE = /[\u4e00-\u9fff]/;
// An internal code: an event type (REGISTER, ACKNOWLEDGE_FILING), a state path (listed.remediation) or a camelCase state (inTransit).
const INTERNAL_CODE = /\b[A-Z][A-Z_]{2,}\b|\b[a-z]+[A-Z.][\w.]*\b|^[a-z]+$/;

function row(entityType: 'plot' | 'transport', eventType: string, toState: string, role: string, seq: number): AuditRow {
  return {
    id: String(seq), seq, at: '2026-07-01T00:00:00.000Z', prevHash: null, hash: `hash-${seq}`, hashScheme: KEYED_SCHEME,
    entityType, entityId: entityType === 'plot' ? PLOT_ID : 'transport-1', plotId: PLOT_ID, eventType, payload: {},
    actorUserId: 'user-1', actorName: '张经理', role, organisationId: 'org-1', organisationName: '某铝业有限公司',
    fromState: null, toState, machineName: entityType === 'plot' ? 'plot-lifecycle' : 'soil-transport', machineVersion: 1,
  };
}

/** One row of every event (the starts included) into every state of both workflows, by every role. */
function everyRow(): AuditRow[] {
  const rows: AuditRow[] = [];
  const add = (entity: 'plot' | 'transport', events: string[], states: string[]) => {
    for (const [i, eventType] of events.entries()) {
      rows.push(row(entity, eventType, states[i % states.length], ROLES[i % ROLES.length], rows.length + 1));
    }
    for (const [i, state] of states.entries()) rows.push(row(entity, events[i % events.length], state, ROLES[i % ROLES.length], rows.length + 1));
  };
  add('plot', [plotLifecycleStart.event, ...eventTypesOf(plotLifecycleV1)], statePathsOf(plotLifecycleV1));
  add('transport', [soilTransportStart.event, ...eventTypesOf(soilTransportV1)], statePathsOf(soilTransportV1));
  return rows;
}

function historyOf(rows: AuditRow[]) {
  const plots = { findVisible: async (_me: unknown, id: string) => (id === PLOT_ID ? { id } : undefined) };
  const audit = { plotTimeline: async (id: string) => (id === PLOT_ID ? rows : []) };
  return new PlotHistoryService(plots as unknown as PlotsRepository, audit as unknown as AuditRepository);
}

describe('PlotHistoryService.history (the plot timeline a person reads)', () => {
  it('no internal code in the text a person reads: every row labels its event, its new state and the role in Chinese', async () => {
    const rows = everyRow();
    const { items } = await historyOf(rows).history(principal('holder'), PLOT_ID);
    expect(items).toHaveLength(rows.length);
    for (const item of items) {
      for (const text of [item.typeLabel, item.toLabel, item.roleLabel]) {
        expect({ type: item.type, to: item.to, text, chinese: CHINESE.test(text) }).toMatchObject({ chinese: true });
        expect({ type: item.type, to: item.to, text, code: INTERNAL_CODE.test(text) }).toMatchObject({ code: false });
      }
    }
  });

  it('labels the starts by their own names: REGISTER 登记疑似污染地块, OPEN 新建转运批次 (to 编制转运计划)', async () => {
    const rows = [row('plot', 'REGISTER', 'suspected', 'eeb', 1), row('transport', 'OPEN', 'draft', 'holder', 2)];
    const { items } = await historyOf(rows).history(principal('holder'), PLOT_ID);
    expect(items.map((i) => [i.type, i.typeLabel, i.toLabel])).toEqual([
      ['REGISTER', '登记疑似污染地块', '疑似污染地块'],
      ['OPEN', '新建转运批次', '编制转运计划'],
    ]);
  });

  it('answers 404 for a plot the caller may not see', async () => {
    await expect(historyOf([]).history(principal('holder'), 'elsewhere')).rejects.toMatchObject({ message: '地块不存在或无权查看' });
  });
});
