import type { Principal } from '../auth/principal';
import type { CalendarService } from '../calendar/calendar.service';
import type { AppClock } from '../clock/clock';
import { ForbiddenError, GuardRefusedError, NotFoundError, ValidationFailedError } from '../common/errors';
import type { AppConfig } from '../config/app-config';
import type { DeadlinesService } from '../deadlines/deadlines.service';
import { inMemoryEngine, principal } from '../engine/testing';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { PlotRow, PlotsRepository } from '../plots/plots.repository';
import type { ReportsRepository } from '../reports/reports.repository';
import { TransportWorkflowAdapter } from './transport-workflow.adapter';
import type { TransportRow, TransportsRepository } from './transports.repository';
import { TransportsService } from './transports.service';

type NewTransport = Parameters<TransportsRepository['insert']>[1];

/** One plot of 上街区 held by org-holder, seen as the plot registry shows it: its holder and the bureaus of its jurisdiction. */
function plotIn(state: string) {
  const plot = { id: 'plot-1', code: 'SJ-2026-001', name: '原某铝厂电解车间地块', jurisdictionCode: '410106', holderOrganisationId: 'org-holder', state };
  return {
    async findVisible(me: Principal, id: string) {
      const sees = me.organisationId === plot.holderOrganisationId || me.jurisdictionCode === plot.jurisdictionCode;
      return id === plot.id && sees ? (plot as unknown as PlotRow) : undefined;
    },
  };
}

/** The transports table in memory. */
class InMemoryTransports {
  readonly rows = new Map<string, NewTransport>();

  async insert(_em: unknown, t: NewTransport) {
    this.rows.set(t.id, t);
  }

  async findVisible(me: Principal, id: string): Promise<TransportRow | undefined> {
    const t = this.rows.get(id);
    if (!t) return undefined;
    const at = '2026-07-01T00:00:00.000Z';
    return {
      ...t, holderOrganisationName: '某铝业有限公司', originJurisdictionName: '郑州市上街区', destinationJurisdiction: null,
      destinationJurisdictionName: null, plotCode: 'SJ-2026-001', plotName: '原某铝厂电解车间地块', number: this.rows.size,
      version: 1, createdAt: at, updatedAt: at, viewerJurisdiction: me.jurisdictionCode,
    };
  }
}

function transportsOf(plotState: string) {
  // The open deadlines a view reads come back empty (the fake manager's default): the deadline rules have their own specs.
  const { engine, audit, transactions } = inMemoryEngine();
  const plots = plotIn(plotState) as unknown as PlotsRepository;
  const transports = new InMemoryTransports();
  const adapter = new TransportWorkflowAdapter(
    transports as unknown as TransportsRepository, plots, {} as ReportsRepository, {} as DirectoryRepository,
    {} as CalendarService, {} as DeadlinesService, {} as AppConfig, {} as AppClock,
  );
  const service = new TransportsService(transactions, transports as unknown as TransportsRepository, plots, adapter, engine);
  return { service, transports, audit };
}

const HOLDER = principal('holder', { organisationId: 'org-holder' });

describe('TransportsService.open (污染土壤转运, docs/soil-transport.v1.md)', () => {
  it('the plot’s holder opens a batch in draft: audit row 1 OPEN on the transport’s own chain, no filing yet', async () => {
    const { service, transports, audit } = transportsOf('listed.remediation.inProgress');
    const view = await service.open(HOLDER, 'plot-1', {});
    expect(view).toMatchObject({ state: 'draft', version: 1, plotId: 'plot-1', batchNo: 'SJ-2026-001-1', allowedEvents: ['CANCEL', 'SUBMIT'] });
    expect(transports.rows.get(view.id)).toMatchObject({ holderOrganisationId: 'org-holder', originJurisdiction: '410106', state: 'draft' });
    expect(audit.rows).toEqual([
      expect.objectContaining({
        entityType: 'transport', entityId: view.id, plotId: 'plot-1', seq: 1, eventType: 'OPEN', payload: {},
        fromState: null, toState: 'draft', outbox: [],
      }),
    ]);
  });

  it.each(['listed.remediation.planFiled', 'listed.remediation.ready'])('土壤法 art. 41: a batch may be prepared while the plot is in %s', async (state) => {
    const { service } = transportsOf(state);
    await expect(service.open(HOLDER, 'plot-1', undefined)).resolves.toMatchObject({ state: 'draft' });
  });

  it('refuses a request body: the plan comes with SUBMIT (400 body)', async () => {
    const { service, audit } = transportsOf('listed.remediation.inProgress');
    const refusal = await service.open(HOLDER, 'plot-1', { quantityT: 1 }).catch((e: unknown) => e);
    expect((refusal as ValidationFailedError).errors.map((e) => e.field)).toEqual(['body']);
    expect(audit.rows).toEqual([]);
  });

  it('answers 404 for a plot the caller cannot see, before judging who it is', async () => {
    const { service } = transportsOf('listed.remediation.inProgress');
    await expect(service.open(principal('holder', { organisationId: 'org-other' }), 'plot-1', {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it('docs/soil-transport.v1.md: refuses the environment bureau that sees the plot (403): only its holder opens a batch', async () => {
    const { service, transports } = transportsOf('listed.remediation.inProgress');
    await expect(service.open(principal('eeb'), 'plot-1', {})).rejects.toThrow(new ForbiddenError('只有本地块的土地使用权人可以新建转运批次'));
    expect(transports.rows.size).toBe(0);
  });

  it('土壤法 arts. 40–41: refuses once the plot has left 治理与修复 (422 plotInRemediation, naming its state), writing nothing', async () => {
    const { service, transports, audit } = transportsOf('listed.effectEvaluation.drafting');
    const refusal = await service.open(HOLDER, 'plot-1', {}).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(GuardRefusedError);
    expect(refusal).toMatchObject({ guard: 'plotInRemediation', reason: expect.stringContaining('效果评估 · 编制报告') });
    expect([transports.rows.size, audit.rows.length]).toEqual([0, 0]);
  });
});
