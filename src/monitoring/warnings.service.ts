import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RestoredSnapshot, Role } from '../../workflows';
import type { WarningContext } from '../../workflows/monitoring-warning/v1/context';
import { eventLabel, stateLabel } from '../../workflows/monitoring-warning/v1/labels';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { Transactions } from '../database/transactions';
import { AuditRepository } from '../engine/audit.repository';
import { TransitionService } from '../engine/transition.service';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import type { ListWarningsQuery } from './dto/monitoring.query';
import { toWarningSummary, warningHandling } from './monitoring-view';
import { MonitoringRepository, type WarningRow } from './monitoring.repository';
import { WarningWorkflowAdapter } from './warning-workflow.adapter';

/** 土壤环境质量预警 (上政文〔2017〕147号 三（一）4): the warnings of the caller's subtree, and their handling through the engine. */
@Injectable()
export class WarningsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly monitoring: MonitoringRepository,
    private readonly adapter: WarningWorkflowAdapter,
    private readonly engine: TransitionService,
    private readonly audit: AuditRepository,
  ) {}

  async page(me: Principal, q: ListWarningsQuery) {
    const { items, total } = await this.monitoring.warnings(me, { open: q.status === 'open', pointId: q.pointId, page: q.page, pageSize: q.pageSize });
    return { items: items.map(toWarningSummary), total, page: q.page, pageSize: q.pageSize };
  }

  async get(me: Principal, id: string) {
    const row = await this.monitoring.findWarning(me, id);
    if (!row) throw new NotFoundError(this.adapter.notFoundMessage);
    return this.view(this.transactions.outside, me, row);
  }

  send(me: Principal, id: string, body: unknown, idempotencyKey?: string) {
    return this.engine.send(this.adapter, me, id, body, (em, row, restored) => this.view(em, me, row, restored), { idempotencyKey });
  }

  async history(me: Principal, id: string) {
    if (!(await this.monitoring.findWarning(me, id))) throw new NotFoundError(this.adapter.notFoundMessage);
    const rows = await this.audit.history('warning', id);
    return {
      items: rows.map((r) => ({
        seq: r.seq, type: r.eventType, typeLabel: eventLabel(r.eventType), actor: r.actorName, role: r.role,
        roleLabel: ROLE_LABELS[r.role as Role] ?? r.role, organisation: r.organisationName, from: r.fromState, to: r.toState,
        toLabel: stateLabel(r.toState), at: r.at, payload: r.payload, hash: r.hash,
      })),
    };
  }

  private async view(em: EntityManager, me: Principal, row: WarningRow, restored?: RestoredSnapshot) {
    const r = restored ?? this.engine.restore(row);
    const allowed = await this.engine.allowedEvents(em, this.adapter, me, row, r);
    return {
      ...toWarningSummary(row),
      handling: warningHandling(r.snapshot.context as WarningContext),
      allowedEvents: allowed.map((type) => ({ type, label: eventLabel(type) })),
    };
  }
}
