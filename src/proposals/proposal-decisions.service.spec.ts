import { EventEmitter } from 'node:events';
import type { Principal } from '../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import { ProposalDecisionsService } from './proposal-decisions.service';
import { loadProposalReference } from './proposal-reference';
import type { ProposalRow } from './proposals.repository';

const ref = loadProposalReference();
const eeb: Principal = {
  userId: 'u-eeb', username: 'eeb', displayName: '王审查', role: 'eeb', organisationId: 'o-eeb', organisationName: '上街分局',
  organisationKind: 'eeb', jurisdictionCode: '410106', level: 'district',
};

function proposal(over: Partial<ProposalRow> = {}): ProposalRow {
  return {
    id: 'p1', listId: 'l1', publicReportId: null, note: null, line: 2, source: 'land_quarterly', quarter: '2026Q4', jurisdictionCode: '410106', reason: 'takeBack',
    name: '某厂', creditCode: null, parcelCode: null, address: '上街区某路', areaM2: null, intendedUse: null, keyUnit: '是',
    boundary: null, status: 'proposed', decidedByName: null, decidedAt: null, decisionReason: null, plotId: null,
    matchedPlotId: null, matchedPlotCode: null, matchedPlotName: null, createdAt: '2026-12-01T02:00:00Z', ...over,
  };
}

/** In-memory proposals, one engine whose start records its request, transactions that roll back by copying. */
function setup(rows: ProposalRow[], startFails = false) {
  let table = new Map(rows.map((r) => [r.id, { ...r }]));
  const started: unknown[] = [];
  const repo = {
    findVisible: async (me: Principal, id: string) => {
      const r = table.get(id);
      return r && me.jurisdictionCode && r.jurisdictionCode.startsWith(me.jurisdictionCode) ? { ...r } : undefined;
    },
    decide: async (_em: unknown, id: string, d: { status: 'confirmed' | 'dismissed'; by: string; reason: string | null }) => {
      const r = table.get(id)!;
      if (r.status === 'proposed') Object.assign(r, { status: d.status, decidedByName: d.by, decidedAt: '2026-12-01T03:00:00Z', decisionReason: d.reason });
    },
    attachPlot: async (_em: unknown, id: string, plotId: string) => void (table.get(id)!.plotId = plotId),
  };
  const transactions = {
    run: async <T>(work: (em: unknown) => Promise<T>) => {
      const before = new Map([...table].map(([k, v]) => [k, { ...v }]));
      try {
        return await work({});
      } catch (e) {
        table = before;
        throw e;
      }
    },
  };
  const engine = {
    signals: new EventEmitter(),
    startWithin: async (_em: unknown, _adapter: unknown, _me: Principal, request: unknown) => {
      if (startFails) throw new ValidationFailedError([{ field: 'holderOrganisationId', message: '土地使用权人机构不存在或不是土地使用权人' }]);
      started.push(request);
      return { id: 'plot-1' };
    },
  };
  const service = new ProposalDecisionsService(
    transactions as never, repo as never, { ref } as never, engine as never, {} as never, {} as never, {} as never,
  );
  return { service, started, row: (id: string) => table.get(id)! };
}

const body = { code: 'SJ-P-1', name: '某厂旧址', areaM2: 1000, formerIndustry: '铝冶炼', currentUse: '工业用地', plannedUse: '住宅', holderOrganisationId: 'o-h' };

describe('ProposalDecisionsService: the district 生态环境 bureau confirms or dismisses a proposed suspected plot (issue 18)', () => {
  it('confirming a key unit’s parcel taken back registers keyUnitLand (土壤法第六十七条), in the list’s district, naming the proposal', async () => {
    const { service, started, row } = setup([proposal()]);
    const res = await service.confirm(eeb, 'p1', body as never);
    expect(started).toEqual([{ dto: expect.objectContaining({ registrationReason: 'keyUnitLand', jurisdiction: '410106', address: '上街区某路', proposal: { id: 'p1', listId: 'l1', line: 2, source: 'land_quarterly', reason: 'takeBack' } }), boundary: undefined }]);
    expect(row('p1')).toMatchObject({ status: 'confirmed', plotId: 'plot-1' });
    expect(res.proposal.statusLabel).toBe('已确认为疑似污染地块');
  });

  it('a start the engine refuses leaves the proposal proposed: the decision is written in the same transaction', async () => {
    const { service, row } = setup([proposal()], true);
    await expect(service.confirm(eeb, 'p1', body as never)).rejects.toBeInstanceOf(ValidationFailedError);
    expect(row('p1')).toMatchObject({ status: 'proposed', decidedAt: null, plotId: null });
  });

  it('a proposal already decided is a conflict (409), confirmed or dismissed', async () => {
    const { service } = setup([proposal({ id: 'c', status: 'confirmed' }), proposal({ id: 'd', status: 'dismissed' })]);
    await expect(service.confirm(eeb, 'c', body as never)).rejects.toBeInstanceOf(ConflictError);
    await expect(service.dismiss(eeb, 'd', { reason: '再次排除的理由' })).rejects.toThrow('已排除');
  });

  it('dismissing needs a reason of 4 characters after trimming, and keeps it', async () => {
    const { service, row } = setup([proposal()]);
    await expect(service.dismiss(eeb, 'p1', { reason: '  不对  ' })).rejects.toBeInstanceOf(ValidationFailedError);
    expect(row('p1').status).toBe('proposed');
    await service.dismiss(eeb, 'p1', { reason: ' 经核实无污染工序 ' });
    expect(row('p1')).toMatchObject({ status: 'dismissed', decisionReason: '经核实无污染工序' });
  });

  it('a city bureau may not decide (区县级), and another district’s proposal is unknown (404)', async () => {
    const { service } = setup([proposal()]);
    await expect(service.dismiss({ ...eeb, jurisdictionCode: '410100', level: 'city' }, 'p1', { reason: '市级排除试试' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.dismiss({ ...eeb, jurisdictionCode: '410182' }, 'p1', { reason: '外区排除试试' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
