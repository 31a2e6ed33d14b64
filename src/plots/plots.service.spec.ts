import type { Principal } from '../auth/principal';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import type { DeadlinesService } from '../deadlines/deadlines.service';
import { inMemoryEngine, principal } from '../engine/testing';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { ReportsRepository } from '../reports/reports.repository';
import type { ScreeningService } from '../screening/screening.service';
import type { TransportsRepository } from '../transports/transports.repository';
import type { CreatePlotDto } from './dto/create-plot.dto';
import type { CreditRepository } from '../credit/credit.repository';
import { AppClock } from '../clock/clock';
import { CalendarService } from '../calendar/calendar.service';
import { DecisionConfig } from '../decisions/decision-config';
import { PlotWorkflowAdapter } from './plot-workflow.adapter';
import type { NewPlot, PlotRow, PlotsRepository } from './plots.repository';
import { PlotsService } from './plots.service';

/** The plot registry in memory: what registration writes, read back as the registry's rows. */
class InMemoryPlots {
  readonly rows = new Map<string, NewPlot>();

  async insert(_em: unknown, plot: NewPlot) {
    this.rows.set(plot.id, plot);
  }

  /** Every stored boundary: the service's exact test finds the overlaps (the repository selects by bounding box first). */
  async boundariesMeeting() {
    return [...this.rows.values()].filter((p) => p.boundary).map((p) => ({ id: p.id, code: p.code, name: p.name, boundary: p.boundary, visible: true }));
  }

  async findVisible(_me: Principal, id: string): Promise<PlotRow | undefined> {
    const p = this.rows.get(id);
    if (!p) return undefined;
    const at = '2026-07-01T00:00:00.000Z';
    return {
      ...p, jurisdictionName: '郑州市上街区', holderOrganisationName: '某铝业有限公司', version: 1, auditSeq: 1, auditHash: null,
      createdAt: at, updatedAt: at, commissions: [], deadlines: [],
    };
  }
}

/** The directory as registration reads it: enabled organisations by kind, enabled jurisdictions. */
const directory = {
  kinds: { 'org-holder': 'holder', 'org-consultant': 'consultant' } as Record<string, string>,
  async enabledOrganisationKind(id: unknown) {
    return this.kinds[String(id)];
  },
  async jurisdictionEnabled(code: string) {
    return code === '410106' || code === '410182';
  },
  async bureausIn() {
    return [];
  },
};

function registry() {
  const { engine, audit, transactions } = inMemoryEngine();
  const plots = new InMemoryPlots();
  const adapter = new PlotWorkflowAdapter(
    plots as unknown as PlotsRepository, directory as unknown as DirectoryRepository, {} as ReportsRepository,
    {} as TransportsRepository, {} as ScreeningService, {} as DeadlinesService, DecisionConfig.load(), {} as CalendarService,
    new AppClock(), {} as CreditRepository,
  );
  const service = new PlotsService(transactions, plots as unknown as PlotsRepository, adapter, engine, {} as ScreeningService);
  return { service, plots, audit };
}

const request = (overrides: Partial<CreatePlotDto> = {}): CreatePlotDto => ({
  code: 'SJ-2026-001', name: '原某铝厂电解车间地块', address: '郑州市上街区中心路 1 号', jurisdiction: '410106', areaM2: 52000,
  formerIndustry: '铝冶炼', currentUse: '工业用地（停产）', plannedUse: '住宅', holderOrganisationId: 'org-holder', ...overrides,
});

const EEB = principal('eeb');
const HOLDER = principal('holder', { organisationId: 'org-holder' });

describe('PlotsService.register (D1 疑似污染地块登记表)', () => {
  it('an environment bureau registers a plot of its jurisdiction: suspected on plot-lifecycle v2 (new plots start on the current version), version 1, audit row 1 REGISTER asking for D1', async () => {
    const { service, plots, audit } = registry();
    const view = await service.register(EEB, request());
    expect(view).toMatchObject({ state: 'suspected', version: 1, jurisdiction: '410106', machine: { name: 'plot-lifecycle', version: 2 } });
    expect(view.allowedEvents).toContain('ISSUE_INVESTIGATION_NOTICE');
    expect(plots.rows.get(view.id)).toMatchObject({ code: 'SJ-2026-001', state: 'suspected', createdBy: EEB.userId });
    expect(audit.rows).toEqual([
      expect.objectContaining({
        entityType: 'plot', entityId: view.id, plotId: view.id, seq: 1, eventType: 'REGISTER', fromState: null, toState: 'suspected',
        payload: { ...request(), plannedLandClass: 1, registrationReason: 'suspected' }, outbox: [{ kind: 'D1' }],
      }),
    ]);
  });

  it('GB 36600-2018: the land class follows the planned use (住宅 first class); a holder registers one of its own organisation for industry, second class', async () => {
    const { service, plots } = registry();
    const first = await service.register(EEB, request());
    const second = await service.register(HOLDER, request({ code: 'SJ-2026-002', plannedUse: '工业用地' }));
    expect([first.plannedLandClass, plots.rows.get(first.id)!.plannedLandClass, first.context?.plannedLandClass]).toEqual([1, 1, 1]);
    expect([second.plannedLandClass, second.context?.plannedLandClass]).toEqual([2, 2]);
  });

  it('stores the boundary as checked, and refuses an invalid one with the path of its bad coordinate (400), writing nothing for it', async () => {
    const { service, plots, audit } = registry();
    const ring = [[113.3, 34.8], [113.31, 34.8], [113.31, 34.81], [113.3, 34.8]];
    const ok = await service.register(EEB, request({ boundary: { type: 'Polygon', coordinates: [ring] } }));
    expect(plots.rows.get(ok.id)!.boundary).toEqual({ type: 'Polygon', coordinates: [ring] });
    const bad = request({ code: 'SJ-2026-003', boundary: { type: 'Polygon', coordinates: [[ring[0], [200, 34.8], ring[2], ring[3]]] } });
    const refusal = await service.register(EEB, bad).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationFailedError);
    expect((refusal as ValidationFailedError).errors[0].field).toBe('boundary.coordinates[0][1]');
    expect([plots.rows.size, audit.rows.length]).toEqual([1, 1]);
  });

  it.each([
    ['an organisation that is not a holder', 'org-consultant'],
    ['an unknown or disabled organisation', 'org-closed'],
  ])('refuses %s as the holder (400 holderOrganisationId), writing nothing', async (_title, holderOrganisationId) => {
    const { service, plots, audit } = registry();
    const refusal = await service.register(EEB, request({ holderOrganisationId })).catch((e: unknown) => e);
    expect((refusal as ValidationFailedError).errors).toEqual([
      { field: 'holderOrganisationId', message: '土地使用权人机构不存在或不是土地使用权人' },
    ]);
    expect([plots.rows.size, audit.rows.length]).toEqual([0, 0]);
  });

  it('refuses an unknown or disabled jurisdiction (400 jurisdiction)', async () => {
    const { service } = registry();
    const refusal = await service.register(EEB, request({ jurisdiction: '999999' })).catch((e: unknown) => e);
    expect((refusal as ValidationFailedError).errors).toEqual([{ field: 'jurisdiction', message: '行政区划 999999 不存在' }]);
  });

  it.each([
    ['a bureau of another jurisdiction', principal('eeb', { jurisdictionCode: '410182' }), '只能登记本辖区内的地块'],
    ['a holder for another organisation', principal('holder', { organisationId: 'org-other' }), '土地使用权人只能登记本单位的地块'],
    ['a consultant', principal('consultant'), '只有生态环境局或土地使用权人可以登记地块'],
    ['a natural-resources bureau', principal('land'), '只有生态环境局或土地使用权人可以登记地块'],
  ])('土壤法 art. 59, docs/plot-lifecycle.v1.md: refuses %s (403 with its Chinese reason), writing nothing', async (_title, me, message) => {
    const { service, plots, audit } = registry();
    await expect(service.register(me, request())).rejects.toThrow(new ForbiddenError(message));
    expect([plots.rows.size, audit.rows.length]).toEqual([0, 0]);
  });

  it('checks what the request names before who sends it: a consultant naming a non-holder is told of the organisation (400)', async () => {
    const { service } = registry();
    await expect(service.register(principal('consultant'), request({ holderOrganisationId: 'org-consultant' }))).rejects.toBeInstanceOf(
      ValidationFailedError,
    );
  });
});
