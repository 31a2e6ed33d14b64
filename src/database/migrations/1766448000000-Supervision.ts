import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision (issue 22, point 3): 催办 and 督办 of an open duty are notifications to the party that owes it, beside the
 * deadline sweep's own (due, overdue); a key unit's duty is urged too, so a notification names a plot or a unit. One urge
 * per duty and day (notifications_urge_daily). Read marks are per user: each notification read, and a watermark for
 * "all read up to here" (a province's bureau reads many). The supervisor's list walks open deadlines by due date.
 */
export class Supervision1766448000000 implements MigrationInterface {
  name = 'Supervision1766448000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('due', 'overdue', 'urge', 'supervise'))`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_once`);
    await q.query(`CREATE UNIQUE INDEX notifications_once ON notifications (deadline_id, status) WHERE status IN ('due', 'overdue')`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN plot_id DROP NOT NULL,
      ADD COLUMN unit_id uuid REFERENCES key_units(id),
      ADD COLUMN to_party varchar(16) CHECK (to_party IN ('holder', 'bureau', 'unit')),
      ADD COLUMN sender_user_id uuid REFERENCES users(id),
      ADD COLUMN sender_name varchar(200),
      ADD COLUMN urged_on date`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_plot_or_unit CHECK ((plot_id IS NULL) <> (unit_id IS NULL)) NOT VALID`);
    await q.query(`ALTER TABLE notifications VALIDATE CONSTRAINT notifications_plot_or_unit`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_urge_complete
      CHECK ((status IN ('urge', 'supervise')) = (urged_on IS NOT NULL AND sender_user_id IS NOT NULL AND to_party IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX notifications_urge_daily ON notifications (deadline_id, urged_on) WHERE urged_on IS NOT NULL`);
    await q.query(`CREATE TABLE notification_reads (
      user_id uuid NOT NULL REFERENCES users(id),
      notification_id bigint NOT NULL REFERENCES notifications(id),
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, notification_id)
    )`);
    await q.query(`CREATE TABLE notification_marks (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      read_up_to bigint NOT NULL,
      marked_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX deadlines_open_due_idx ON deadlines (due_date, id) WHERE status <> 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_open_due_idx`);
    await q.query(`DROP TABLE notification_marks`);
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DELETE FROM notifications WHERE status IN ('urge', 'supervise') OR plot_id IS NULL`);
    await q.query(`DROP INDEX notifications_urge_daily`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_urge_complete, DROP CONSTRAINT notifications_plot_or_unit`);
    await q.query(`ALTER TABLE notifications DROP COLUMN urged_on, DROP COLUMN sender_name, DROP COLUMN sender_user_id,
      DROP COLUMN to_party, DROP COLUMN unit_id, ALTER COLUMN plot_id SET NOT NULL`);
    await q.query(`DROP INDEX notifications_once`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_once UNIQUE (deadline_id, status)`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('due', 'overdue'))`);
  }
}
