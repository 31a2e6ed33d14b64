import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { COUNT_NAMES, type OpenRound, type TallyCounts, type TallyEvent, type TallyKey, type TallyReturn, type TallyStep } from './credit-tally';

export const REVIEW_EVENT_TYPES = ['SUBMIT_REPORT', 'SUBMIT_REVISION', 'APPROVE', 'RETURN', 'RECORD_DECISION', 'CONCLUDE_PANEL'] as const;

// Column of each count in the tally tables.
const COLUMN: Record<keyof TallyCounts, string> = {
  submitted: 'submitted', resubmissions: 'resubmissions', decided: 'decided', approved: 'approved',
  firstPassApproved: 'first_pass_approved', returns: 'returns', panelPass: 'panel_pass',
  panelPassWithRevisions: 'panel_pass_with_revisions', panelFail: 'panel_fail',
};
const COLUMNS = COUNT_NAMES.map((n) => COLUMN[n]);
export const COUNT_SELECT = (alias: string) => COUNT_NAMES.map((n) => `${alias}.${COLUMN[n]} AS "${n}"`).join(', ');
const SUM_SELECT = COUNT_NAMES.map((n) => `sum(t.${COLUMN[n]})::int AS "${n}"`).join(', ');

// The review events of plots, joined to the report a submission names (its kind and author); the partial index
// audit_log_review_idx holds exactly these rows. The submission's sender is the round's signatory.
export const REVIEW_EVENTS_SQL = `
  SELECT a.id::text AS "auditId", a.plot_id AS "plotId", a.event_type AS "eventType", a.payload, a.at::text AS at,
         r.kind AS "reportKind", r.author_organisation_id AS "authorId", a.actor_user_id AS "signatoryUserId"
    FROM audit_log a
    LEFT JOIN reports r ON a.event_type = 'SUBMIT_REPORT'
         AND r.id = CASE WHEN a.payload->>'reportId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                         THEN (a.payload->>'reportId')::uuid END
   WHERE a.entity_type = 'plot' AND a.event_type IN (${REVIEW_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})`;

export interface TallyRow extends TallyKey, TallyCounts {
  signatoryName: string;
}

export interface RankedFirmRow extends TallyCounts {
  id: string;
  name: string;
  creditCode: string | null;
  firstPassRate: number | null;
}

const ALL_TABLES = 'credit_tallies, credit_firm_tallies, credit_rounds, credit_returns';

/**
 * Owns the SQL of the stored credit figures: credit_tallies (per firm, report kind and signatory), credit_firm_tallies
 * (per firm, in the ranking's order), credit_rounds (each plot's open round) and credit_returns.
 */
@Injectable()
export class CreditTallyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** One review event of the audit trail, by its id (the row the current step has just written). */
  async reviewEvent(em: EntityManager, auditId: string): Promise<TallyEvent | undefined> {
    const [row] = await em.query(`${REVIEW_EVENTS_SQL} AND a.id = $1`, [auditId]);
    return row;
  }

  async openRound(em: EntityManager, plotId: string): Promise<OpenRound | null> {
    const [row] = await em.query(
      `SELECT organisation_id AS "organisationId", report_kind AS "reportKind", signatory_user_id AS "signatoryUserId",
              last_decision AS last, returned FROM credit_rounds WHERE plot_id = $1`,
      [plotId],
    );
    return row ?? null;
  }

  /** Writes what one event changes, in the event's transaction. */
  async apply(em: EntityManager, plotId: string, step: TallyStep): Promise<void> {
    if (step.round) {
      const r = step.round;
      await em.query(
        `INSERT INTO credit_rounds (plot_id, organisation_id, report_kind, signatory_user_id, last_decision, returned)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (plot_id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, report_kind = EXCLUDED.report_kind,
           signatory_user_id = EXCLUDED.signatory_user_id, last_decision = EXCLUDED.last_decision, returned = EXCLUDED.returned`,
        [plotId, r.organisationId, r.reportKind, r.signatoryUserId, r.last, r.returned],
      );
    }
    if (step.delta) {
      const { key, counts } = step.delta;
      const values = COUNT_NAMES.map((n) => counts[n]);
      const add = COLUMNS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ');
      const slots = (from: number) => COLUMNS.map((_, i) => `$${from + i}`).join(', ');
      await em.query(
        `INSERT INTO credit_tallies AS t (organisation_id, report_kind, signatory_user_id, ${COLUMNS.join(', ')})
         VALUES ($1, $2, $3, ${slots(4)}) ON CONFLICT (organisation_id, report_kind, signatory_user_id) DO UPDATE SET ${add}`,
        [key.organisationId, key.reportKind, key.signatoryUserId, ...values],
      );
      await em.query(
        `INSERT INTO credit_firm_tallies AS t (organisation_id, ${COLUMNS.join(', ')})
         VALUES ($1, ${slots(2)}) ON CONFLICT (organisation_id) DO UPDATE SET ${add}`,
        [key.organisationId, ...values],
      );
    }
    if (step.returned) await this.insertReturns(em, [step.returned]);
  }

  /** The rebuild holds every tally table against the events' own writes (which wait for it), and empties them. */
  async lockAndClear(em: EntityManager): Promise<void> {
    await em.query(`LOCK TABLE ${ALL_TABLES} IN EXCLUSIVE MODE`);
    for (const t of ALL_TABLES.split(', ')) await em.query(`DELETE FROM ${t}`);
  }

  /** The last of the next `limit` plots with review events after `after` (keyset over audit_log_review_idx). */
  async plotBatchEnd(em: EntityManager, after: string | null, limit: number): Promise<string | null> {
    const [row] = await em.query(
      `SELECT max(plot_id::text) AS last FROM (
         SELECT DISTINCT a.plot_id FROM audit_log a
          WHERE a.entity_type = 'plot' AND a.event_type IN (${REVIEW_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})
            AND ($1::uuid IS NULL OR a.plot_id > $1::uuid)
          ORDER BY a.plot_id LIMIT $2) p`,
      [after, limit],
    );
    return row?.last ?? null;
  }

  /** The review events of the plots after `after` up to `upTo`, by plot then audit order. */
  reviewEventsBetween(em: EntityManager, after: string | null, upTo: string): Promise<TallyEvent[]> {
    return em.query(
      `${REVIEW_EVENTS_SQL} AND ($1::uuid IS NULL OR a.plot_id > $1::uuid) AND a.plot_id <= $2::uuid ORDER BY a.plot_id, a.id`,
      [after, upTo],
    );
  }

  async insertRounds(em: EntityManager, rounds: Array<[string, OpenRound]>): Promise<void> {
    if (!rounds.length) return;
    const json = rounds.map(([plotId, r]) => ({ plot_id: plotId, organisation_id: r.organisationId, report_kind: r.reportKind, signatory_user_id: r.signatoryUserId, last_decision: r.last, returned: r.returned }));
    await em.query(
      `INSERT INTO credit_rounds (plot_id, organisation_id, report_kind, signatory_user_id, last_decision, returned)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(plot_id uuid, organisation_id uuid, report_kind text, signatory_user_id uuid, last_decision text, returned boolean)`,
      [JSON.stringify(json)],
    );
  }

  async insertReturns(em: EntityManager, returns: TallyReturn[]): Promise<void> {
    if (!returns.length) return;
    const json = returns.map((r) => ({ audit_id: r.auditId, organisation_id: r.organisationId, signatory_user_id: r.signatoryUserId, plot_id: r.plotId, report_kind: r.reportKind, at: r.at, reason: r.reason }));
    await em.query(
      `INSERT INTO credit_returns (audit_id, organisation_id, signatory_user_id, plot_id, report_kind, at, reason)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(audit_id bigint, organisation_id uuid, signatory_user_id uuid, plot_id uuid, report_kind text, at timestamptz, reason text)`,
      [JSON.stringify(json)],
    );
  }

  /** The rebuilt figures per key, then each firm's sum. */
  async insertTallies(em: EntityManager, rows: Array<{ key: TallyKey; counts: TallyCounts }>): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      const json = rows.slice(i, i + 1000).map(({ key, counts }) => ({
        organisation_id: key.organisationId, report_kind: key.reportKind, signatory_user_id: key.signatoryUserId,
        ...Object.fromEntries(COUNT_NAMES.map((n) => [COLUMN[n], counts[n]])),
      }));
      await em.query(
        `INSERT INTO credit_tallies (organisation_id, report_kind, signatory_user_id, ${COLUMNS.join(', ')})
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(organisation_id uuid, report_kind text, signatory_user_id uuid, ${COLUMNS.map((c) => `${c} int`).join(', ')})`,
        [JSON.stringify(json)],
      );
    }
    await em.query(
      `INSERT INTO credit_firm_tallies (organisation_id, ${COLUMNS.join(', ')})
       SELECT organisation_id, ${COLUMNS.map((c) => `sum(${c})`).join(', ')} FROM credit_tallies GROUP BY organisation_id`,
    );
  }

  /** A firm's figures per report kind and signatory, the signatory named. */
  ofFirm(orgId: string): Promise<TallyRow[]> {
    return this.ds.query(
      `SELECT t.organisation_id AS "organisationId", t.report_kind AS "reportKind", t.signatory_user_id AS "signatoryUserId",
              u.display_name AS "signatoryName", ${COUNT_SELECT('t')}
         FROM credit_tallies t JOIN users u ON u.id = t.signatory_user_id WHERE t.organisation_id = $1
        ORDER BY u.display_name, t.signatory_user_id, t.report_kind LIMIT 2000`,
      [orgId],
    );
  }

  async firmTotals(orgId: string): Promise<TallyCounts | undefined> {
    const [row] = await this.ds.query(`SELECT ${COUNT_SELECT('t')} FROM credit_firm_tallies t WHERE t.organisation_id = $1`, [orgId]);
    return row;
  }

  returnsOf(orgId: string, limit: number): Promise<Array<{ plotId: string; reportKind: string; at: string; reason: string }>> {
    return this.ds.query(
      `SELECT plot_id AS "plotId", report_kind AS "reportKind", at::text AS at, reason FROM credit_returns
        WHERE organisation_id = $1 ORDER BY at DESC, audit_id DESC LIMIT $2`,
      [orgId, limit],
    );
  }

  /** Reports submitted per kind of the firms named (the ranking's and the export's page). */
  kindsOf(orgIds: string[]): Promise<Array<{ organisationId: string; reportKind: string; submitted: number }>> {
    if (!orgIds.length) return Promise.resolve([]);
    return this.ds.query(
      `SELECT organisation_id AS "organisationId", report_kind AS "reportKind", sum(submitted)::int AS submitted
         FROM credit_tallies WHERE organisation_id = ANY($1::uuid[]) GROUP BY organisation_id, report_kind`,
      [orgIds],
    );
  }

  /** The number of consultant firms, and of those with figures. */
  async firmCounts(): Promise<{ total: number; tallied: number }> {
    const [row] = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM organisations WHERE kind = 'consultant') AS total,
              (SELECT count(*)::int FROM credit_firm_tallies t JOIN organisations o ON o.id = t.organisation_id AND o.kind = 'consultant') AS tallied`,
    );
    return row;
  }

  /** A page of the firms with figures, by first-pass rate, then rounds decided, then name (credit_firm_tallies_rank_idx). */
  talliedPage(limit: number, offset: number): Promise<RankedFirmRow[]> {
    return this.ds.query(
      `SELECT o.id, o.name, o.credit_code AS "creditCode", t.first_pass_rate AS "firstPassRate", ${COUNT_SELECT('t')}
         FROM credit_firm_tallies t JOIN organisations o ON o.id = t.organisation_id AND o.kind = 'consultant'
        ORDER BY t.first_pass_rate DESC NULLS LAST, t.decided DESC, o.name, o.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
  }

  /** A page of the consultant firms without figures yet, by name. */
  untalliedPage(limit: number, offset: number): Promise<Array<{ id: string; name: string; creditCode: string | null }>> {
    return this.ds.query(
      `SELECT o.id, o.name, o.credit_code AS "creditCode" FROM organisations o
        WHERE o.kind = 'consultant' AND NOT EXISTS (SELECT 1 FROM credit_firm_tallies t WHERE t.organisation_id = o.id)
        ORDER BY o.name, o.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
  }

  /** A page of every consultant firm with its figures, by 统一社会信用代码 (firms without one last). */
  exportPage(limit: number, offset: number): Promise<Array<RankedFirmRow & { tallied: boolean }>> {
    return this.ds.query(
      `SELECT o.id, o.name, o.credit_code AS "creditCode", t.first_pass_rate AS "firstPassRate", t.organisation_id IS NOT NULL AS tallied,
              ${COUNT_NAMES.map((n) => `coalesce(t.${COLUMN[n]}, 0) AS "${n}"`).join(', ')}
         FROM organisations o LEFT JOIN credit_firm_tallies t ON t.organisation_id = o.id
        WHERE o.kind = 'consultant' ORDER BY o.credit_code NULLS LAST, o.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
  }

  /** Every key's figures summed per firm (for the check against the firm rows). */
  sumsByFirm(): Promise<Array<TallyCounts & { organisationId: string }>> {
    return this.ds.query(`SELECT t.organisation_id AS "organisationId", ${SUM_SELECT} FROM credit_tallies t GROUP BY t.organisation_id`);
  }
}
