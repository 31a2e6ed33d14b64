import type { Client } from 'pg';

/**
 * The record-keeping invariants every reliability suite checks, read straight
 * from the database (whichever process wrote it). Each returns the violations
 * it found, so a failure names the offending rows; [] means it holds.
 */

/**
 * Every plot's audit chain is 1..n without gaps or doubles, the chain head
 * on the plot row (audit_seq, version) is n, and the plot's state is the
 * to_state of its last audit row.
 */
export async function plotChainViolations(c: Client): Promise<unknown[]> {
  const { rows } = await c.query(
    `SELECT p.id, p.state, p.version, p.audit_seq AS "auditSeq", a.n, a.distinct_seqs AS "distinctSeqs",
            a.min_seq AS "minSeq", a.max_seq AS "maxSeq", last.to_state AS "lastToState"
       FROM plots p
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, min(seq) AS min_seq, max(seq) AS max_seq
           FROM audit_log WHERE entity_type = 'plot' AND entity_id = p.id) a
       LEFT JOIN LATERAL (
         SELECT to_state FROM audit_log WHERE entity_type = 'plot' AND entity_id = p.id ORDER BY seq DESC LIMIT 1) last ON true`,
  );
  return rows.filter(
    (r) =>
      r.n < 1 || r.minSeq !== 1 || r.maxSeq !== r.n || r.distinctSeqs !== r.n ||
      r.auditSeq !== r.n || r.version !== r.n || r.state !== r.lastToState,
  );
}

/** Filing numbers per (issuing body, kind, year) are exactly 1..n, and the counter stands at n. */
export async function filingNumberViolations(c: Client): Promise<unknown[]> {
  const { rows } = await c.query(
    `SELECT coalesce(d.issuer_org_id, f.issuer_org_id) AS issuer, coalesce(d.kind, f.kind) AS kind,
            coalesce(d.year, f.year) AS year, d.seqs, f.last_number AS "lastNumber"
       FROM (SELECT issuer_org_id, kind, year, array_agg(seq ORDER BY seq) AS seqs FROM documents GROUP BY 1, 2, 3) d
       FULL JOIN filing_counters f USING (issuer_org_id, kind, year)`,
  );
  return rows.filter((r) => {
    const seqs: number[] = r.seqs ?? [];
    return !seqs.every((s, i) => s === i + 1) || r.lastNumber !== seqs.length;
  });
}

export interface OutboxTally {
  filingRows: number;
  documentsFromOutbox: number;
  pending: number;
}

export async function outboxTally(c: Client): Promise<OutboxTally> {
  const { rows } = await c.query(
    `SELECT (SELECT count(*)::int FROM outbox WHERE topic = 'filing') AS "filingRows",
            (SELECT count(*)::int FROM documents WHERE outbox_id IS NOT NULL) AS "documentsFromOutbox",
            (SELECT count(*)::int FROM outbox WHERE processed_at IS NULL) AS pending`,
  );
  return rows[0];
}

/**
 * Every outbox row was processed exactly once: none pending or given up,
 * each filing row has exactly one document and each document one row.
 */
export async function outboxViolations(c: Client): Promise<unknown[]> {
  const out: unknown[] = [];
  const tally = await outboxTally(c);
  if (tally.pending !== 0 || tally.filingRows !== tally.documentsFromOutbox) out.push({ tally });
  const { rows: orphans } = await c.query(
    `SELECT o.id, o.attempts, o.last_error, count(d.id)::int AS documents
       FROM outbox o LEFT JOIN documents d ON d.outbox_id = o.id
      WHERE o.topic = 'filing' GROUP BY o.id HAVING count(d.id) <> 1 OR o.processed_at IS NULL`,
  );
  out.push(...orphans);
  return out;
}

/**
 * The audit row and its outbox rows were written together: each audit row
 * of these event types has exactly the expected number of outbox rows.
 */
export async function auditOutboxViolations(c: Client, expected: Record<string, number>): Promise<unknown[]> {
  const { rows } = await c.query(
    `SELECT a.id, a.event_type AS "eventType", count(o.id)::int AS n
       FROM audit_log a LEFT JOIN outbox o ON o.audit_id = a.id
      WHERE a.entity_type = 'plot' AND a.event_type = ANY($1) GROUP BY a.id`,
    [Object.keys(expected)],
  );
  return rows.filter((r) => r.n !== expected[r.eventType]);
}

/** A client-observed success: the plot and the version its response carried. */
export interface Observed {
  plotId: string;
  version: number;
  type: string;
}

/** Every success the clients saw is in the audit log, as the event they sent, at the version they were told. */
export async function missingFromAudit(c: Client, observed: Observed[]): Promise<Observed[]> {
  if (!observed.length) return [];
  const { rows } = await c.query(
    `SELECT entity_id AS "plotId", seq, event_type AS type FROM audit_log
      WHERE entity_type = 'plot' AND entity_id = ANY($1::uuid[])`,
    [[...new Set(observed.map((o) => o.plotId))]],
  );
  const logged = new Set(rows.map((r) => `${r.plotId}/${r.seq}/${r.type}`));
  return observed.filter((o) => !logged.has(`${o.plotId}/${o.version}/${o.type}`));
}

/** One investigation notice the clients sent, with a due date of its own, and whether they saw it answered. */
export interface SentNotice {
  plotId: string;
  dueDate: string;
  answered: boolean;
}

/**
 * Notices retried with their Idempotency-Key across a kill or a switch: an answered one is in the audit log exactly
 * once, an unanswered one at most once; `doubled` lists any notice logged more than once.
 */
export async function noticeRetryViolations(c: Client, plots: string[], sent: SentNotice[]): Promise<{ wrong: SentNotice[]; doubled: unknown[] }> {
  const { rows } = await c.query(
    `SELECT entity_id AS "plotId", payload->>'dueDate' AS "dueDate", count(*)::int AS n FROM audit_log
      WHERE event_type = 'ISSUE_INVESTIGATION_NOTICE' AND entity_id = ANY($1::uuid[]) GROUP BY 1, 2`,
    [plots],
  );
  const logged = new Map(rows.map((r) => [`${r.plotId}/${r.dueDate}`, r.n as number]));
  const wrong = sent.filter((d) => {
    const n = logged.get(`${d.plotId}/${d.dueDate}`) ?? 0;
    return d.answered ? n !== 1 : n > 1;
  });
  return { wrong, doubled: rows.filter((r) => r.n !== 1) };
}

/** Waits until no outbox row is pending (the filing workers of the processes under test drain it). */
export async function waitForDrainedOutbox(c: Client, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { pending } = await outboxTally(c);
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`outbox still has ${pending} pending rows after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Prints a suite's figures when RELIABILITY_VERBOSE is set (for sizing the suites; never asserted on). */
export function report(suite: string, figures: Record<string, unknown>): void {
  if (process.env.RELIABILITY_VERBOSE) process.stdout.write(`[${suite}] ${JSON.stringify(figures)}\n`);
}
