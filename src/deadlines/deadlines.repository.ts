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

/** A transport's deadlines not yet satisfied. */
export async function openDeadlinesOfTransport(em: EntityManager, transportId: string): Promise<DeadlineView[]> {
  const rows = await em.query(
    `SELECT ${VIEW_COLUMNS} FROM deadlines d WHERE d.transport_id = $1 AND d.status <> 'done' ORDER BY d.due_date`,
    [transportId],
  );
  return rows.map(toView);
}

/** Carries out a deadline plan inside the transition's transaction. */
export async function applyDeadlinePlan(
  em: EntityManager,
  target: { plotId: string; transportId: string | null },
  plan: DeadlinePlan,
  auditId: string | null,
  now: Date,
): Promise<void> {
  for (const c of plan.close) {
    await em.query(
      `UPDATE deadlines SET status = 'done', closed_at = $4, closed_reason = $5, closed_audit_id = $6
        WHERE plot_id = $1 AND transport_id IS NOT DISTINCT FROM $2 AND status <> 'done' AND ($3 = '*' OR kind = $3)`,
      [target.plotId, target.transportId, c.kind, now, c.reason, auditId],
    );
  }
  for (const o of plan.open) {
    await em.query(
      `INSERT INTO deadlines (plot_id, transport_id, kind, due_date, status, opened_at, audit_id)
       VALUES ($1, $2, $3, $4, 'open', $5, $6)
       ON CONFLICT (plot_id, due_date) WHERE kind = 'annual_progress_report' DO NOTHING`,
      [target.plotId, target.transportId, o.kind, o.dueDate, now, auditId],
    );
  }
}
