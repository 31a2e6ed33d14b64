import type { EntityManager } from 'typeorm';
import { DEADLINE_LABELS, type DeadlineKind, type DeadlinePlan } from './deadline-rules';

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
