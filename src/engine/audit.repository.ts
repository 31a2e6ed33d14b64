import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { deadlineCtes, type DeadlineWrite } from '../deadlines/deadlines.repository';
import { plotVisibility } from '../plots/plot-access';
import { AuditHasher, KEYED_SCHEME, type HashScheme } from './audit-hash';
import { namedStatement } from '../database/named-statement';

export type AuditEntityType = 'plot' | 'transport' | 'key_unit' | 'warning' | 'public_report';

export interface AuditEntry {
  entityType: AuditEntityType;
  entityId: string;
  /** null for a key unit's rows */
  plotId: string | null;
  eventType: string;
  payload: Record<string, unknown>;
  actorUserId: string | null;
  actorName: string;
  role: string;
  organisationId: string | null;
  organisationName: string;
  fromState: string | null;
  toState: string;
  machineName: string;
  machineVersion: number;
}

export interface AuditRow extends AuditEntry {
  id: string;
  seq: number;
  at: string;
  prevHash: string | null;
  hash: string;
  hashScheme: HashScheme;
}

export interface AuditStep {
  eventType: string;
  fromState: string | null;
  toState: string;
  organisationId: string | null;
}

export const AUDIT_COLUMNS = `id, entity_type AS "entityType", entity_id AS "entityId", plot_id AS "plotId", seq,
  event_type AS "eventType", payload, actor_user_id AS "actorUserId", actor_name AS "actorName", role,
  organisation_id AS "organisationId", organisation_name AS "organisationName", from_state AS "fromState",
  to_state AS "toState", machine_name AS "machineName", machine_version AS "machineVersion", at,
  prev_hash AS "prevHash", hash, hash_scheme AS "hashScheme"`;

/** What a step writes beside its audit row, in the same statement. */
export interface StepWrite {
  /** The entity's new snapshot and state; `derivedColumns` adds SET items computed from the snapshot (a jsonb SQL expression). */
  row?: { snapshot: unknown; state: string; derivedColumns?: (snapshot: string) => string; machineVersion?: number };
  deadlines?: DeadlineWrite;
}

/** The last link of a chain, kept on the plot or transport row. */
export interface ChainHead {
  seq: number;
  hash: string | null;
}

/** A chain's head as its plot or transport row keeps it. */
export interface StoredHead extends ChainHead {
  entityType: AuditEntityType;
  entityId: string;
  plotId: string;
}

/** Where a batched scan of the chains resumes. */
export interface ChainCursor {
  entityType: string;
  entityId: string;
}

const HEAD_TABLE: Record<AuditEntityType, string> = { plot: 'plots', transport: 'transports', key_unit: 'key_units', warning: 'monitoring_warnings', public_report: 'public_reports' };

/**
 * The append-only, hash-chained audit log: one chain per plot and per
 * transport, each row hashing its predecessor's hash and its own canonical JSON.
 * The database refuses UPDATE, DELETE and TRUNCATE on the table. Owns
 * audit_log, audit_seal (the seal of the upgrade to keyed links) and the chain
 * heads kept on plots and transports.
 */
@Injectable()
export class AuditRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly hasher: AuditHasher,
  ) {}

  /**
   * Appends one row, moves the chain head kept on the entity's row, and adds
   * the step's outbox rows — one statement. With `step`, the same statement
   * also writes the entity's new snapshot and state and carries out the
   * step's deadline plan. The caller holds the lock on the entity's row
   * (which serialises its chain) and passes the head it read.
   */
  async append(
    em: EntityManager,
    entry: AuditEntry,
    head: ChainHead,
    outbox: Array<Record<string, unknown>> = [],
    step: StepWrite = {},
  ): Promise<AuditRow> {
    const seq = head.seq + 1;
    const prevHash = head.hash;
    const at = new Date().toISOString();
    // Every new row is keyed, whatever its predecessor: a chain never goes back to plain SHA-256.
    const hash = this.hasher.chainHash(KEYED_SCHEME, prevHash, { ...entry, seq, at });
    const params: unknown[] = [
      entry.entityType, entry.entityId, entry.plotId, seq, entry.eventType, JSON.stringify(entry.payload),
      entry.actorUserId, entry.actorName, entry.role, entry.organisationId, entry.organisationName,
      entry.fromState, entry.toState, entry.machineName, entry.machineVersion, at, prevHash, hash, JSON.stringify(outbox), KEYED_SCHEME,
    ];
    const param = (value: unknown) => `$${params.push(value)}`;
    const rowSet = ['audit_seq = $4', 'audit_hash = $18'];
    if (step.row) {
      const snapshot = param(JSON.stringify(step.row.snapshot));
      rowSet.push(`snapshot = ${snapshot}::jsonb`, `state = ${param(step.row.state)}`, 'version = version + 1', 'updated_at = now()');
      if (step.row.derivedColumns) rowSet.push(step.row.derivedColumns(`${snapshot}::jsonb`));
      if (step.row.machineVersion !== undefined) rowSet.push(`machine_version = ${param(step.row.machineVersion)}`);
    }
    const [row] = await em.query(namedStatement(em,
      `WITH audit AS (
         INSERT INTO audit_log (entity_type, entity_id, plot_id, seq, event_type, payload, actor_user_id, actor_name, role,
           organisation_id, organisation_name, from_state, to_state, machine_name, machine_version, at, prev_hash, hash, hash_scheme)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$20) RETURNING id
       ), head AS (
         UPDATE ${HEAD_TABLE[entry.entityType]} SET ${rowSet.join(', ')} WHERE id = $2
       ), side_effects AS (
         INSERT INTO outbox (topic, audit_id, payload)
         SELECT 'filing', audit.id, e FROM audit, jsonb_array_elements($19::jsonb) AS e
       )${(step.deadlines ? deadlineCtes(step.deadlines, param) : []).map((cte) => `, ${cte}`).join('')}
       SELECT id FROM audit`),
      params,
    );
    return { ...entry, id: String(row.id), seq, at, prevHash, hash, hashScheme: KEYED_SCHEME };
  }

  /** The last `count` steps of an entity's chain, newest first: what happened since a client's view (optimistic concurrency). */
  async lastSteps(em: EntityManager, entityType: AuditEntityType, entityId: string, count: number): Promise<AuditStep[]> {
    return em.query(
      `SELECT event_type AS "eventType", from_state AS "fromState", to_state AS "toState", organisation_id AS "organisationId"
         FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT $3`,
      [entityType, entityId, count],
    );
  }

  /** The chain head of an entity, read from the log (for rows loaded without their head). */
  async headOf(em: EntityManager, entityType: AuditEntityType, entityId: string): Promise<ChainHead> {
    const [last] = await em.query(
      `SELECT seq, hash FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1`,
      [entityType, entityId],
    );
    return { seq: last?.seq ?? 0, hash: last?.hash ?? null };
  }

  async history(entityType: AuditEntityType, entityId: string): Promise<AuditRow[]> {
    const rows = await this.ds.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq`,
      [entityType, entityId],
    );
    return rows.map(normalise);
  }

  /** Every row of a plot, its transports' rows included, in the order they were written. */
  async plotTimeline(plotId: string): Promise<AuditRow[]> {
    const rows = await this.ds.query(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE plot_id = $1 ORDER BY id`, [plotId]);
    return rows.map(normalise);
  }

  /** One row, in the caller's transaction (the step a filing records). */
  async find(em: EntityManager, id: string): Promise<AuditRow> {
    const [row] = await em.query(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE id = $1`, [id]);
    return normalise(row);
  }

  /** The last row of a plot's own chain written before the row `beforeId` (a transport's step prints the plot's head). */
  async plotLinkBefore(em: EntityManager, plotId: string, beforeId: string): Promise<{ seq: number; hash: string } | undefined> {
    const [row] = await em.query(
      `SELECT seq, hash FROM audit_log WHERE entity_type = 'plot' AND entity_id = $1 AND id < $2 ORDER BY seq DESC LIMIT 1`,
      [plotId, beforeId],
    );
    return row;
  }

  /** Rows of a plot's own chain of the given event types, oldest first, up to and including `untilId`. */
  async plotEvents(em: EntityManager, plotId: string, types: string[], untilId: string): Promise<AuditRow[]> {
    const rows = await em.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
        WHERE entity_type = 'plot' AND entity_id = $1 AND event_type = ANY($2) AND id <= $3 ORDER BY id`,
      [plotId, types, untilId],
    );
    return rows.map(normalise);
  }

  /** The seal of the upgrade to keyed links (migration AuditKeyedChain), locked FOR UPDATE when it is to be written. */
  async readSeal(em: EntityManager, forUpdate = false): Promise<{ ceiling: string; seal: string | null } | undefined> {
    const [row] = await em.query(`SELECT legacy_max_id AS "ceiling", seal FROM audit_seal${forUpdate ? ' FOR UPDATE' : ''}`);
    return row;
  }

  /** Whether any row carries a scheme other than `scheme`. */
  async hasRowNotOf(em: EntityManager, scheme: HashScheme): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM audit_log WHERE hash_scheme <> $1 LIMIT 1`, [scheme]);
    return Boolean(row);
  }

  /** Every chain's last row up to `ceiling`, in chain order (entity type, entity id). */
  headsUpTo(em: EntityManager, ceiling: bigint): Promise<Array<{ entityType: string; entityId: string; seq: number; hash: string }>> {
    return em.query(
      `SELECT DISTINCT ON (entity_type, entity_id) entity_type AS "entityType", entity_id AS "entityId", seq, hash
         FROM audit_log WHERE id <= $1 ORDER BY entity_type, entity_id, seq DESC`,
      [String(ceiling)],
    );
  }

  /** Writes the seal; the table's trigger lets it be written once. */
  async storeSeal(em: EntityManager, seal: string): Promise<void> {
    await em.query(`UPDATE audit_seal SET seal = $1, sealed_at = now()`, [seal]);
  }

  /**
   * One batch of rows in chain order (entity type, entity id, seq) after
   * `after`: of every chain, or (scope) of the plots a caller may see.
   */
  async chainRowsAfter(em: EntityManager, scope: Principal | null, after: ChainCursor & { seq: number }, limit: number): Promise<AuditRow[]> {
    const params: unknown[] = [];
    const condition = scope ? plotVisibility(scope, 'p', params) : 'TRUE';
    const n = params.length;
    const rows = await em.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
        WHERE (entity_type, entity_id, seq) > ($${n + 1}, $${n + 2}::uuid, $${n + 3})
          AND ${condition === 'TRUE' ? 'TRUE' : `plot_id IN (SELECT p.id FROM plots p WHERE ${condition})`}
        ORDER BY entity_type, entity_id, seq LIMIT $${n + 4}`,
      [...params, after.entityType, after.entityId, after.seq, limit],
    );
    return rows.map(normalise);
  }

  /**
   * One batch of the chain heads kept on plots, transports and key units (written by append), in chain order after
   * `after`. A key unit's chain belongs to no plot: only the check of every chain (no scope) reads it.
   */
  chainHeadsAfter(em: EntityManager, scope: Principal | null, after: ChainCursor, limit: number): Promise<StoredHead[]> {
    const params: unknown[] = [];
    const condition = scope ? plotVisibility(scope, 'p', params) : 'TRUE';
    const n = params.length;
    return em.query(
      `SELECT * FROM (
         SELECT 'plot'::varchar AS "entityType", p.id AS "entityId", p.id AS "plotId", p.audit_seq AS seq, p.audit_hash AS hash
           FROM plots p WHERE ${condition}
         UNION ALL
         SELECT 'transport'::varchar, t.id, t.plot_id, t.audit_seq, t.audit_hash
           FROM transports t JOIN plots p ON p.id = t.plot_id WHERE ${condition}
         ${condition === 'TRUE' ? `UNION ALL SELECT 'key_unit'::varchar, k.id, NULL::uuid, k.audit_seq, k.audit_hash FROM key_units k` : ''}
         ${condition === 'TRUE' ? `UNION ALL SELECT 'warning'::varchar, w.id, NULL::uuid, w.audit_seq, w.audit_hash FROM monitoring_warnings w` : ''}
         ${condition === 'TRUE' ? `UNION ALL SELECT 'public_report'::varchar, r.id, NULL::uuid, r.audit_seq, r.audit_hash FROM public_reports r` : ''}
       ) h WHERE ("entityType", "entityId") > ($${n + 1}::varchar, $${n + 2}::uuid)
       ORDER BY "entityType", "entityId" LIMIT $${n + 3}`,
      [...params, after.entityType, after.entityId, limit],
    );
  }

  /**
   * The first filing document (DocumentsRepository writes them) whose printed
   * chain head — seq and short hash — is not in the log.
   */
  async firstMisprintedHead(em: EntityManager, scope: Principal | null): Promise<{ number: string; plotId: string; seq: number } | undefined> {
    const params: unknown[] = [];
    const condition = scope ? plotVisibility(scope, 'p', params) : 'TRUE';
    const [doc] = await em.query(
      `SELECT d.number, d.plot_id AS "plotId", (d.record->'auditHead'->>'seq')::int AS seq
         FROM documents d JOIN plots p ON p.id = d.plot_id
         LEFT JOIN audit_log a ON a.entity_type = 'plot' AND a.entity_id = d.plot_id AND a.seq = (d.record->'auditHead'->>'seq')::int
        WHERE d.record->'auditHead' IS NOT NULL AND ${condition}
          AND (a.id IS NULL OR left(a.hash, length(d.record->'auditHead'->>'hash')) <> d.record->'auditHead'->>'hash')
        ORDER BY d.issued_at, d.id LIMIT 1`,
      params,
    );
    return doc;
  }
}

export function normalise(r: Omit<AuditRow, 'at' | 'id'> & { at: Date | string; id: string | number }): AuditRow {
  return { ...r, id: String(r.id), at: new Date(r.at).toISOString() };
}
