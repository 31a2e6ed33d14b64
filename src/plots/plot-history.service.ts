import { Injectable } from '@nestjs/common';
import { plotEventLabel, plotStateLabel, transportEventLabel, transportStateLabel, type Role } from '../../workflows';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { AuditRepository } from '../engine/audit.repository';
import { ROLE_LABELS } from '../organisations/organisation.entity';
import { PlotsRepository } from './plots.repository';

/** A plot's timeline from the audit log: who, in which role and organisation, when, what, and why. */
@Injectable()
export class PlotHistoryService {
  constructor(
    private readonly plots: PlotsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async history(me: Principal, plotId: string) {
    if (!(await this.plots.findVisible(me, plotId))) throw new NotFoundError('地块不存在或无权查看');
    const rows = await this.audit.plotTimeline(plotId);
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        entity: r.entityType,
        entityId: r.entityId,
        type: r.eventType,
        typeLabel: r.entityType === 'plot' ? plotEventLabel(r.eventType) : transportEventLabel(r.eventType),
        actor: r.actorName,
        actorUserId: r.actorUserId,
        role: r.role,
        roleLabel: ROLE_LABELS[r.role as Role] ?? r.role,
        organisation: r.organisationName,
        organisationId: r.organisationId,
        from: r.fromState,
        to: r.toState,
        toLabel: r.entityType === 'plot' ? plotStateLabel(r.toState) : transportStateLabel(r.toState),
        at: r.at,
        payload: r.payload,
        machine: { name: r.machineName, version: r.machineVersion },
        hash: r.hash,
      })),
    };
  }
}
