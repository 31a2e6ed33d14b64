import { Inject, Injectable, Optional } from '@nestjs/common';
import { yearlyDeadlines } from '../key-units/key-unit-duties';
import { AppClock, CLOCK } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { annualDueDate, DEADLINE_LABELS, sweptStatus, type SweptStatus } from './deadline-rules';
import { DeadlinesRepository, type SweepCandidate } from './deadlines.repository';
import { NotificationsRepository, type NewNotification } from './notifications.repository';
import { UnitDeadlinesRepository } from './unit-deadlines.repository';

export interface SweepResult {
  today: string;
  /** annual progress reports opened for listed plots, and key units' yearly duties, that had none for this year */
  opened: number;
  /** deadlines that became due or overdue in this run */
  changed: number;
  notified: number;
}

/**
 * Marks deadlines due (today = due date) and overdue (today > due date) and
 * records one notification per deadline and status. The status change and the
 * notifications are one transaction over locked rows: a second runner (another
 * process, the same moment) waits for the first one's locks, re-reads the rows
 * and finds nothing left to do.
 */
@Injectable()
export class DeadlineSweep {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly notifications: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
    // Key units' yearly duties (土壤法第二十一条); the plot sweep's unit tests construct it without them.
    @Optional() private readonly unitDeadlines?: UnitDeadlinesRepository,
  ) {}

  run(): Promise<SweepResult> {
    const today = this.clock.today();
    const now = this.clock.now();
    return this.deadlines.transaction(async (em) => {
      // Every plot on the register owes this year's progress report (README, Deadlines), however it got there.
      const annualDue = annualDueDate(today, this.config.deadlines.annualReportDue);
      let opened = await this.deadlines.openAnnualReportsOfListed(em, annualDue, now);
      // Every key unit still operating owes this year's reports, and the bureau its monitoring around it.
      if (this.unitDeadlines) opened += await this.unitDeadlines.openYearlyUnitDeadlines(em, yearlyDeadlines(Number(today.slice(0, 4))), now);
      const changed: Array<SweepCandidate & { status: SweptStatus }> = [];
      for (const d of await this.deadlines.lockDueBy(em, today)) {
        const status = sweptStatus(d, today);
        if (status) changed.push({ ...d, status });
      }
      await this.deadlines.setStatuses(em, changed, now);
      let notified = 0;
      for (const c of changed) if (await this.notifications.recordOnce(em, notificationOf(c))) notified++;
      return { today, opened, changed: changed.length, notified };
    });
  }
}

/** The notification of a deadline that became due or overdue, in the words its readers see. */
export function notificationOf(c: SweepCandidate & { status: SweptStatus }): NewNotification {
  const when = c.status === 'due' ? '今日到期' : '已逾期';
  return {
    deadlineId: c.id,
    status: c.status,
    plotId: c.plotId,
    transportId: c.transportId,
    jurisdictionCode: c.jurisdictionCode,
    // The annual progress report is the bureau's own; the holder is told about the rest too.
    holderOrganisationId: c.kind === 'annual_progress_report' ? null : c.holderOrganisationId,
    message: `${c.code} ${c.name}：${DEADLINE_LABELS[c.kind]}${when}（期限 ${c.dueDate}）`,
  };
}
