import type { Principal } from '../auth/principal';
import type { Transactions } from '../database/transactions';
import type { DeadlineView } from '../deadlines/deadlines.repository';
import type { PlotRow, PlotsRepository } from '../plots/plots.repository';
import type { PlotsService } from '../plots/plots.service';
import type { TransportRow, TransportsRepository } from '../transports/transports.repository';
import type { TransportsService } from '../transports/transports.service';
import type { KeyUnitTasks } from '../key-units/key-unit-tasks';
import type { PublicReportTasks } from '../public-reports/public-report-tasks';
import type { MonitoringTasks } from '../monitoring/monitoring-tasks';
import { TasksService } from './tasks.service';

const EEB = { userId: 'u-eeb', role: 'eeb', jurisdictionCode: '410106', organisationId: 'org-eeb' } as Principal;
const HOLDER = { userId: 'u-holder', role: 'holder', jurisdictionCode: null, organisationId: 'org-holder' } as Principal;

interface FakePlot {
  row: Partial<PlotRow>;
  allowedEvents: string[];
  context?: Record<string, unknown>;
  deadlines?: Array<Partial<DeadlineView>>;
}

interface FakeTransport {
  row: Partial<TransportRow>;
  allowedEvents: string[];
  plannedStart?: string;
  deadlines?: Array<Partial<DeadlineView>>;
}

function deadline(kind: string, dueDate: string, status: DeadlineView['status'], transportId: string | null = null): Partial<DeadlineView> {
  return { kind: kind as DeadlineView['kind'], label: kind, dueDate, status, transportId };
}

function plot(id: string, code: string, state: string, allowedEvents: string[], more: Partial<FakePlot> = {}): FakePlot {
  return { row: { id, code, name: `地块${code}`, state, jurisdictionCode: '410106', holderOrganisationId: 'org-holder' }, allowedEvents, ...more };
}

/** The repositories return every fake as a candidate; the views say what the engine would allow. */
function setup(plots: FakePlot[], transports: FakeTransport[] = []) {
  const byId = new Map(plots.map((p) => [p.row.id!, p]));
  const plotsRepository = {
    taskCandidateIds: async () => plots.map((p) => p.row.id!),
    findById: async (id: string) => byId.get(id)?.row,
  };
  const plotViews = {
    view: async (_em: unknown, _me: Principal, row: PlotRow) => {
      const p = byId.get(row.id)!;
      return { allowedEvents: p.allowedEvents, context: p.context ?? {}, deadlines: p.deadlines ?? [] };
    },
  };
  const transportsRepository = { listInStates: async () => transports.map((t) => t.row) };
  const transportViews = {
    view: async (_em: unknown, _me: Principal, row: TransportRow) => {
      const t = transports.find((x) => x.row.id === row.id)!;
      return { allowedEvents: t.allowedEvents, context: {}, deadlines: t.deadlines ?? [], stateLabel: row.state, batchNo: `第${row.number}批`, plan: { plannedStart: t.plannedStart } };
    },
  };
  return new TasksService(
    { outside: {} } as unknown as Transactions,
    plotsRepository as unknown as PlotsRepository,
    plotViews as unknown as PlotsService,
    transportsRepository as unknown as TransportsRepository,
    transportViews as unknown as TransportsService,
    { overdue: async () => [], violations: async () => [] } as unknown as KeyUnitTasks,
    { overdue: async () => [] } as unknown as MonitoringTasks,
    { open: async () => [] } as unknown as PublicReportTasks,
  );
}

describe('to-do list (README: GET /me/tasks lists what awaits each user, overdue first)', () => {
  it('overdue items come first, then by the earliest due date, then by plot code', async () => {
    const tasks = setup([
      plot('p1', 'A-003', 'investigation.preliminary.underReview', ['APPROVE', 'RETURN']),
      plot('p2', 'A-002', 'investigation.preliminary.underReview', ['APPROVE'], { deadlines: [deadline('investigation_notice', '2026-05-01', 'open')] }),
      plot('p3', 'A-001', 'investigation.preliminary.underReview', ['APPROVE']),
      plot('p4', 'A-004', 'investigation.preliminary.underReview', ['APPROVE'], { deadlines: [deadline('investigation_notice', '2026-06-01', 'overdue')] }),
    ]);
    const { items } = await tasks.tasks(EEB);
    expect(items.map((i) => i.code)).toEqual(['A-004', 'A-002', 'A-001', 'A-003']);
    expect(items[0]).toMatchObject({ overdue: true, dueDate: '2026-06-01', stateLabel: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('events that never await anyone (returning a report, cancelling) make no to-do on their own', async () => {
    const tasks = setup([
      plot('p1', 'A-001', 'riskAssessment.underReview', ['APPROVE', 'RETURN']),
      plot('p2', 'A-002', 'riskAssessment.underReview', ['RETURN']),
    ]);
    const { items } = await tasks.tasks(EEB);
    expect(items.map((i) => [i.code, i.events])).toEqual([['A-001', ['APPROVE']]]);
  });

  it('土壤法 arts. 62–63: a monitoring report awaits the holder only once its deadline is due', async () => {
    const open = setup([plot('p1', 'A-001', 'listed.riskControl', ['SUBMIT_MONITORING_REPORT'], { deadlines: [deadline('monitoring_report', '2027-03-31', 'open')] })]);
    expect((await open.tasks(HOLDER)).items).toEqual([]);
    const due = setup([plot('p1', 'A-001', 'listed.riskControl', ['SUBMIT_MONITORING_REPORT'], { deadlines: [deadline('monitoring_report', '2027-03-31', 'due')] })]);
    expect((await due.tasks(HOLDER)).items).toEqual([expect.objectContaining({ code: 'A-001', events: ['SUBMIT_MONITORING_REPORT'], dueDate: '2027-03-31' })]);
  });

  it('a bureau watches the overdue deadlines of its own jurisdiction even with nothing to send; another jurisdiction’s it does not', async () => {
    const overdue = [deadline('annual_progress_report', '2026-12-31', 'overdue')];
    const tasks = setup([
      plot('p1', 'A-001', 'listed.riskControl', [], { deadlines: overdue }),
      { ...plot('p2', 'B-001', 'listed.riskControl', [], { deadlines: overdue }), row: { id: 'p2', code: 'B-001', state: 'listed.riskControl', jurisdictionCode: '410105', holderOrganisationId: 'x' } },
    ]);
    const { items } = await tasks.tasks(EEB);
    expect(items).toEqual([expect.objectContaining({ kind: 'plot', code: 'A-001', events: [], overdue: true })]);
  });

  it('DESIGN §1.1: a city’s bureau watches the overdue deadlines of the districts below it; another city’s bureau does not', async () => {
    const overdue = [deadline('annual_progress_report', '2026-12-31', 'overdue')];
    const tasks = setup([plot('p1', 'A-001', 'listed.riskControl', [], { deadlines: overdue })]);
    const city = { ...EEB, jurisdictionCode: '410100', level: 'city' } as Principal;
    expect((await tasks.tasks(city)).items).toEqual([expect.objectContaining({ code: 'A-001', events: [], overdue: true })]);
    expect((await tasks.tasks({ ...city, jurisdictionCode: '410200' })).items).toEqual([]);
  });

  it('a plot’s to-do leaves its transports’ deadlines to the transports; a transport without a deadline is dated by its planned start', async () => {
    const tasks = setup(
      [plot('p1', 'A-001', 'listed.remediation.works', [], { deadlines: [deadline('transport_acknowledgement', '2026-10-09', 'overdue', 't1')] })],
      [
        {
          row: { id: 't1', plotId: 'p1', plotCode: 'A-001', plotName: '地块A-001', state: 'draft', number: 2 },
          allowedEvents: ['SUBMIT', 'CANCEL'],
          plannedStart: '2026-10-09',
        },
      ],
    );
    const { items } = await tasks.tasks(HOLDER);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'transport', id: 't1', plotId: 'p1', events: ['SUBMIT'], batchNo: '第2批', dueDate: '2026-10-09', overdue: false }),
    ]);
  });
});
