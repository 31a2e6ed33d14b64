import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { keyUnitVisibility } from '../key-units/key-unit-access';
import { plotVisibility } from '../plots/plot-access';
import { AUDIT_COLUMNS, normalise, type AuditRow, type ChainCursor, type StoredHead } from './audit.repository';

/** One plot's chains (the plot's and its transports'), or one key unit's. */
export type ChainFocus = { plotId: string } | { keyUnitId: string };

/**
 * The reads of the check of one plot's or one key unit's audit chain (GET /audit/verify?plotId=…): the same rows and
 * heads as AuditRepository's scoped reads, narrowed to one entity through the plot_id and (entity_type, entity_id, seq)
 * indexes. Kept apart from the writer of audit_log; it reads, never writes.
 */
@Injectable()
export class AuditFocusRepository {
  /** Whether the caller may see the plot or key unit: asked before any audit row is read. */
  async visible(em: EntityManager, me: Principal, focus: ChainFocus): Promise<boolean> {
    const params: unknown[] = ['plotId' in focus ? focus.plotId : focus.keyUnitId];
    const [row] = 'plotId' in focus
      ? await em.query(`SELECT 1 FROM plots p WHERE p.id = $1 AND ${plotVisibility(me, 'p', params)}`, params)
      : await em.query(`SELECT 1 FROM key_units k WHERE k.id = $1 AND ${keyUnitVisibility(me, 'k', params)}`, params);
    return Boolean(row);
  }

  async rowsAfter(em: EntityManager, focus: ChainFocus, after: ChainCursor & { seq: number }, limit: number): Promise<AuditRow[]> {
    const [where, id] = 'plotId' in focus
      ? [`plot_id = $1 AND entity_type IN ('plot', 'transport')`, focus.plotId]
      : [`entity_type = 'key_unit' AND entity_id = $1`, focus.keyUnitId];
    const rows = await em.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log
        WHERE ${where} AND (entity_type, entity_id, seq) > ($2, $3::uuid, $4)
        ORDER BY entity_type, entity_id, seq LIMIT $5`,
      [id, after.entityType, after.entityId, after.seq, limit],
    );
    return rows.map(normalise);
  }

  /** The heads kept on the plot and its transports (or on the key unit), in chain order. */
  heads(em: EntityManager, focus: ChainFocus): Promise<StoredHead[]> {
    if ('keyUnitId' in focus) {
      return em.query(
        `SELECT 'key_unit'::varchar AS "entityType", k.id AS "entityId", NULL::uuid AS "plotId", k.audit_seq AS seq, k.audit_hash AS hash
           FROM key_units k WHERE k.id = $1`, [focus.keyUnitId]);
    }
    return em.query(
      `SELECT * FROM (
         SELECT 'plot'::varchar AS "entityType", p.id AS "entityId", p.id AS "plotId", p.audit_seq AS seq, p.audit_hash AS hash
           FROM plots p WHERE p.id = $1
         UNION ALL
         SELECT 'transport'::varchar, t.id, t.plot_id, t.audit_seq, t.audit_hash FROM transports t WHERE t.plot_id = $1
       ) h ORDER BY "entityType", "entityId"`,
      [focus.plotId],
    );
  }

  /** The plot's first filing document whose printed chain head (seq and short hash) is not in the log. */
  async firstMisprintedHead(em: EntityManager, plotId: string): Promise<{ number: string; plotId: string; seq: number } | undefined> {
    const [doc] = await em.query(
      `SELECT d.number, d.plot_id AS "plotId", (d.record->'auditHead'->>'seq')::int AS seq
         FROM documents d
         LEFT JOIN audit_log a ON a.entity_type = 'plot' AND a.entity_id = d.plot_id AND a.seq = (d.record->'auditHead'->>'seq')::int
        WHERE d.plot_id = $1 AND d.record->'auditHead' IS NOT NULL
          AND (a.id IS NULL OR left(a.hash, length(d.record->'auditHead'->>'hash')) <> d.record->'auditHead'->>'hash')
        ORDER BY d.issued_at, d.id LIMIT 1`,
      [plotId],
    );
    return doc;
  }
}
