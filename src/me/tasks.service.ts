import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CURRENT_VERSION, getMachine, plotStateLabel, type MachineName } from '../../workflows';
import { taskLabel } from './task-labels';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { jurisdictionCovers } from '../common/jurisdiction';
import { Transactions } from '../database/transactions';
import { readDeadlines, type DeadlineView } from '../deadlines/deadlines.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { PlotsService } from '../plots/plots.service';
import { TransportsRepository } from '../transports/transports.repository';
import { TransportsService } from '../transports/transports.service';
import { KeyUnitTasks, type KeyUnitTask } from '../key-units/key-unit-tasks';
import { MonitoringTasks, type MonitoringTask } from '../monitoring/monitoring-tasks';
import { PublicReportTasks, type PublicReportTask } from '../public-reports/public-report-tasks';
import { candidateStates, isPending } from './pending-events';

export interface TaskItem {
  kind: 'plot' | 'transport';
  id: string;
  plotId: string;
  code: string;
  name: string;
  state: string;
  stateLabel: string;
  /** the events awaiting the caller */
  events: string[];
  /** each event as the task it asks for (审查初步调查报告), in the events' order */
  taskLabels: string[];
  overdue: boolean;
  dueDate?: string;
  /** for a transport: its batch number */
  batchNo?: string;
  deadlines: Array<Pick<DeadlineView, 'kind' | 'label' | 'dueDate' | 'status'>>;
}

const PENDING_DEADLINE = new Set(['due', 'overdue']);
const LIMIT = 500;

function machineOf(name: MachineName) {
  return getMachine(name, CURRENT_VERSION[name]);
}

/**
 * 待办: what awaits the caller now. Candidate plots and transports are picked
 * by their repositories (visible to the caller, in a state where the caller's role has
 * something to do, or with a deadline due); then the engine says which events
 * the caller may send, and pending-events.ts which of those await them.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly plots: PlotsRepository,
    private readonly plotViews: PlotsService,
    private readonly transports: TransportsRepository,
    private readonly transportViews: TransportsService,
    private readonly keyUnits: KeyUnitTasks,
    private readonly monitoring: MonitoringTasks,
    private readonly publicReports: PublicReportTasks,
    // Due and overdue read from the due dates and today (issue 22), not from the sweep's flags.
    @Optional() @Inject(CLOCK) private readonly clock?: AppClock,
  ) {}

  async tasks(me: Principal): Promise<{ items: Array<TaskItem | KeyUnitTask | MonitoringTask | PublicReportTask> }> {
    const em = this.transactions.outside;
    const items = [...(await this.plotTasks(em, me)), ...(await this.transportTasks(em, me)), ...(await this.keyUnits.overdue(em, me, LIMIT)), ...(await this.keyUnits.violations(em, me, LIMIT)), ...(await this.monitoring.overdue(me, LIMIT)), ...(await this.publicReports.open(me, LIMIT))];
    items.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') ||
        a.code.localeCompare(b.code) ||
        a.kind.localeCompare(b.kind),
    );
    return { items };
  }

  private async plotTasks(em: EntityManager, me: Principal): Promise<TaskItem[]> {
    const def = machineOf('plot-lifecycle');
    const states = candidateStates(def.machine, def.policy, me.role);
    const ids = await this.plots.taskCandidateIds(me, states, LIMIT, em, this.clock?.today());
    const out: TaskItem[] = [];
    for (const id of ids) {
      const row = await this.plots.findById(id, em);
      if (!row) continue;
      const view = await this.plotViews.view(em, me, row);
      const deadlines = readDeadlines((view.deadlines ?? []) as DeadlineView[], this.clock).filter((d) => d.transportId === null);
      const dueKinds = new Set(deadlines.filter((d) => PENDING_DEADLINE.has(d.status)).map((d) => d.kind as string));
      const events = (view.allowedEvents ?? []).filter((type) => isPending(type, { state: row.state, context: view.context ?? {}, dueKinds }));
      const watching = dueKinds.size > 0 && this.supervises(me, row);
      if (!events.length && !watching) continue;
      out.push({
        kind: 'plot',
        id: row.id,
        plotId: row.id,
        code: row.code,
        name: row.name,
        state: row.state,
        stateLabel: plotStateLabel(row.state),
        events,
        taskLabels: events.map((e) => taskLabel(row.state, e, def.eventLabel(e))),
        ...deadlineFacts(deadlines),
      });
    }
    return out;
  }

  private async transportTasks(em: EntityManager, me: Principal): Promise<TaskItem[]> {
    const def = machineOf('soil-transport');
    const states = candidateStates(def.machine, def.policy, me.role);
    if (!states.length) return [];
    const out: TaskItem[] = [];
    for (const row of await this.transports.listInStates(me, states, em)) {
      const view = await this.transportViews.view(em, me, row);
      const deadlines = readDeadlines(view.deadlines ?? [], this.clock);
      const dueKinds = new Set(deadlines.filter((d) => PENDING_DEADLINE.has(d.status)).map((d) => d.kind as string));
      const events = (view.allowedEvents ?? []).filter((type) => isPending(type, { state: row.state, context: view.context ?? {}, dueKinds }));
      if (!events.length) continue;
      const facts = deadlineFacts(deadlines);
      out.push({
        kind: 'transport',
        id: row.id,
        plotId: row.plotId,
        code: row.plotCode,
        name: row.plotName,
        state: row.state,
        stateLabel: view.stateLabel,
        events,
        taskLabels: events.map((e) => taskLabel(row.state, e, def.eventLabel(e))),
        batchNo: view.batchNo,
        ...facts,
        dueDate: facts.dueDate ?? view.plan?.plannedStart,
      });
    }
    return out;
  }

  /** Whether the caller answers for the plot's deadlines: its bureau's jurisdiction's subtree (DESIGN §1.1), or its own organisation. */
  private supervises(me: Principal, row: { jurisdictionCode: string; holderOrganisationId: string }): boolean {
    if (me.role === 'eeb' || me.role === 'land') return jurisdictionCovers(me.jurisdictionCode, row.jurisdictionCode);
    return me.role === 'holder' && row.holderOrganisationId === me.organisationId;
  }
}

function deadlineFacts(deadlines: DeadlineView[]) {
  const first = deadlines[0];
  return {
    overdue: deadlines.some((d) => d.status === 'overdue'),
    ...(first ? { dueDate: first.dueDate } : {}),
    deadlines: deadlines.map(({ kind, label, dueDate, status }) => ({ kind, label, dueDate, status })),
  };
}
