import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface StoredResponse {
  requestHash: string;
  status: number;
  response: unknown;
}

/** Responses kept per (caller, Idempotency-Key), so that a retried request is answered without a second write. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(userId: string, key: string, em: EntityManager = this.ds.manager): Promise<StoredResponse | undefined> {
    const rows = await em.query(
      `SELECT request_hash AS "requestHash", status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return rows[0];
  }

  /** Stores the first response; returns false when the key was taken meanwhile. */
  async save(em: EntityManager, userId: string, key: string, entry: StoredResponse): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, entry.requestHash, entry.status, JSON.stringify(entry.response)],
    );
    return rows.length === 1;
  }
}
