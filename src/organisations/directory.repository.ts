import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Bureau } from '../../workflows';
import type { Principal } from '../auth/principal';
import { AdminChange, Jurisdiction, Organisation, User, type OrganisationKind } from './organisation.entity';
import { namedStatement } from '../database/named-statement';
import { ancestorsOf, jurisdictionCovers } from '../common/jurisdiction';
import { subtreePattern } from './jurisdiction-subtree';

export type NewOrganisation = Pick<Organisation, 'name' | 'kind' | 'jurisdictionCode' | 'shortName'>;
export type NewJurisdiction = Pick<Jurisdiction, 'code' | 'name' | 'parentCode'>;
export type NewUser = Pick<User, 'username' | 'displayName' | 'role' | 'organisationId' | 'passwordHash'>;

export interface UserWithSecret {
  id: string;
  username: string;
  passwordHash: string;
  disabled: boolean;
  tokenVersion: number;
  organisationDisabled: boolean;
}

/** Owns the SQL for jurisdictions, organisations and users (the directory). */
const PRINCIPAL_SQL = `SELECT u.id AS "userId", u.username, u.display_name AS "displayName", u.role,
         u.organisation_id AS "organisationId", o.name AS "organisationName", o.kind AS "organisationKind",
         o.jurisdiction_code AS "jurisdictionCode", o.level
    FROM users u JOIN organisations o ON o.id = u.organisation_id
   WHERE u.id = $1 AND u.token_version = $2 AND NOT u.disabled AND NOT o.disabled`;

/** A change of the log with the names of who made it and of what it changed. */
export interface AdminChangeRow {
  id: string;
  at: string;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
  actorName: string | null;
  subjectName: string | null;
  /** the name of the organisation a user change names (details.organisationId) */
  organisationName: string | null;
}

@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async findForLogin(username: string): Promise<UserWithSecret | undefined> {
    const rows = await this.ds.query(
      `SELECT u.id, u.username, u.password_hash AS "passwordHash", u.disabled, u.token_version AS "tokenVersion",
              o.disabled AS "organisationDisabled"
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.username = $1`,
      [username],
    );
    return rows[0];
  }

  /** The principal behind a token, or undefined when the user or its organisation is disabled or the token is stale. */
  async findPrincipal(userId: string, tokenVersion: number): Promise<Principal | undefined> {
    const rows = await this.ds.query(namedStatement(this.ds, PRINCIPAL_SQL), [userId, tokenVersion]);
    return rows[0];
  }

  jurisdictions(): Promise<Jurisdiction[]> {
    return this.ds.getRepository(Jurisdiction).find({ order: { code: 'ASC' } });
  }

  organisations(): Promise<Organisation[]> {
    return this.ds.getRepository(Organisation).find({ order: { kind: 'ASC', name: 'ASC' } });
  }

  users(): Promise<User[]> {
    return this.ds.getRepository(User).find({ order: { username: 'ASC' } });
  }

  findOrganisation(id: string, em: EntityManager = this.ds.manager): Promise<Organisation | null> {
    return em.getRepository(Organisation).findOneBy({ id });
  }

  findJurisdiction(code: string, em: EntityManager = this.ds.manager): Promise<Jurisdiction | null> {
    return em.getRepository(Jurisdiction).findOneBy({ code });
  }

  findUser(id: string, em: EntityManager = this.ds.manager): Promise<User | null> {
    return em.getRepository(User).findOneBy({ id });
  }

  /** Adds a jurisdiction and makes it the parent of the registered ones it is now the nearest ancestor of; the row as stored. */
  async createJurisdiction(em: EntityManager, row: NewJurisdiction): Promise<Jurisdiction> {
    await em.getRepository(Jurisdiction).insert({ code: row.code, name: row.name, parentCode: row.parentCode });
    await this.adoptDescendants(em, row.code);
    return (await this.findJurisdiction(row.code, em))!;
  }

  /** The nearest registered jurisdiction above a code (410106: 410100 if registered, else 410000), or null. */
  async nearestAncestor(em: EntityManager, code: string): Promise<string | null> {
    const above = ancestorsOf(code).filter((c) => c !== code);
    if (!above.length) return null;
    const rows: Array<{ code: string }> = await em.query(`SELECT code FROM jurisdictions WHERE code = ANY($1)`, [above]);
    const present = new Set(rows.map((r) => r.code));
    return above.filter((c) => present.has(c)).pop() ?? null;
  }

  /**
   * Re-parents the jurisdictions below `code` whose parent is missing or lies above `code`:
   * `code` is now their nearest registered ancestor (郑州市 added after 上街区 becomes its parent).
   */
  async adoptDescendants(em: EntityManager, code: string): Promise<void> {
    const rows: Array<{ code: string; parentCode: string | null }> = await em.query(
      `SELECT code, parent_code AS "parentCode" FROM jurisdictions WHERE code LIKE $1 AND code <> $2`,
      [subtreePattern(code), code],
    );
    const adopted = rows.filter((r) => r.parentCode === null || (r.parentCode !== code && jurisdictionCovers(r.parentCode, code))).map((r) => r.code);
    if (adopted.length) await em.query(`UPDATE jurisdictions SET parent_code = $1, updated_at = now() WHERE code = ANY($2)`, [code, adopted]);
  }

  /** Writes the changed columns of a jurisdiction read with findJurisdiction. */
  saveJurisdiction(em: EntityManager, row: Jurisdiction): Promise<Jurisdiction> {
    return em.getRepository(Jurisdiction).save(row);
  }

  /** The organisation as stored, with the level the database derived. */
  async createOrganisation(em: EntityManager, row: NewOrganisation): Promise<Organisation> {
    const saved = await em.getRepository(Organisation).save(em.create(Organisation, row));
    return (await this.findOrganisation(saved.id, em))!;
  }

  saveOrganisation(em: EntityManager, row: Organisation): Promise<Organisation> {
    return em.getRepository(Organisation).save(row);
  }

  /** The new user's id; the username is unique (users_username_unique). */
  async createUser(em: EntityManager, row: NewUser): Promise<string> {
    const saved = await em.getRepository(User).save(em.create(User, row));
    return saved.id;
  }

  saveUser(em: EntityManager, row: User): Promise<User> {
    return em.getRepository(User).save(row);
  }

  /** A new password hash, and a token version that ends every token issued before. */
  async setPassword(em: EntityManager, id: string, passwordHash: string, tokenVersion: number): Promise<void> {
    await em.getRepository(User).update({ id }, { passwordHash, tokenVersion });
  }

  /** Ends every token issued to the user at this version (logout); a later version is left as it is. */
  async revokeTokens(id: string, tokenVersion: number): Promise<void> {
    await this.ds.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1 AND token_version = $2', [id, tokenVersion]);
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  recordChange(
    em: EntityManager,
    change: { actorUserId: string | null; action: string; entity: string; entityId: string; details?: Record<string, unknown> },
  ) {
    return em.getRepository(AdminChange).insert({ ...change, details: (change.details ?? {}) as never });
  }

  /**
   * One page of the change log, newest first, with who made each change and the name of what was changed
   * (a user's, an organisation's or a jurisdiction's), and how many changes there are in all.
   */
  async changesPage(offset: number, limit: number): Promise<{ rows: AdminChangeRow[]; total: number }> {
    const rows: AdminChangeRow[] = await this.ds.query(
      `SELECT c.id, c.at, c.action, c.entity, c.entity_id AS "entityId", c.details, a.display_name AS "actorName",
              COALESCE(u.display_name, o.name, j.name, CASE WHEN c.entity = 'calendar' THEN c.entity_id || ' 年' END) AS "subjectName",
              (SELECT d.name FROM organisations d WHERE d.id::text = c.details->>'organisationId') AS "organisationName"
         FROM admin_changes c
         LEFT JOIN users a ON a.id = c.actor_user_id
         LEFT JOIN users u ON c.entity = 'user' AND u.id::text = c.entity_id
         LEFT JOIN organisations o ON c.entity = 'organisation' AND o.id::text = c.entity_id
         LEFT JOIN jurisdictions j ON c.entity = 'jurisdiction' AND j.code = c.entity_id
        ORDER BY c.id DESC OFFSET $1 LIMIT $2`,
      [offset, limit],
    );
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM admin_changes`);
    return { rows, total: n };
  }

  changes(limit: number): Promise<AdminChange[]> {
    return this.ds.getRepository(AdminChange).find({ order: { id: 'DESC' }, take: limit });
  }

  /** The kind of an enabled organisation; undefined when there is none with this id or it is disabled. */
  async enabledOrganisationKind(id: unknown, em: EntityManager): Promise<OrganisationKind | undefined> {
    const [org] = await em.query(`SELECT kind FROM organisations WHERE id = $1 AND NOT disabled`, [id]);
    return org?.kind;
  }

  /** The jurisdiction (行政区划代码) of an enabled organisation, or null. */
  async organisationJurisdiction(id: string, em: EntityManager): Promise<string | null> {
    const [org] = await em.query(`SELECT jurisdiction_code AS code FROM organisations WHERE id = $1 AND NOT disabled`, [id]);
    return org?.code ?? null;
  }

  /**
   * How many of a panel's experts are not registered: an organisation that does not exist or is disabled, or a named
   * user who is not an enabled expert (评审专家) of that organisation.
   */
  async unknownPanelExperts(experts: { organisationId: string; userId?: string }[], em: EntityManager): Promise<number> {
    if (experts.length === 0) return 0;
    const [row] = await em.query(
      `SELECT count(*)::int AS n
         FROM jsonb_to_recordset($1::jsonb) AS e("organisationId" uuid, "userId" uuid)
        WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = e."organisationId" AND NOT o.disabled)
           OR (e."userId" IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM users u WHERE u.id = e."userId" AND u.role = 'expert' AND NOT u.disabled
                   AND u.organisation_id = e."organisationId"))`,
      [JSON.stringify(experts.map((e) => ({ organisationId: e.organisationId, userId: e.userId ?? null })))],
    );
    return row.n;
  }

  /** The enabled bureaus (生态环境, 自然资源) of these jurisdictions, oldest first: the names of the bodies that decide. */
  bureausIn(codes: string[], em: EntityManager): Promise<Array<{ kind: Bureau; jurisdictionCode: string; name: string }>> {
    return em.query(
      `SELECT kind, jurisdiction_code AS "jurisdictionCode", name FROM organisations
        WHERE kind IN ('eeb', 'land') AND jurisdiction_code = ANY ($1) AND NOT disabled ORDER BY created_at, id`,
      [codes],
    );
  }

  /** Whether a jurisdiction (行政区划代码) exists and is enabled. */
  async jurisdictionEnabled(code: string, em: EntityManager): Promise<boolean> {
    const [row] = await em.query(`SELECT 1 FROM jurisdictions WHERE code = $1 AND NOT disabled`, [code]);
    return Boolean(row);
  }

  /** The enabled bureau of a kind for a jurisdiction (the oldest, when there are several): who issues a filing. */
  async bureauOf(
    em: EntityManager,
    kind: Bureau,
    jurisdictionCode: string,
  ): Promise<Pick<Organisation, 'id' | 'name' | 'kind' | 'shortName' | 'jurisdictionCode'> | undefined> {
    const [o] = await em.query(
      `SELECT id, name, kind, short_name AS "shortName", jurisdiction_code AS "jurisdictionCode" FROM organisations
        WHERE kind = $1 AND jurisdiction_code = $2 AND NOT disabled ORDER BY created_at, id LIMIT 1`,
      [kind, jurisdictionCode],
    );
    return o;
  }

  /** Which of these usernames exist, enabled or not. */
  async usernamesTaken(usernames: string[]): Promise<Set<string>> {
    const rows: Array<{ username: string }> = await this.ds.query(`SELECT username FROM users WHERE username = ANY($1)`, [usernames]);
    return new Set(rows.map((r) => r.username));
  }

  /**
   * Whether every one of these jurisdiction codes and organisation names is registered and none of the former names is
   * left: then seeding the demo directory again would add nothing (one statement at start instead of one per row).
   */
  async holdsDirectory(codes: string[], names: string[], formerNames: string[]): Promise<boolean> {
    const [row]: Array<{ codes: number; names: number; former: number }> = await this.ds.query(
      `SELECT (SELECT count(*) FROM jurisdictions WHERE code = ANY($1))::int AS codes,
              (SELECT count(*) FROM organisations WHERE name = ANY($2))::int AS names,
              (SELECT count(*) FROM organisations WHERE name = ANY($3))::int AS former`,
      [codes, names, formerNames],
    );
    return row.codes === new Set(codes).size && row.names === new Set(names).size && row.former === 0;
  }

  /**
   * Adds a jurisdiction unless its code is taken (the demo directory, seeded more than once), under its
   * nearest registered ancestor, and adopts the registered ones below it.
   */
  async ensureJurisdiction(em: EntityManager, row: Pick<Jurisdiction, 'code' | 'name'>): Promise<void> {
    const parentCode = await this.nearestAncestor(em, row.code);
    await em.query(`INSERT INTO jurisdictions (code, name, parent_code) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`, [row.code, row.name, parentCode]);
    await this.adoptDescendants(em, row.code);
  }

  /** Renames an organisation unless one of the new name exists (the demo directory's renamed district bureau). */
  async renameOrganisation(em: EntityManager, from: string, to: string): Promise<void> {
    await em.query(
      `UPDATE organisations SET name = $2, updated_at = now() WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM organisations WHERE name = $2)`,
      [from, to],
    );
  }

  /** Adds an organisation unless its name is taken. */
  async ensureOrganisation(em: EntityManager, row: NewOrganisation): Promise<void> {
    await em.query(
      `INSERT INTO organisations (name, kind, jurisdiction_code, short_name) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
      [row.name, row.kind, row.jurisdictionCode, row.shortName],
    );
  }

  /** Adds a user unless its username is taken. */
  async ensureUser(em: EntityManager, row: NewUser): Promise<void> {
    await em.query(
      `INSERT INTO users (username, display_name, role, organisation_id, password_hash)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING`,
      [row.username, row.displayName, row.role, row.organisationId, row.passwordHash],
    );
  }

  /** Every organisation's id by its name. */
  async organisationIdsByName(em: EntityManager): Promise<Map<string, string>> {
    const rows: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM organisations`);
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  /** Every user's id by its username. */
  async userIdsByUsername(em: EntityManager): Promise<Record<string, string>> {
    const rows: Array<{ id: string; username: string }> = await em.query(`SELECT id, username FROM users`);
    return Object.fromEntries(rows.map((r) => [r.username, r.id]));
  }
}
