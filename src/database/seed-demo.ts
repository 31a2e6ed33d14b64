import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { DEMO_JURISDICTIONS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-directory';

export interface SeedResult {
  seeded: boolean;
  organisations: Record<string, string>;
  users: Record<string, string>;
}

/** Seeds the demo directory; does nothing when the demo admin already exists. */
export async function seedDemoDirectory(ds: DataSource): Promise<SeedResult> {
  const existing = await ds.query(`SELECT 1 FROM users WHERE username = 'admin'`);
  const hashes = existing.length ? [] : await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  return ds.transaction(async (em) => {
    for (const j of DEMO_JURISDICTIONS) {
      await em.query(`INSERT INTO jurisdictions (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [j.code, j.name]);
    }
    for (const o of DEMO_ORGANISATIONS) {
      await em.query(
        `INSERT INTO organisations (name, kind, jurisdiction_code, short_name) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
        [o.name, o.kind, o.jurisdictionCode, o.shortName ?? null],
      );
    }
    const orgRows: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM organisations`);
    const organisations: Record<string, string> = {};
    for (const o of DEMO_ORGANISATIONS) organisations[o.key] = orgRows.find((r) => r.name === o.name)!.id;
    let index = 0;
    for (const u of DEMO_USERS) {
      if (!existing.length) {
        await em.query(
          `INSERT INTO users (username, display_name, role, organisation_id, password_hash)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING`,
          [u.username, u.displayName, u.role, organisations[u.org], hashes[index++]],
        );
      }
    }
    const userRows: Array<{ id: string; username: string }> = await em.query(`SELECT id, username FROM users`);
    const users = Object.fromEntries(userRows.map((r) => [r.username, r.id]));
    return { seeded: !existing.length, organisations, users };
  });
}
