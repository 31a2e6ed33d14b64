import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { deadlineCtes, type DeadlineWrite } from '../deadlines/deadlines.repository';
import { canonicalJson, sha256Hex } from './canonical-json';
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
}

const COLUMNS = `id, entity_type AS "entityType", entity_id AS "entityId", plot_id AS "plotId", seq,
  event_type AS "eventType", payload, actor_user_id AS "actorUserId", actor_name AS "actorName", role,
  organisation_id AS "organisationId", organisation_name AS "organisationName", from_state AS "fromState",
  to_state AS "toState", machine_name AS "machineName", machine_version AS "machineVersion", at,
  prev_hash AS "prevHash", hash`;

/** The hashed content of a row: everything but its id, its own hash and its predecessor's hash. */
function hashedContent(row: AuditEntry & { seq: number; at: string }) {
  const { entityType, entityId, plotId, seq, eventType, payload, actorUserId, actorName, role } = row;
  const { organisationId, organisationName, fromState, toState, machineName, machineVersion, at } = row;
  return {
    entityType, entityId, plotId, seq, eventType, payload, actorUserId, actorName, role,
    organisationId, organisationName, fromState, toState, machineName, machineVersion, at,
  };
}

export function chainHash(prevHash: string | null, row: AuditEntry & { seq: number; at: string }): string {
  return sha256Hex(`${prevHash ?? ''}\n${canonicalJson(hashedContent(row))}`);
}

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

export interface ChainCheck {
  valid: boolean;
  checked: number;
  firstBroken?: { plotId: string; entityType: AuditEntityType; entityId: string; seq: number; reason: string };
}

/**
 * The append-only, hash-chained audit log: one chain per plot and per
 * transport, each row hashing its predecessor's hash and its own canonical JSON.
 * The database refuses UPDATE, DELETE and TRUNCATE on the table.
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

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
    const hash = chainHash(prevHash, { ...entry, seq, at });
    const params: unknown[] = [
      entry.entityType, entry.entityId, entry.plotId, seq, entry.eventType, JSON.stringify(entry.payload),
      entry.actorUserId, entry.actorName, entry.role, entry.organisationId, entry.organisationName,
      entry.fromState, entry.toState, entry.machineName, entry.machineVersion, at, prevHash, hash, JSON.stringify(outbox),
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
           organisation_id, organisation_name, from_state, to_state, machine_name, machine_version, at, prev_hash, hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING id
       ), head AS (
         UPDATE ${HEAD_TABLE[entry.entityType]} SET ${rowSet.join(', ')} WHERE id = $2
       ), side_effects AS (
         INSERT INTO outbox (topic, audit_id, payload)
         SELECT 'filing', audit.id, e FROM audit, jsonb_array_elements($19::jsonb) AS e
       )${(step.deadlines ? deadlineCtes(step.deadlines, param) : []).map((cte) => `, ${cte}`).join('')}
       SELECT id FROM audit`),
      params,
    );
    return { ...entry, id: String(row.id), seq, at, prevHash, hash };
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
      `SELECT ${COLUMNS} FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq`,
      [entityType, entityId],
    );
    return rows.map(normalise);
  }

  /** Every row of a plot, its transports' rows included, in the order they were written. */
  async plotTimeline(plotId: string): Promise<AuditRow[]> {
    const rows = await this.ds.query(`SELECT ${COLUMNS} FROM audit_log WHERE plot_id = $1 ORDER BY id`, [plotId]);
    return rows.map(normalise);
  }

  /** Recomputes every chain and names the first broken link. Reads in keyset-paged batches. */
  async verify(batchSize = 5000): Promise<ChainCheck> {
    let checked = 0;
    let cursor: [string, string, number] = ['', '00000000-0000-0000-0000-000000000000', 0];
    let prev: AuditRow | undefined;
    for (;;) {
      const rows: AuditRow[] = (
        await this.ds.query(
          `SELECT ${COLUMNS} FROM audit_log WHERE (entity_type, entity_id, seq) > ($1, $2::uuid, $3)
            ORDER BY entity_type, entity_id, seq LIMIT $4`,
          [...cursor, batchSize],
        )
      ).map(normalise);
      for (const row of rows) {
        const sameChain = prev && prev.entityType === row.entityType && prev.entityId === row.entityId;
        const expectedSeq = sameChain ? prev!.seq + 1 : 1;
        const expectedPrev = sameChain ? prev!.hash : null;
        const reason =
          row.seq !== expectedSeq ? `序号不连续：应为 ${expectedSeq}` :
          row.prevHash !== expectedPrev ? '前序哈希与上一条记录不符' :
          chainHash(expectedPrev, row) !== row.hash ? '记录内容与其哈希不符（已被篡改）' : undefined;
        if (reason) {
          return {
            valid: false,
            checked,
            firstBroken: { plotId: row.plotId, entityType: row.entityType, entityId: row.entityId, seq: row.seq, reason },
          };
        }
        checked++;
        prev = row;
      }
      if (rows.length < batchSize) return { valid: true, checked };
      const last = rows[rows.length - 1];
      cursor = [last.entityType, last.entityId, last.seq];
    }
  }
}

function normalise(r: Omit<AuditRow, 'at' | 'id'> & { at: Date | string; id: string | number }): AuditRow {
  return { ...r, id: String(r.id), at: new Date(r.at).toISOString() };
}
