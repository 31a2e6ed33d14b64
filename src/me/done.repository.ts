import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface DoneRow {
  id: string;
  entityType: string;
  entityId: string;
  plotId: string | null;
  eventType: string;
  fromState: string | null;
  toState: string;
  machineName: string;
  machineVersion: number;
  at: string;
  code: string | null;
  name: string | null;
}

/**
 * 已办: the caller's own steps, newest first, read from the audit log over audit_log_actor_idx (actor_user_id, at).
 * A read only: the log's writer and owner is src/engine/audit.repository.ts.
 */
@Injectable()
export class DoneRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async byActor(userId: string, limit: number, offset: number): Promise<DoneRow[]> {
    const rows: Array<DoneRow & { id: string | number; at: Date | string }> = await this.ds.query(
      `SELECT a.id, a.entity_type AS "entityType", a.entity_id AS "entityId", a.plot_id AS "plotId", a.event_type AS "eventType",
              a.from_state AS "fromState", a.to_state AS "toState", a.machine_name AS "machineName", a.machine_version AS "machineVersion",
              a.at, coalesce(p.code, k.credit_code) AS code, coalesce(p.name, k.name) AS name
         FROM (SELECT * FROM audit_log WHERE actor_user_id = $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3) a
         LEFT JOIN plots p ON p.id = a.plot_id
         LEFT JOIN key_units k ON a.entity_type = 'key_unit' AND k.id = a.entity_id
        ORDER BY a.at DESC, a.id DESC`,
      [userId, limit, offset],
    );
    return rows.map((r) => ({ ...r, id: String(r.id), at: new Date(r.at).toISOString() }));
  }
}
