import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createActor } from 'xstate';
import { CURRENT_VERSION, getMachine, persist, plotStateLabel, stateValueToPath, type RestoredSnapshot } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ForbiddenError, GuardRefusedError, NotFoundError, ValidationFailedError } from '../common/errors';
import { openDeadlinesOfTransport } from '../deadlines/deadlines.repository';
import { AuditRepository } from '../engine/audit.repository';
import { TransitionService } from '../engine/transition.service';
import { PlotsRepository } from '../plots/plots.repository';
import { TransportWorkflowAdapter } from './transport-workflow.adapter';
import { toTransportView, type TransportView } from './transport-view';
import { TransportsRepository, type TransportRow } from './transports.repository';

const MACHINE = 'soil-transport';
const REMEDIATION = 'listed.remediation.';

/** Soil-transport batches of a plot: opening one, reading them, and sending their events through the engine. */
@Injectable()
export class TransportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly transports: TransportsRepository,
    private readonly plots: PlotsRepository,
    private readonly adapter: TransportWorkflowAdapter,
    private readonly engine: TransitionService,
    private readonly audit: AuditRepository,
  ) {}

  /** Opens a batch in `draft` for the plot's holder; the plan comes with SUBMIT. */
  async open(me: Principal, plotId: string, body: unknown): Promise<TransportView> {
    if (body !== undefined && body !== null && (typeof body !== 'object' || Object.keys(body).length > 0)) {
      throw new ValidationFailedError([{ field: 'body', message: '新建转运批次不需要请求内容；转运计划随 SUBMIT 事件报送' }]);
    }
    return this.ds.transaction(async (em) => {
      // The plot's lock orders this against COMPLETE_WORKS, which counts the open transports.
      const plot = await this.plots.findVisible(me, plotId, { em, lock: true });
      if (!plot) throw new NotFoundError('地块不存在或无权查看');
      if (me.role !== 'holder' || plot.holderOrganisationId !== me.organisationId) {
        throw new ForbiddenError('只有本地块的土地使用权人可以新建转运批次');
      }
      if (!plot.state.startsWith(REMEDIATION)) {
        throw new GuardRefusedError('plotInRemediation', `地块处于“${plotStateLabel(plot.state)}”，只有治理与修复阶段的地块可以外运污染土壤（土壤法第四十一条）`);
      }
      const id = randomUUID();
      const version = CURRENT_VERSION[MACHINE];
      const { machine } = getMachine(MACHINE, version);
      const input = { transportId: id, plotId, holderOrganisationId: plot.holderOrganisationId, originJurisdiction: plot.jurisdictionCode };
      const snapshot = createActor(machine, { input }).getSnapshot();
      const state = stateValueToPath(snapshot.value);
      await this.transports.insert(em, {
        id, plotId, holderOrganisationId: plot.holderOrganisationId, originJurisdiction: plot.jurisdictionCode,
        machineName: MACHINE, machineVersion: version, state, snapshot: persist(machine, snapshot), createdBy: me.userId,
      });
      await this.audit.append(em, {
        entityType: 'transport', entityId: id, plotId, eventType: 'OPEN', payload: {},
        actorUserId: me.userId, actorName: me.displayName, role: me.role, organisationId: me.organisationId,
        organisationName: me.organisationName, fromState: null, toState: state, machineName: MACHINE, machineVersion: version,
      }, { seq: 0, hash: null });
      return this.view(em, me, (await this.transports.findVisible(me, id, { em }))!);
    });
  }

  async listForPlot(me: Principal, plotId: string) {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    const em = this.ds.manager;
    const rows = await this.transports.listForPlot(me, plotId, em);
    const items = [];
    for (const row of rows) items.push(await this.view(em, me, row));
    return { items };
  }

  async get(me: Principal, id: string): Promise<TransportView> {
    const row = await this.transports.findVisible(me, id);
    if (!row) throw new NotFoundError('转运批次不存在或无权查看');
    return this.view(this.ds.manager, me, row);
  }

  sendEvent(me: Principal, id: string, body: unknown, idempotencyKey?: string): Promise<TransportView> {
    return this.engine.send(this.adapter, me, id, body, (em, row, restored) => this.view(em, me, row, restored), {
      idempotencyKey,
    }) as Promise<TransportView>;
  }

  /** The transport as the caller sees it, with the events the caller may send now. */
  async view(em: EntityManager, me: Principal, row: TransportRow, restored?: RestoredSnapshot): Promise<TransportView> {
    const r = restored ?? this.engine.restore(row);
    return {
      ...toTransportView(row),
      allowedEvents: await this.engine.allowedEvents(em, this.adapter, me, row, r),
      context: r.snapshot.context as Record<string, unknown>,
      deadlines: await openDeadlinesOfTransport(em, row.id),
    };
  }
}
