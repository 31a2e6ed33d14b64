import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface OutboxEntry {
  topic: 'filing' | 'notification';
  auditId: string;
  payload: Record<string, unknown>;
}

export interface OutboxRow extends OutboxEntry {
  id: string;
  attempts: number;
}

/** Side effects written with the transition's audit row (AuditRepository.append) and carried out after commit. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Claims the oldest pending row no other process holds (SKIP LOCKED), inside the caller's transaction. */
  async claimNext(em: EntityManager): Promise<OutboxRow | undefined> {
    const rows = await em.query(
      `SELECT id, topic, audit_id AS "auditId", payload, attempts FROM outbox
        WHERE processed_at IS NULL AND attempts < 10 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return rows[0] ? { ...rows[0], id: String(rows[0].id), auditId: String(rows[0].auditId) } : undefined;
  }

  markProcessed(em: EntityManager, id: string) {
    return em.query(`UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = $1`, [id]);
  }

  /** Records a failed attempt outside the failed transaction. */
  markFailed(id: string, error: string) {
    return this.ds.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error.slice(0, 2000)]);
  }

  pendingCount(): Promise<number> {
    return this.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`).then((r) => r[0].n);
  }
}
