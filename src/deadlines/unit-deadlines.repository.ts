import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeadlineKind } from './deadline-rules';
import type { DeadlineStatus } from './deadlines.repository';

type CloseReasonText = 'left_register' | 'final';

/**
 * The deadlines of key units (migration KeyUnits: deadlines.unit_id): their yearly duties, opened at listing and each
 * year, closed by the filing that satisfies them. The sweep of plot deadlines does not read them (it joins plots):
 * a unit's deadline is overdue once its date has passed, as the to-do list reads it.
 */
@Injectable()
export class UnitDeadlinesRepository {
  /** Opens a key unit's deadlines (its yearly duties); one per unit, kind and due date whatever the number of calls. */
  async openUnitDeadlines(em: EntityManager, unitId: string, items: ReadonlyArray<{ kind: DeadlineKind; dueDate: string }>, now: Date, auditId: string | null = null): Promise<void> {
    if (!items.length) return;
    await em.query(
      `INSERT INTO deadlines (unit_id, kind, due_date, status, opened_at, audit_id)
       SELECT $1, i.kind, i.due_date, 'open', $3, $4 FROM jsonb_to_recordset($2::jsonb) AS i(kind text, due_date date)
       ON CONFLICT (unit_id, kind, due_date) WHERE unit_id IS NOT NULL DO NOTHING`,
      [unitId, JSON.stringify(items.map((i) => ({ kind: i.kind, due_date: i.dueDate }))), now, auditId],
    );
  }

  /** Opens this year's yearly deadlines of every unit still operating (the sweep); how many it opened. */
  async openYearlyUnitDeadlines(em: EntityManager, items: ReadonlyArray<{ kind: DeadlineKind; dueDate: string }>, now: Date): Promise<number> {
    const rows = await em.query(
      `INSERT INTO deadlines (unit_id, kind, due_date, status, opened_at)
       SELECT k.id, i.kind, i.due_date, 'open', $2 FROM key_units k CROSS JOIN jsonb_to_recordset($1::jsonb) AS i(kind text, due_date date)
        WHERE k.state NOT IN ('closed', 'removed') AND k.listed_on <= i.due_date
       ON CONFLICT (unit_id, kind, due_date) WHERE unit_id IS NOT NULL DO NOTHING RETURNING id`,
      [JSON.stringify(items.map((i) => ({ kind: i.kind, due_date: i.dueDate }))), now],
    );
    return rows.length;
  }

  /**
   * Closes a unit's deadline of `kind` due on `dueDate` (or, without a date, its earliest open one) as satisfied by
   * the step `auditId`; the deadline closed, if any.
   */
  async closeUnitDeadline(em: EntityManager, c: { unitId: string; kind: DeadlineKind; dueDate: string | null; now: Date; auditId: string }): Promise<{ dueDate: string } | undefined> {
    const [row] = await em.query(
      `UPDATE deadlines SET status = 'done', closed_at = $4, closed_reason = 'satisfied', closed_audit_id = $5
        WHERE id = (SELECT id FROM deadlines WHERE unit_id = $1 AND kind = $2 AND status <> 'done'
                      AND ($3::date IS NULL OR due_date = $3::date) ORDER BY due_date LIMIT 1)
        RETURNING to_char(due_date, 'YYYY-MM-DD') AS "dueDate"`,
      [c.unitId, c.kind, c.dueDate, c.now, c.auditId],
    );
    return row;
  }

  /** Closes every open deadline of a unit that closed or left the list. */
  async closeAllOfUnit(em: EntityManager, unitId: string, reason: CloseReasonText, now: Date, auditId: string): Promise<void> {
    await em.query(
      `UPDATE deadlines SET status = 'done', closed_at = $3, closed_reason = $2, closed_audit_id = $4 WHERE unit_id = $1 AND status <> 'done'`,
      [unitId, reason, now, auditId],
    );
  }

  /** A unit's deadlines, done or not, latest first (its page shows the years' duties). */
  async ofUnit(em: EntityManager, unitId: string): Promise<Array<{ kind: DeadlineKind; dueDate: string; status: DeadlineStatus; closedAt: string | null }>> {
    return em.query(
      `SELECT kind, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, closed_at AS "closedAt"
         FROM deadlines WHERE unit_id = $1 ORDER BY due_date DESC, kind LIMIT 200`,
      [unitId],
    );
  }

  /**
   * The overdue deadlines of the units a caller may see (the condition `visible` on alias k, with its `params`),
   * oldest first: the to-do list of the district bureau and of the unit.
   */
  async overdueOfUnits(em: EntityManager, visible: string, params: unknown[], today: string, kinds: readonly DeadlineKind[], limit: number) {
    const n = params.length;
    return em.query(
      `SELECT d.unit_id AS "unitId", d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate", k.name, k.credit_code AS "creditCode", k.state
         FROM deadlines d JOIN key_units k ON k.id = d.unit_id
        WHERE d.unit_id IS NOT NULL AND d.status <> 'done' AND d.due_date < $${n + 1}::date AND d.kind = ANY($${n + 2})
          AND ${visible}
        ORDER BY d.due_date, d.id LIMIT $${n + 3}`,
      [...params, today, kinds, limit],
    ) as Promise<Array<{ unitId: string; kind: DeadlineKind; dueDate: string; name: string; creditCode: string; state: string }>>;
  }

}
