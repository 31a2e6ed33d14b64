import { Inject, Injectable } from '@nestjs/common';
import { stateLabel } from '../../workflows/public-report/v1/labels';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { AWAITED, PUBLIC_REPORTS } from './public-report-reference';
import { PublicReportsRepository } from './public-reports.repository';

export interface PublicReportTask {
  kind: 'public_report';
  id: string;
  plotId: null;
  code: string;
  name: string;
  /** 公众举报：原化工厂旧址夜间有车辆倾倒……（待分派承办人，2026-05-07 到期） */
  title: string;
  state: string;
  stateLabel: string;
  events: string[];
  overdue: boolean;
  dueDate: string | null;
  deadlines: [];
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The open 12369 cases of a district 生态环境 bureau on its to-do, with the step awaited and its due date. */
@Injectable()
export class PublicReportTasks {
  constructor(
    private readonly reports: PublicReportsRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  async open(me: Principal, limit: number): Promise<PublicReportTask[]> {
    if (me.role !== 'eeb' || me.level !== 'district' || !me.jurisdictionCode) return [];
    const today = this.clock.today();
    const rows = await this.reports.openOf(me.jurisdictionCode, limit);
    return rows.map((r) => {
      const step = AWAITED[r.state] ? PUBLIC_REPORTS.deadlines[AWAITED[r.state]] : null;
      const dueDate = step ? addDays(r.receivedOn, step.days) : null;
      const awaiting = step ? step.label : '作出奖励决定后办结';
      return {
        kind: 'public_report', id: r.id, plotId: null, code: '公众举报', name: r.description,
        title: `公众举报：${r.description}（${awaiting}${dueDate ? `，${dueDate} 到期` : ''}）`,
        state: r.state, stateLabel: stateLabel(r.state), events: [], overdue: dueDate !== null && today > dueDate, dueDate, deadlines: [],
      };
    });
  }
}
