import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppClock, CLOCK } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { annualDueDate, DEADLINE_LABELS, type DeadlineKind } from './deadline-rules';

export interface SweepResult {
  today: string;
  /** annual progress reports opened for listed plots that had none for this year */
  opened: number;
  /** deadlines that became due or overdue in this run */
  changed: number;
  notified: number;
}

interface Changed {
  id: string;
  status: 'due' | 'overdue';
  kind: DeadlineKind;
  dueDate: string;
  plotId: string;
  transportId: string | null;
  code: string;
  name: string;
  jurisdictionCode: string;
  holderOrganisationId: string;
}

/**
 * Marks deadlines due (today = due date) and overdue (today > due date) and
 * records one notification per deadline and status. The status change and the
 * notifications are one transaction, and the UPDATE only takes rows whose
 * status still needs changing: a second runner (another process, the same
 * moment) waits for the first one's row locks, re-reads the rows and finds
 * nothing left to do.
 */
@Injectable()
export class DeadlineSweep {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  run(): Promise<SweepResult> {
    const today = this.clock.today();
    return this.ds.transaction(async (em) => {
      const opened = await this.openAnnualReports(em, today);
      const [changed] = (await em.query(
        `UPDATE deadlines d SET status = CASE WHEN d.due_date < $1::date THEN 'overdue' ELSE 'due' END, status_changed_at = $2
           FROM plots p
          WHERE p.id = d.plot_id AND d.status IN ('open', 'due')
            AND (d.due_date < $1::date OR (d.due_date = $1::date AND d.status = 'open'))
          RETURNING d.id, d.status, d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", d.plot_id AS "plotId",
            d.transport_id AS "transportId", p.code, p.name, p.jurisdiction_code AS "jurisdictionCode",
            p.holder_organisation_id AS "holderOrganisationId"`,
        [today, this.clock.now()],
      )) as [Changed[], number];
      let notified = 0;
      for (const c of changed) notified += await this.notify(em, c);
      return { today, opened, changed: changed.length, notified };
    });
  }

  /** Every plot on the register owes this year's progress report (DESIGN §2.4), however it got there. */
  private async openAnnualReports(em: EntityManager, today: string): Promise<number> {
    const rows = await em.query(
      `INSERT INTO deadlines (plot_id, kind, due_date, status, opened_at)
       SELECT p.id, 'annual_progress_report', $1::date, 'open', $2 FROM plots p WHERE p.state LIKE 'listed.%'
       ON CONFLICT (plot_id, due_date) WHERE kind = 'annual_progress_report' DO NOTHING
       RETURNING id`,
      [annualDueDate(today, this.config.deadlines.annualReportDue), this.clock.now()],
    );
    return rows.length;
  }

  private async notify(em: EntityManager, c: Changed): Promise<number> {
    const when = c.status === 'due' ? '今日到期' : '已逾期';
    const message = `${c.code} ${c.name}：${DEADLINE_LABELS[c.kind]}${when}（期限 ${c.dueDate}）`;
    // The annual progress report is the bureau's own; the holder is told about the rest too.
    const holder = c.kind === 'annual_progress_report' ? null : c.holderOrganisationId;
    const rows = await em.query(
      `INSERT INTO notifications (deadline_id, status, plot_id, transport_id, jurisdiction_code, holder_organisation_id, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (deadline_id, status) DO NOTHING RETURNING id`,
      [c.id, c.status, c.plotId, c.transportId, c.jurisdictionCode, holder, message],
    );
    return rows.length;
  }
}
