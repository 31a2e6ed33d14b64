import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadlineKind, SweptStatus } from './deadline-rules';
import { inSubtree } from '../organisations/jurisdiction-subtree';

export interface NewNotification {
  deadlineId: string;
  status: SweptStatus;
  plotId: string;
  transportId: string | null;
  jurisdictionCode: string;
  /** null: the bureau's alone (the annual progress report) */
  holderOrganisationId: string | null;
  message: string;
}

export interface NotificationView {
  id: string;
  deadlineId: string;
  status: SweptStatus;
  plotId: string;
  transportId: string | null;
  message: string;
  createdAt: Date;
  kind: DeadlineKind;
  dueDate: string;
}

/** Whose notifications a list holds: every one, those of a jurisdiction and the ones below it, a holder's, or none. */
export type NotificationAudience =
  | { all: true }
  | { jurisdictionSubtree: string | null }
  | { holderOrganisationId: string }
  | { none: true };

/** Owns the SQL of `notifications`, which the deadline sweep writes. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Records the notification unless this deadline already has one of this status; whether it did. */
  async recordOnce(em: EntityManager, n: NewNotification): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO notifications (deadline_id, status, plot_id, transport_id, jurisdiction_code, holder_organisation_id, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (deadline_id, status) DO NOTHING RETURNING id`,
      [n.deadlineId, n.status, n.plotId, n.transportId, n.jurisdictionCode, n.holderOrganisationId, n.message],
    );
    return rows.length > 0;
  }

  /** The audience's latest notifications, newest first. */
  async list(audience: NotificationAudience, limit: number, em: EntityManager = this.ds.manager): Promise<NotificationView[]> {
    const params: unknown[] = [];
    let where = 'FALSE';
    if ('all' in audience) where = 'TRUE';
    if ('jurisdictionSubtree' in audience) where = inSubtree('n.jurisdiction_code', audience.jurisdictionSubtree, params);
    if ('holderOrganisationId' in audience) {
      params.push(audience.holderOrganisationId);
      where = `n.holder_organisation_id = $1`;
    }
    params.push(limit);
    const rows = await em.query(
      `SELECT n.id, n.deadline_id AS "deadlineId", n.status, n.plot_id AS "plotId", n.transport_id AS "transportId",
              n.message, n.created_at AS "createdAt", d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM notifications n JOIN deadlines d ON d.id = n.deadline_id
        WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    // A bigint id: a string in the API, whichever driver read it.
    return rows.map((r: NotificationView & { id: string | number }) => ({ ...r, id: String(r.id) }));
  }
}
