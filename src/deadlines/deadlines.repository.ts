import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkingDayCalendar } from '../calendar/working-days';
import { daysLeftOf } from '../supervision/days-left';
import { DEADLINE_LABELS, type DeadlineKind, type DeadlinePlan, type SweptStatus } from './deadline-rules';

export type DeadlineStatus = 'open' | 'due' | 'overdue' | 'done';

export interface DeadlineView {
  id: string;
  kind: DeadlineKind;
  label: string;
  dueDate: string;
  status: DeadlineStatus;
  overdue: boolean;
  transportId: string | null;
  openedAt: string;
}

const VIEW_COLUMNS = `d.id, d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", d.status,
  d.transport_id AS "transportId", d.opened_at AS "openedAt"`;

function toView(r: Omit<DeadlineView, 'label' | 'overdue'>): DeadlineView {
  return { ...r, label: DEADLINE_LABELS[r.kind], overdue: r.status === 'overdue', openedAt: new Date(r.openedAt).toISOString() };
}

/**
 * A deadline's status as of `today` (China Standard Time), read from its due date rather than from the sweep's flag
 * (issue 22): a duty past its date is overdue the moment it is read, whether or not the sweep has run since.
 */
export function statusAsOf(d: { status: DeadlineStatus; dueDate: string }, today: string): DeadlineStatus {
  if (d.status === 'done') return 'done';
  return d.dueDate < today ? 'overdue' : d.dueDate === today ? 'due' : 'open';
}

/** Deadline views with their status and overdue flag read as of `today`. */
export function asOf<T extends Pick<DeadlineView, 'status' | 'dueDate' | 'overdue'>>(views: readonly T[], today: string): T[] {
  return views.map((v) => {
    const status = statusAsOf(v, today);
    return { ...v, status, overdue: status === 'overdue' };
  });
}

/** The views as of the clock's today; as stored without a clock (unit tests of the views). */
export function readDeadlines<T extends Pick<DeadlineView, 'status' | 'dueDate' | 'overdue'>>(views: readonly T[], clock?: { today(): string }): T[] {
  return clock ? asOf(views, clock.today()) : [...views];
}

/** A plot's nearest open deadline as the plot list shows it: what, when, and days left (negative: days overdue). */
export function nearestDeadlineView(d: { kind: DeadlineKind; dueDate: string } | null, today: string | undefined, calendar?: WorkingDayCalendar) {
  if (!d) return null;
  const base = { kind: d.kind, label: DEADLINE_LABELS[d.kind], dueDate: d.dueDate };
  if (!today) return { ...base, daysLeft: null, overdue: false };
  // Told as the supervisor's view tells it: a review's time in working days, every other duty's in calendar days.
  const { daysLeft, overdue, daysUnit, workingDaysLeft, daysText } = daysLeftOf(d.kind, d.dueDate, today, calendar);
  return { ...base, daysLeft, overdue, daysUnit, workingDaysLeft, daysText };
}

/** The plot's deadlines not yet satisfied (its transports' included), earliest first. */
export async function openDeadlinesOf(em: EntityManager, plotId: string): Promise<DeadlineView[]> {
  const rows = await em.query(
    `SELECT ${VIEW_COLUMNS} FROM deadlines d WHERE d.plot_id = $1 AND d.status <> 'done' ORDER BY d.due_date, d.kind`,
    [plotId],
  );
  return rows.map(toView);
}

/** The same list as a jsonb array, for a query that reads a plot (`plotId` is the SQL expression of its id). */
export function openDeadlinesJson(plotId: string): string {
  return `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'kind', d.kind, 'dueDate', to_char(d.due_date, 'YYYY-MM-DD'),
             'status', d.status, 'transportId', d.transport_id, 'openedAt', d.opened_at) ORDER BY d.due_date, d.kind), '[]')
             FROM deadlines d WHERE d.plot_id = ${plotId} AND d.status <> 'done')`;
}

/** Deadlines read as jsonb (see openDeadlinesJson) as the API shows them. */
export function deadlineViews(rows: Array<Omit<DeadlineView, 'label' | 'overdue'>>): DeadlineView[] {
  return rows.map(toView);
}

/** A transport's deadlines not yet satisfied. */
export async function openDeadlinesOfTransport(em: EntityManager, transportId: string): Promise<DeadlineView[]> {
  const rows = await em.query(
    `SELECT ${VIEW_COLUMNS} FROM deadlines d WHERE d.transport_id = $1 AND d.status <> 'done' ORDER BY d.due_date`,
    [transportId],
  );
  return rows.map(toView);
}

/** A deadline plan to carry out with the step that caused it. */
export interface DeadlineWrite {
  target: { plotId: string; transportId: string | null };
  plan: DeadlinePlan;
  now: Date;
}

/**
 * Common table expressions that carry out a deadline plan inside the statement
 * that appends the step's audit row (`audit` names that row's CTE). Closing
 * sees the deadlines as they were before the statement, so a deadline opened
 * by the same step is never closed by it; where several closings match one
 * deadline, the first in the plan gives the reason.
 */
export function deadlineCtes(write: DeadlineWrite, param: (value: unknown) => string): string[] {
  const { target, plan, now } = write;
  const ctes: string[] = [];
  const plot = param(target.plotId);
  const transport = param(target.transportId);
  const at = param(now);
  if (plan.close.length) {
    const closings = param(JSON.stringify(plan.close.map((c, i) => ({ ...c, ord: i }))));
    const match = `FROM jsonb_to_recordset(${closings}::jsonb) AS c(kind text, reason text, ord int)
                    WHERE c.kind = '*' OR c.kind = d.kind`;
    ctes.push(`deadlines_closed AS (
         UPDATE deadlines d SET status = 'done', closed_at = ${at}::timestamptz, closed_audit_id = (SELECT id FROM audit),
                closed_reason = (SELECT c.reason ${match} ORDER BY c.ord LIMIT 1)
          WHERE d.plot_id = ${plot}::uuid AND d.transport_id IS NOT DISTINCT FROM ${transport}::uuid AND d.status <> 'done'
            AND EXISTS (SELECT 1 ${match})
       )`);
  }
  if (plan.open.length) {
    const openings = param(JSON.stringify(plan.open));
    ctes.push(`deadlines_opened AS (
         INSERT INTO deadlines (plot_id, transport_id, kind, due_date, status, opened_at, audit_id)
         SELECT ${plot}::uuid, ${transport}::uuid, o.kind, o."dueDate", 'open', ${at}::timestamptz, audit.id
           FROM audit, jsonb_to_recordset(${openings}::jsonb) AS o(kind text, "dueDate" date)
         ON CONFLICT (plot_id, due_date) WHERE kind = 'annual_progress_report' DO NOTHING
       )`);
  }
  return ctes;
}

/** A deadline the sweep may move on, with the facts of its plot that the notification names. */
export interface SweepCandidate {
  id: string;
  status: DeadlineStatus;
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
 * Owns the SQL of `deadlines`. The functions above serve the plot and transport
 * views and the engine's transition statement; the class serves the sweep and
 * the D14 annual report.
 */
@Injectable()
export class DeadlinesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Opens the annual progress report due on `dueDate` for every plot on the register lacking it; how many it opened. */
  async openAnnualReportsOfListed(em: EntityManager, dueDate: string, now: Date): Promise<number> {
    const rows = await em.query(
      `INSERT INTO deadlines (plot_id, kind, due_date, status, opened_at)
       SELECT p.id, 'annual_progress_report', $1::date, 'open', $2 FROM plots p WHERE p.state LIKE 'listed.%'
       ON CONFLICT (plot_id, due_date) WHERE kind = 'annual_progress_report' DO NOTHING
       RETURNING id`,
      [dueDate, now],
    );
    return rows.length;
  }

  /**
   * Locks the deadlines not done and due by `today`, in id order so that two
   * sweeps never deadlock. A second sweep waits here for the first one's locks,
   * then re-reads each row: what the first marked overdue is gone.
   */
  lockDueBy(em: EntityManager, today: string): Promise<SweepCandidate[]> {
    return em.query(
      `SELECT d.id, d.status, d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", d.plot_id AS "plotId",
              d.transport_id AS "transportId", p.code, p.name, p.jurisdiction_code AS "jurisdictionCode",
              p.holder_organisation_id AS "holderOrganisationId"
         FROM deadlines d JOIN plots p ON p.id = d.plot_id
        WHERE d.status IN ('open', 'due') AND d.due_date <= $1::date
        ORDER BY d.id FOR UPDATE OF d`,
      [today],
    );
  }

  async setStatuses(em: EntityManager, changes: ReadonlyArray<{ id: string; status: SweptStatus }>, now: Date): Promise<void> {
    if (!changes.length) return;
    await em.query(
      `UPDATE deadlines d SET status = c.status, status_changed_at = $2
         FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, status text) WHERE d.id = c.id`,
      [JSON.stringify(changes.map(({ id, status }) => ({ id, status }))), now],
    );
  }

  /** Closes the annual progress reports due in `year` of the jurisdiction's plots; how many it closed. */
  async closeAnnualReports(
    em: EntityManager,
    close: { jurisdictionCode: string; year: number; now: Date; auditId: string | null },
  ): Promise<number> {
    const [, count] = await em.query(
      `UPDATE deadlines d SET status = 'done', closed_at = $3, closed_reason = 'reported', closed_audit_id = $4
         FROM plots p
        WHERE p.id = d.plot_id AND p.jurisdiction_code = $1 AND d.kind = 'annual_progress_report'
          AND extract(year FROM d.due_date) = $2 AND d.status <> 'done'`,
      [close.jurisdictionCode, close.year, close.now, close.auditId],
    );
    return count;
  }
}
