import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HeadLink } from './audit-digest';

export interface StoredDigest {
  day: string;
  chains: number;
  /** The sum of the day's keyed leaves (hex), from which the next day is computed. */
  state: string;
  digest: string;
  computedAt: string;
}

const COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, chains, state, digest, computed_at AS "computedAt"`;

function toStored(r: StoredDigest & { computedAt: Date | string }): StoredDigest {
  return { ...r, computedAt: new Date(r.computedAt).toISOString() };
}

/** Owns audit_digests (append-only) and the reads of the log that compute them. */
@Injectable()
export class AuditDigestRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async all(em: EntityManager): Promise<StoredDigest[]> {
    return (await em.query(`SELECT ${COLUMNS} FROM audit_digests ORDER BY day`)).map(toStored);
  }

  async recent(limit: number): Promise<StoredDigest[]> {
    return (await this.ds.query(`SELECT ${COLUMNS} FROM audit_digests ORDER BY day DESC LIMIT $1`, [limit])).map(toStored);
  }

  async find(day: string): Promise<StoredDigest | undefined> {
    return (await this.ds.query(`SELECT ${COLUMNS} FROM audit_digests WHERE day = $1`, [day])).map(toStored)[0];
  }

  async latest(em: EntityManager): Promise<StoredDigest | undefined> {
    return (await em.query(`SELECT ${COLUMNS} FROM audit_digests ORDER BY day DESC LIMIT 1`)).map(toStored)[0];
  }

  async insert(em: EntityManager, d: Omit<StoredDigest, 'computedAt'>): Promise<void> {
    await em.query(`INSERT INTO audit_digests (day, chains, state, digest) VALUES ($1, $2, $3, $4) ON CONFLICT (day) DO NOTHING`,
      [d.day, d.chains, d.state, d.digest]);
  }

  /** Serialises the computation across processes for the rest of the transaction. */
  async lock(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('audit_digests'))`);
  }

  /** Every chain's head as of an instant: the row of highest seq written before it. */
  headsBefore(em: EntityManager, end: string): Promise<HeadLink[]> {
    return em.query(
      `SELECT DISTINCT ON (entity_type, entity_id) entity_type AS "entityType", entity_id AS "entityId", seq, hash
         FROM audit_log WHERE at < $1 ORDER BY entity_type, entity_id, seq DESC`,
      [end],
    );
  }

  /** The chains that moved between two instants: the new head, and the head before (absent for a new chain). */
  moves(em: EntityManager, start: string, end: string): Promise<Array<HeadLink & { prevSeq: number | null; prevHash: string | null }>> {
    return em.query(
      `SELECT m."entityType", m."entityId", m.seq, m.hash, b.seq AS "prevSeq", b.hash AS "prevHash"
         FROM (SELECT DISTINCT ON (entity_type, entity_id) entity_type AS "entityType", entity_id AS "entityId", seq, hash
                 FROM audit_log WHERE at >= $1 AND at < $2 ORDER BY entity_type, entity_id, seq DESC) m
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_log a
                             WHERE a.entity_type = m."entityType" AND a.entity_id = m."entityId" AND a.at < $1
                             ORDER BY a.seq DESC LIMIT 1) b ON true`,
      [start, end],
    );
  }
}
