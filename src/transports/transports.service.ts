import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RestoredSnapshot } from '../../workflows';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { openDeadlinesOfTransport, readDeadlines } from '../deadlines/deadlines.repository';
import { TransitionService } from '../engine/transition.service';
import { PlotsRepository } from '../plots/plots.repository';
import { TransportWorkflowAdapter } from './transport-workflow.adapter';
import { toTransportView, type TransportView } from './transport-view';
import { TransportsRepository, type TransportRow } from './transports.repository';

/** Soil-transport batches of a plot: opening one, reading them, and sending their events through the engine. */
@Injectable()
export class TransportsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly transports: TransportsRepository,
    private readonly plots: PlotsRepository,
    private readonly adapter: TransportWorkflowAdapter,
    private readonly engine: TransitionService,
    // Overdue is read from the due date and today (issue 22).
    @Optional() @Inject(CLOCK) private readonly clock?: AppClock,
  ) {}

  /** Opens a batch in `draft` through the engine (the plot's holder, while the plot is under 治理与修复); the plan comes with SUBMIT. */
  async open(me: Principal, plotId: string, body: unknown): Promise<TransportView> {
    if (body !== undefined && body !== null && (typeof body !== 'object' || Object.keys(body).length > 0)) {
      throw new ValidationFailedError([{ field: 'body', message: '新建转运批次不需要请求内容；转运计划随 SUBMIT 事件报送' }]);
    }
    const view = (em: EntityManager, row: TransportRow, restored: RestoredSnapshot) => this.view(em, me, row, restored);
    return this.engine.start(this.adapter, me, plotId, view) as Promise<TransportView>;
  }

  async listForPlot(me: Principal, plotId: string) {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    const em = this.transactions.outside;
    const rows = await this.transports.listForPlot(me, plotId, em);
    const items = [];
    for (const row of rows) items.push(await this.view(em, me, row));
    return { items };
  }

  async get(me: Principal, id: string): Promise<TransportView> {
    const row = await this.transports.findVisible(me, id);
    if (!row) throw new NotFoundError('转运批次不存在或无权查看');
    return this.view(this.transactions.outside, me, row);
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
      deadlines: readDeadlines(await openDeadlinesOfTransport(em, row.id), this.clock),
    };
  }
}
