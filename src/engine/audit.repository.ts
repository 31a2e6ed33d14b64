import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { deadlineCtes, type DeadlineWrite } from '../deadlines/deadlines.repository';
import { AuditHasher, KEYED_SCHEME, type HashScheme } from './audit-hash';
import { namedStatement } from '../database/named-statement';

export type AuditEntityType = 'plot' | 'transport';

export interface AuditEntry {
  entityType: AuditEntityType;
  entityId: string;
  plotId: string;
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

export const AUDIT_COLUMNS = `id, entity_type AS "entityType", entity_id AS "entityId", plot_id AS "plotId", seq,
  event_type AS "eventType", payload, actor_user_id AS "actorUserId", actor_name AS "actorName", role,
  organisation_id AS "organisationId", organisation_name AS "organisationName", from_state AS "fromState",
  to_state AS "toState", machine_name AS "machineName", machine_version AS "machineVersion", at,
  prev_hash AS "prevHash", hash, hash_scheme AS "hashScheme"`;

/** What a step writes beside its audit row, in the same statement. */
export interface StepWrite {
  /** The entity's new snapshot and state; `derivedColumns` adds SET items computed from the snapshot (a jsonb SQL expression). */
  row?: { snapshot: unknown; state: string; derivedColumns?: (snapshot: string) => string };
  deadlines?: DeadlineWrite;
}

/** The last link of a chain, kept on the plot or transport row. */
export interface ChainHead {
  seq: number;
  hash: string | null;
}

const HEAD_TABLE: Record<AuditEntityType, string> = { plot: 'plots', transport: 'transports' };

/**
 * The append-only, hash-chained audit log: one chain per plot and per
 * transport, each row hashing its predecessor's hash and its own canonical JSON.
 * The database refuses UPDATE, DELETE and TRUNCATE on the table.
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
}

export function normalise(r: Omit<AuditRow, 'at' | 'id'> & { at: Date | string; id: string | number }): AuditRow {
  return { ...r, id: String(r.id), at: new Date(r.at).toISOString() };
}
