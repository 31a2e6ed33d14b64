import { Injectable } from '@nestjs/common';
import { getMachine } from '../../workflows';
import type { Principal } from '../auth/principal';
import { DoneRepository, type DoneRow } from './done.repository';

const ENTITY_LABELS: Record<string, string> = {
  plot: '地块',
  transport: '污染土壤转运',
  key_unit: '重点监管单位',
  warning: '监测预警',
  public_report: '公众举报',
};

function labelsOf(r: DoneRow): { event: string; state: string } {
  try {
    const def = getMachine(r.machineName, r.machineVersion);
    return { event: def.eventLabel(r.eventType), state: def.stateLabel(r.toState) };
  } catch {
    return { event: '办理事项', state: '' };
  }
}

/** 已办 (issue 22 point 2): the caller's own recent steps from the audit trail, paged, in words. */
@Injectable()
export class DoneService {
  constructor(private readonly done: DoneRepository) {}

  async list(me: Principal, page: number, pageSize: number) {
    const rows = await this.done.byActor(me.userId, pageSize + 1, (page - 1) * pageSize);
    return {
      page,
      pageSize,
      hasMore: rows.length > pageSize,
      items: rows.slice(0, pageSize).map((r) => {
        const labels = labelsOf(r);
        return {
          id: r.id,
          entityType: r.entityType,
          entityLabel: ENTITY_LABELS[r.entityType] ?? '记录',
          entityId: r.entityId,
          plotId: r.plotId,
          code: r.code,
          name: r.name,
          eventType: r.eventType,
          eventLabel: labels.event,
          toStateLabel: labels.state,
          at: r.at,
        };
      }),
    };
  }
}
