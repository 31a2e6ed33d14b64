import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { monitoringReference } from './monitoring-reference';
import { MonitoringRepository } from './monitoring.repository';

export interface MonitoringTask {
  kind: 'monitoring_point';
  id: string;
  plotId: null;
  code: string;
  name: string;
  /** what is overdue, in words */
  title: string;
  state: string;
  stateLabel: string;
  events: string[];
  overdue: true;
  dueDate: string;
  deadlines: [];
}

/**
 * Overdue monitoring points on the to-do (上政文〔2017〕147号 三（一）2: 基础点位每 5 年、风险点位每年监测 1 次): the
 * district environment bureau sees its district's points, an organisation responsible for a point sees that point.
 */
@Injectable()
export class MonitoringTasks {
  constructor(private readonly monitoring: MonitoringRepository, @Inject(CLOCK) private readonly clock: AppClock) {}

  async overdue(me: Principal, limit: number): Promise<MonitoringTask[]> {
    if (me.role === 'admin' || (me.role === 'eeb' && !me.jurisdictionCode)) return [];
    const kinds = monitoringReference().pointKinds;
    const rows = await this.monitoring.overdueFor(me, this.clock.today(), limit);
    return rows.map((p) => ({
      kind: 'monitoring_point',
      id: p.id,
      plotId: null,
      code: p.code,
      name: p.name,
      title: `监测点位 ${p.code} ${p.name}：${kinds[p.kind]?.label ?? ''}${p.frequencyYears === 1 ? '每年' : `每 ${p.frequencyYears} 年`}监测 1 次，应于 ${p.nextDueOn} 前完成，已逾期`,
      state: 'overdue',
      stateLabel: '监测逾期',
      events: [],
      overdue: true,
      dueDate: p.nextDueOn,
      deadlines: [],
    }));
  }
}
