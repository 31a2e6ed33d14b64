import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764460800000 implements MigrationInterface {
  name = 'Foundation1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdictions (
        code varchar(12) PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3,6})?$'),
        name varchar(100) NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('eeb','land','holder','consultant','admin')),
        jurisdiction_code varchar(12) REFERENCES jurisdictions(code),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organisations_name_unique UNIQUE (name),
        CONSTRAINT organisations_bureau_has_jurisdiction
          CHECK (kind NOT IN ('eeb','land') OR jurisdiction_code IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        display_name varchar(100) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('eeb','land','holder','consultant','admin')),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_username_unique UNIQUE (username)
      )`);
    await q.query(`CREATE INDEX users_organisation_idx ON users (organisation_id)`);
    // Who changed which account or organisation, and how; never updated or deleted.
    await q.query(`
      CREATE TABLE admin_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users(id),
        action varchar(64) NOT NULL,
        entity varchar(32) NOT NULL,
        entity_id varchar(64) NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    // Failed-login counters, shared by every app process (rate limit per username and address).
    await q.query(`
      CREATE TABLE login_attempts (
        key varchar(200) PRIMARY KEY,
        window_start timestamptz NOT NULL,
        failures integer NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`
      CREATE TRIGGER admin_changes_append_only BEFORE UPDATE OR DELETE ON admin_changes
      FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE admin_changes`);
    await q.query(`DROP FUNCTION forbid_change()`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organisations`);
    await q.query(`DROP TABLE jurisdictions`);
  }
}
