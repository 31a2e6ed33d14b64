import type { EntityManager } from 'typeorm';
import { CURRENT_VERSION } from '../../workflows';
import { ForbiddenError, GuardRefusedError, NotFoundError } from '../common/errors';
import { inMemoryEngine, principal } from './testing';
import type { FirstSnapshot, WorkflowAdapter, WorkflowRow } from './workflow-entity';

const HOLDER = principal('holder', { organisationId: 'org-holder' });

/** A soil-transport adapter over one plot held in memory (or none the caller may see). */
function transportAdapter(plot: { state: string } | undefined) {
  const rows = new Map<string, WorkflowRow>();
  const adapter: WorkflowAdapter<WorkflowRow, string> = {
    entityType: 'transport',
    machineName: 'soil-transport',
    eventDtos: {},
    probes: {},
    notFoundMessage: '转运批次不存在或无权查看',
    async prepareStart(_em: EntityManager, _me, id, plotId) {
      if (!plot) throw new NotFoundError('地块不存在或无权查看');
      return {
        plotId,
        input: { transportId: id, plotId, holderOrganisationId: 'org-holder', originJurisdiction: '410106' },
        scopeFacts: { holderOrganisationId: 'org-holder', jurisdiction: '410106', assignedConsultants: [] },
        guardFacts: { plotState: plot.state },
        payload: {},
        insert: async (first: FirstSnapshot) => void rows.set(id, { id, plotId, version: 1, ...first }),
      };
    },
    async load(_em, _me, id) {
      return rows.get(id);
    },
    async scopeFacts() {
      return { holderOrganisationId: 'org-holder', jurisdiction: '410106', assignedConsultants: [] };
    },
    async enrich() {
      return {};
    },
    filings: (type, from, to) => [{ kind: 'TEST', type, from, to }],
  };
  return { adapter, rows };
}

function startTransport(plotState: string | undefined, me = HOLDER) {
  const { engine, audit } = inMemoryEngine();
  const { adapter, rows } = transportAdapter(plotState === undefined ? undefined : { state: plotState });
  let committed = 0;
  engine.signals.on('committed', () => committed++);
  const view = async (_em: EntityManager, row: WorkflowRow) => ({ id: row.id, state: row.state, snapshot: row.snapshot });
  const started = engine.start(adapter, me, 'plot-1', view) as Promise<{ id: string; state: string; snapshot: { context: Record<string, unknown> } }>;
  return { started, audit, rows, committed: () => committed };
}

describe('TransitionService.start: the engine writes the first snapshot, audit row and outbox rows of every workflow', () => {
  it('writes the row with its first snapshot, then audit row 1 (OPEN, from no state to draft) with the outbox rows the adapter names', async () => {
    const { started, audit, rows, committed } = startTransport('listed.remediation.inProgress');
    const view = await started;
    expect(view.state).toBe('draft');
    expect(view.snapshot.context).toMatchObject({ transportId: view.id, plotId: 'plot-1', originJurisdiction: '410106' });
    expect(rows.get(view.id)).toMatchObject({ machineName: 'soil-transport', machineVersion: CURRENT_VERSION['soil-transport'], state: 'draft' });
    expect(audit.rows).toEqual([
      expect.objectContaining({
        entityType: 'transport', entityId: view.id, plotId: 'plot-1', seq: 1, prevHash: null, eventType: 'OPEN', payload: {},
        fromState: null, toState: 'draft', machineName: 'soil-transport', machineVersion: CURRENT_VERSION['soil-transport'],
        actorUserId: HOLDER.userId, role: 'holder', organisationId: 'org-holder',
        outbox: [{ kind: 'TEST', type: 'OPEN', from: '', to: 'draft' }],
      }),
    ]);
    expect(committed()).toBe(1);
  });

  it('docs/soil-transport.v1.md: refuses a role the start policy does not list (403, the workflow’s Chinese text) and writes nothing', async () => {
    const { started, audit, rows, committed } = startTransport('listed.remediation.inProgress', principal('eeb'));
    await expect(started).rejects.toThrow(new ForbiddenError('只有本地块的土地使用权人可以新建转运批次'));
    expect([rows.size, audit.rows.length, committed()]).toEqual([0, 0, 0]);
  });

  it('docs/soil-transport.v1.md: refuses a listed role whose scope rule fails — a holder of another organisation (403)', async () => {
    const { started, audit } = startTransport('listed.remediation.inProgress', principal('holder', { organisationId: 'org-other' }));
    await expect(started).rejects.toBeInstanceOf(ForbiddenError);
    expect(audit.rows).toEqual([]);
  });

  it('土壤法 arts. 40–41: refuses a start guard with its name and Chinese reason (422 plotInRemediation) and writes nothing', async () => {
    const { started, audit, rows } = startTransport('listed.effectEvaluation.drafting');
    const refusal = await started.catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(GuardRefusedError);
    expect(refusal).toMatchObject({
      guard: 'plotInRemediation',
      reason: '地块处于“效果评估 · 编制报告”，只有治理与修复阶段的地块可以外运污染土壤（土壤法第四十一条）',
    });
    expect([rows.size, audit.rows.length]).toEqual([0, 0]);
  });

  it('judges nothing when the adapter cannot read what the start needs (404 of a plot the caller cannot see)', async () => {
    const { started, audit } = startTransport(undefined);
    await expect(started).rejects.toThrow(new NotFoundError('地块不存在或无权查看'));
    expect(audit.rows).toEqual([]);
  });
});
