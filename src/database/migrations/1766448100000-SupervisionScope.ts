import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervisor's list by jurisdiction (issue 22): each deadline carries the jurisdiction of its plot or key unit,
 * set by a trigger when the deadline is opened (a plot's or unit's jurisdiction never changes), so that a district's
 * open duties are read from one index range and sorted, while a city's or province's walk deadlines_open_due_idx.
 */
export class SupervisionScope1766448100000 implements MigrationInterface {
  name = 'SupervisionScope1766448100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN jurisdiction_code varchar(12)`);
    await q.query(`UPDATE deadlines d SET jurisdiction_code = coalesce(
      (SELECT p.jurisdiction_code FROM plots p WHERE p.id = d.plot_id), (SELECT k.jurisdiction_code FROM key_units k WHERE k.id = d.unit_id))`);
    await q.query(`CREATE FUNCTION deadlines_jurisdiction() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.jurisdiction_code := coalesce(
          (SELECT p.jurisdiction_code FROM plots p WHERE p.id = NEW.plot_id),
          (SELECT k.jurisdiction_code FROM key_units k WHERE k.id = NEW.unit_id));
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER deadlines_jurisdiction BEFORE INSERT ON deadlines FOR EACH ROW EXECUTE FUNCTION deadlines_jurisdiction()`);
    await q.query(`CREATE INDEX deadlines_open_jurisdiction_idx ON deadlines (jurisdiction_code text_pattern_ops, due_date, id) WHERE status <> 'done'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadlines_open_jurisdiction_idx`);
    await q.query(`DROP TRIGGER deadlines_jurisdiction ON deadlines`);
    await q.query(`DROP FUNCTION deadlines_jurisdiction()`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN jurisdiction_code`);
  }
}
