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

/** 催办 or 督办 of an open duty (src/supervision), sent to the party that owes it. */
export interface NewUrge {
  deadlineId: string;
  status: 'urge' | 'supervise';
  plotId: string | null;
  transportId: string | null;
  unitId: string | null;
  jurisdictionCode: string;
  /** the holder's or the key unit's organisation; null when a bureau owes the duty */
  holderOrganisationId: string | null;
  toParty: 'holder' | 'bureau' | 'unit';
  senderUserId: string;
  senderName: string;
  urgedOn: string;
  message: string;
}

export interface NotificationView {
  id: string;
  deadlineId: string;
  status: SweptStatus | 'urge' | 'supervise';
  plotId: string | null;
  unitId: string | null;
  transportId: string | null;
  senderName: string | null;
  read: boolean;
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
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (deadline_id, status) WHERE status IN ('due', 'overdue') DO NOTHING RETURNING id`,
      [n.deadlineId, n.status, n.plotId, n.transportId, n.jurisdictionCode, n.holderOrganisationId, n.message],
    );
    return rows.length > 0;
  }

  /** Records an urge unless the duty was urged already that day (notifications_urge_daily); whether it did. */
  async recordUrge(em: EntityManager, n: NewUrge): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO notifications (deadline_id, status, plot_id, transport_id, unit_id, jurisdiction_code, holder_organisation_id,
         to_party, sender_user_id, sender_name, urged_on, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (deadline_id, urged_on) WHERE urged_on IS NOT NULL DO NOTHING RETURNING id`,
      [n.deadlineId, n.status, n.plotId, n.transportId, n.unitId, n.jurisdictionCode, n.holderOrganisationId,
        n.toParty, n.senderUserId, n.senderName, n.urgedOn, n.message],
    );
    return rows.length > 0;
  }

  /** The audience's latest notifications, newest first, each marked read or not for the reader. */
  async list(audience: NotificationAudience, limit: number, em: EntityManager = this.ds.manager, readerId: string | null = null): Promise<NotificationView[]> {
    const params: unknown[] = [];
    const where = audienceWhere(audience, params, readerId);
    const read = readExpression(readerId, params);
    params.push(limit);
    const rows = await em.query(
      `SELECT n.id, n.deadline_id AS "deadlineId", n.status, n.plot_id AS "plotId", n.unit_id AS "unitId", n.transport_id AS "transportId",
              n.message, n.created_at AS "createdAt", n.sender_name AS "senderName", ${read} AS read,
              d.kind, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate"
         FROM notifications n JOIN deadlines d ON d.id = n.deadline_id
        WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    // A bigint id: a string in the API, whichever driver read it.
    return rows.map((r: NotificationView & { id: string | number }) => ({ ...r, id: String(r.id), read: Boolean(r.read) }));
  }

  /** How many of the audience's latest `cap` notifications the reader has not read (the bell shows “99+” beyond). */
  async unreadCount(audience: NotificationAudience, readerId: string, cap: number): Promise<number> {
    const params: unknown[] = [];
    const where = audienceWhere(audience, params, readerId);
    const read = readExpression(readerId, params);
    params.push(cap);
    const [row] = await this.ds.query(
      `SELECT count(*)::int AS count FROM (SELECT n.id FROM notifications n WHERE ${where} AND NOT ${read}
        ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}) u`,
      params,
    );
    return row.count;
  }

  /** Marks one notification of the audience read for the reader; false when the audience has no such notification. */
  async markRead(audience: NotificationAudience, readerId: string, id: string): Promise<boolean> {
    const params: unknown[] = [id];
    const where = audienceWhere(audience, params, readerId);
    params.push(readerId);
    const rows = await this.ds.query(
      `INSERT INTO notification_reads (user_id, notification_id)
       SELECT $${params.length}, n.id FROM notifications n WHERE n.id = $1 AND ${where}
       ON CONFLICT (user_id, notification_id) DO UPDATE SET read_at = notification_reads.read_at RETURNING notification_id`,
      params,
    );
    return rows.length > 0;
  }

  /** Marks every notification up to the newest one there is now read for the reader (a watermark, not a row each). */
  async markAllRead(readerId: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO notification_marks (user_id, read_up_to)
       SELECT $1, coalesce(max(id), 0) FROM notifications
       ON CONFLICT (user_id) DO UPDATE SET read_up_to = greatest(notification_marks.read_up_to, EXCLUDED.read_up_to), marked_at = now()`,
      [readerId],
    );
  }
}

/**
 * Who reads a notification: the bureaus of its jurisdiction's subtree and its holder, as the sweep wrote it; an urge
 * (催办, 督办) only the party it was sent to, never its sender.
 */
function audienceWhere(audience: NotificationAudience, params: unknown[], readerId: string | null): string {
  const notMine = () => (readerId ? ` AND n.sender_user_id IS DISTINCT FROM $${params.push(readerId)}::uuid` : '');
  if ('all' in audience) return `TRUE${notMine()}`;
  if ('jurisdictionSubtree' in audience) {
    const subtree = inSubtree('n.jurisdiction_code', audience.jurisdictionSubtree, params);
    return subtree === 'FALSE' ? 'FALSE' : `${subtree} AND (n.to_party IS NULL OR n.to_party = 'bureau')${notMine()}`;
  }
  if ('holderOrganisationId' in audience) {
    return `n.holder_organisation_id = $${params.push(audience.holderOrganisationId)} AND (n.to_party IS NULL OR n.to_party <> 'bureau')`;
  }
  return 'FALSE';
}

function readExpression(readerId: string | null, params: unknown[]): string {
  if (!readerId) return 'FALSE';
  const reader = `$${params.push(readerId)}::uuid`;
  return `(n.id <= coalesce((SELECT m.read_up_to FROM notification_marks m WHERE m.user_id = ${reader}), 0)
    OR EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_id = ${reader} AND r.notification_id = n.id))`;
}
