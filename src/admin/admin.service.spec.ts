import type { ArgumentsHost } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { verifyPassword } from '../auth/password';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import { ancestorsOf, levelOf } from '../common/jurisdiction';
import { PinoLogger } from 'nestjs-pino';
import type { DirectoryRepository, NewOrganisation, NewUser } from '../organisations/directory.repository';
import type { Jurisdiction, Organisation, User } from '../organisations/organisation.entity';
import { AdminService } from './admin.service';

const ADMIN = { userId: 'admin-1', role: 'admin' } as Principal;
const GOOD_PASSWORD = 'soil-survey-2026-上街';

interface Change {
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** The directory in memory; a transaction that throws leaves nothing behind, and usernames are unique as in users_username_unique. */
class InMemoryDirectory {
  state = {
    jurisdictions: [
      { code: '410000', name: '河南省', parentCode: null, level: 'province', disabled: false },
      { code: '410106', name: '郑州市上街区', parentCode: '410000', level: 'district', disabled: false },
    ] as Jurisdiction[],
    organisations: [
      { id: 'org-eeb', name: '郑州市生态环境局上街分局', kind: 'eeb', jurisdictionCode: '410106', level: 'district', disabled: false },
      { id: 'org-institute', name: '某环境科学研究院', kind: 'expert', jurisdictionCode: null, level: null, disabled: false },
    ] as Organisation[],
    users: [] as Array<User & { passwordHash: string }>,
    changes: [] as Change[],
  };

  async transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const before = structuredClone(this.state);
    try {
      return await work({} as EntityManager);
    } catch (e) {
      this.state = before;
      throw e;
    }
  }

  async findJurisdiction(code: string) {
    return this.state.jurisdictions.find((j) => j.code === code) ?? null;
  }
  async findOrganisation(id: string) {
    return this.state.organisations.find((o) => o.id === id) ?? null;
  }
  async findUser(id: string) {
    const user = this.state.users.find((u) => u.id === id);
    if (!user) return null;
    // password_hash is never selected (select: false).
    const { passwordHash: _hidden, ...rest } = user;
    return { ...rest } as User;
  }
  /** The level is the database's generated column (migration JurisdictionLevels). */
  async createJurisdiction(_em: EntityManager, row: Pick<Jurisdiction, 'code' | 'name' | 'parentCode'>) {
    const saved = { ...row, level: levelOf(row.code), disabled: false } as Jurisdiction;
    this.state.jurisdictions.push(saved);
    return saved;
  }
  async nearestAncestor(_em: EntityManager, code: string) {
    return ancestorsOf(code).filter((c) => c !== code && this.state.jurisdictions.some((j) => j.code === c)).pop() ?? null;
  }
  async saveJurisdiction(_em: EntityManager, row: Jurisdiction) {
    Object.assign(this.state.jurisdictions.find((j) => j.code === row.code)!, row);
    return row;
  }
  async createOrganisation(_em: EntityManager, row: NewOrganisation) {
    const bureau = row.kind === 'eeb' || row.kind === 'land';
    const level = bureau && row.jurisdictionCode ? levelOf(row.jurisdictionCode) : null;
    const saved = { ...row, level, id: `org-${this.state.organisations.length + 1}`, disabled: false } as Organisation;
    this.state.organisations.push(saved);
    return saved;
  }
  async saveOrganisation(_em: EntityManager, row: Organisation) {
    Object.assign(this.state.organisations.find((o) => o.id === row.id)!, row);
    return row;
  }
  async createUser(_em: EntityManager, row: NewUser) {
    if (this.state.users.some((u) => u.username === row.username)) throw uniqueViolation('users_username_unique');
    const id = `user-${this.state.users.length + 1}`;
    this.state.users.push({ ...row, id, disabled: false, tokenVersion: 0 } as User & { passwordHash: string });
    return id;
  }
  async saveUser(_em: EntityManager, row: User) {
    Object.assign(this.state.users.find((u) => u.id === row.id)!, row);
    return row;
  }
  async setPassword(_em: EntityManager, id: string, passwordHash: string, tokenVersion: number) {
    Object.assign(this.state.users.find((u) => u.id === id)!, { passwordHash, tokenVersion });
  }
  async recordChange(_em: EntityManager, change: Change & { actorUserId: string | null }) {
    this.state.changes.push(change);
  }
}

/** What PostgreSQL answers to a second row with the same unique key. */
function uniqueViolation(constraint: string) {
  const driver = new DatabaseError('duplicate key value violates unique constraint', 0, 'error');
  driver.code = '23505';
  driver.constraint = constraint;
  return new QueryFailedError('INSERT INTO "users" …', [], driver);
}

/** The HTTP answer the global filter gives for an error. */
function httpAnswer(e: unknown): { status: number; body: Record<string, unknown> } {
  const res = { status: 0, body: {} as Record<string, unknown> };
  const out = {
    headersSent: false,
    status: (s: number) => ((res.status = s), out),
    json: (b: Record<string, unknown>) => ((res.body = b), out),
    setHeader: () => undefined,
  };
  const host = { switchToHttp: () => ({ getResponse: () => out }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter(new PinoLogger({ pinoHttp: { level: 'silent' } })).catch(e, host);
  return res;
}

function setup() {
  const directory = new InMemoryDirectory();
  return { directory, admin: new AdminService(directory as unknown as DirectoryRepository) };
}

const newUser = (username: string, password = GOOD_PASSWORD) => ({
  username,
  displayName: '张三',
  role: 'eeb' as const,
  organisationId: 'org-eeb',
  password,
});

describe('AdminService (README “Passwords and requests”; GB/T 22239-2019 8.1.4.1 a)', () => {
  it('hardening #11: a user whose password contains the username is refused under password, and nothing is written', async () => {
    const { directory, admin } = setup();
    const refusal = await admin.createUser(ADMIN, newUser('zhangsan-eeb', 'Zhangsan-Eeb2026!')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationFailedError);
    expect((refusal as ValidationFailedError).errors).toEqual([{ field: 'password', message: '密码不能与用户名相同，也不能包含用户名' }]);
    expect(directory.state.users).toEqual([]);
    expect(directory.state.changes).toEqual([]);
  });

  it('hardening #11: a password reset is checked against the user’s own username and the common-password list', async () => {
    const { directory, admin } = setup();
    const user = await admin.createUser(ADMIN, newUser('zhangsan-eeb'));
    await expect(admin.resetPassword(ADMIN, user.id, 'ZHANGSAN-EEB-2026')).rejects.toThrow(/用户名/);
    await expect(admin.resetPassword(ADMIN, user.id, 'woaini1314')).rejects.toThrow(/常见/);
    expect(directory.state.users[0].tokenVersion).toBe(0);
  });

  it('a created user keeps only a scrypt hash of the password; the change names username, role and organisation, never the password', async () => {
    const { directory, admin } = setup();
    const user = await admin.createUser(ADMIN, newUser('zhangsan-eeb'));
    expect(user).toMatchObject({ username: 'zhangsan-eeb', role: 'eeb', organisationId: 'org-eeb' });
    expect(user).not.toHaveProperty('passwordHash');
    await expect(verifyPassword(GOOD_PASSWORD, directory.state.users[0].passwordHash)).resolves.toBe(true);
    expect(directory.state.changes).toEqual([
      expect.objectContaining({ action: 'create', entity: 'user', entityId: user.id, details: { username: 'zhangsan-eeb', role: 'eeb', organisationId: 'org-eeb' } }),
    ]);
  });

  it('a duplicate username is a conflict (409 用户名已存在, users_username_unique) and records nothing', async () => {
    const { directory, admin } = setup();
    await admin.createUser(ADMIN, newUser('zhangsan-eeb'));
    const refusal = await admin.createUser(ADMIN, newUser('zhangsan-eeb')).catch((e: unknown) => e);
    expect(httpAnswer(refusal)).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'DUPLICATE', message: '用户名已存在', constraint: 'users_username_unique' }),
    });
    expect(directory.state.users).toHaveLength(1);
    expect(directory.state.changes).toHaveLength(1);
  });

  it('a user’s role must be the kind of its organisation', async () => {
    const { admin } = setup();
    const refusal = await admin.createUser(ADMIN, { ...newUser('lisi'), role: 'holder' }).catch((e: unknown) => e);
    expect((refusal as ValidationFailedError).errors).toEqual([{ field: 'role', message: '角色 holder 与机构类型 eeb 不符' }]);
    await expect(admin.createUser(ADMIN, { ...newUser('lisi'), organisationId: 'nowhere' })).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('disabling a user raises its token version, so its tokens stop working at once; disabling again does not', async () => {
    const { directory, admin } = setup();
    const user = await admin.createUser(ADMIN, newUser('zhangsan-eeb'));
    await admin.updateUser(ADMIN, user.id, { disabled: true });
    await admin.updateUser(ADMIN, user.id, { disabled: true });
    expect(directory.state.users[0]).toMatchObject({ disabled: true, tokenVersion: 1 });
    expect(directory.state.changes.map((c) => c.action)).toEqual(['create', 'disable', 'update']);
  });

  it('a password reset stores a new hash, ends the tokens issued before and records no password', async () => {
    const { directory, admin } = setup();
    const user = await admin.createUser(ADMIN, newUser('zhangsan-eeb'));
    await admin.resetPassword(ADMIN, user.id, 'T7#qv9!Lm2pX');
    expect(directory.state.users[0].tokenVersion).toBe(1);
    await expect(verifyPassword('T7#qv9!Lm2pX', directory.state.users[0].passwordHash)).resolves.toBe(true);
    expect(directory.state.changes.at(-1)).toEqual(expect.objectContaining({ action: 'reset-password', details: {} }));
    await expect(admin.resetPassword(ADMIN, 'nobody', 'T7#qv9!Lm2pX')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an environment or natural-resources bureau needs an existing jurisdiction', async () => {
    const { directory, admin } = setup();
    const missing = await admin.createOrganisation(ADMIN, { name: '某自然资源局', kind: 'land' }).catch((e: unknown) => e);
    expect((missing as ValidationFailedError).errors).toEqual([{ field: 'jurisdictionCode', message: '生态环境局、自然资源局必须指定行政区划' }]);
    const unknown = await admin.createOrganisation(ADMIN, { name: '某自然资源局', kind: 'land', jurisdictionCode: '410199' }).catch((e: unknown) => e);
    expect((unknown as ValidationFailedError).errors).toEqual([{ field: 'jurisdictionCode', message: '行政区划 410199 不存在' }]);
    const holder = await admin.createOrganisation(ADMIN, { name: '某置业有限公司', kind: 'holder' });
    expect(holder).toMatchObject({ kind: 'holder', jurisdictionCode: null, shortName: null });
    expect(directory.state.organisations).toHaveLength(3);
  });

  it('DESIGN §1.1: a jurisdiction’s parent must be registered and its ancestor by code (400 naming parentCode); without one, the nearest registered ancestor', async () => {
    const { directory, admin } = setup();
    const notAncestor = await admin.createJurisdiction(ADMIN, { code: '410182', name: '荥阳市', parentCode: '410106' }).catch((e: unknown) => e);
    expect((notAncestor as ValidationFailedError).errors).toEqual([
      { field: 'parentCode', message: '上级行政区划 410106 不是 410182 的上级（行政区划代码按前缀逐级包含）' },
    ]);
    const itself = await admin.createJurisdiction(ADMIN, { code: '410182', name: '荥阳市', parentCode: '410182' }).catch((e: unknown) => e);
    expect((itself as ValidationFailedError).errors[0].field).toBe('parentCode');
    const unregistered = await admin.createJurisdiction(ADMIN, { code: '410182', name: '荥阳市', parentCode: '410100' }).catch((e: unknown) => e);
    expect((unregistered as ValidationFailedError).errors).toEqual([{ field: 'parentCode', message: '上级行政区划 410100 不存在' }]);
    expect(directory.state.jurisdictions).toHaveLength(2);
    expect(await admin.createJurisdiction(ADMIN, { code: '410182', name: '荥阳市' })).toMatchObject({ parentCode: '410000', level: 'district' });
    expect(await admin.createJurisdiction(ADMIN, { code: '410100', name: '郑州市', parentCode: '410000' })).toMatchObject({ parentCode: '410000', level: 'city' });
    const moved = await admin.updateJurisdiction(ADMIN, '410182', { parentCode: '410100' });
    expect(moved).toMatchObject({ code: '410182', parentCode: '410100' });
    const wrongMove = await admin.updateJurisdiction(ADMIN, '410182', { parentCode: '410106' }).catch((e: unknown) => e);
    expect((wrongMove as ValidationFailedError).errors[0].field).toBe('parentCode');
  });

  it('DESIGN §1.1: a bureau takes its level from its jurisdiction; a level sent must agree with it, and other kinds have none (400 naming level)', async () => {
    const { admin } = setup();
    expect(await admin.createOrganisation(ADMIN, { name: '河南省自然资源厅', kind: 'land', jurisdictionCode: '410000', shortName: '豫自然资' })).toMatchObject({ level: 'province' });
    expect(await admin.createOrganisation(ADMIN, { name: '郑州市上街区自然资源局', kind: 'land', jurisdictionCode: '410106', level: 'district' })).toMatchObject({ level: 'district' });
    const disagreeing = await admin.createOrganisation(ADMIN, { name: '河南省生态环境厅', kind: 'eeb', jurisdictionCode: '410000', level: 'city' }).catch((e: unknown) => e);
    expect((disagreeing as ValidationFailedError).errors).toEqual([{ field: 'level', message: '机构层级应与行政区划一致：河南省为省级，不是市级' }]);
    const holder = await admin.createOrganisation(ADMIN, { name: '某置业有限公司', kind: 'holder', level: 'district' }).catch((e: unknown) => e);
    expect((holder as ValidationFailedError).errors).toEqual([{ field: 'level', message: '只有生态环境局、自然资源局有层级' }]);
    const both = await admin.createOrganisation(ADMIN, { name: '某生态环境局', kind: 'eeb', jurisdictionCode: '419999', level: 'district' }).catch((e: unknown) => e);
    expect((both as ValidationFailedError).errors.map((e) => e.field)).toEqual(['jurisdictionCode']);
    expect(await admin.createOrganisation(ADMIN, { name: '某大学环境学院', kind: 'expert' })).toMatchObject({ kind: 'expert', level: null });
  });

  it('评审专家 (环办土壤〔2019〕63号): a user of role expert belongs to an expert organisation, and an expert organisation has no officers', async () => {
    const { admin } = setup();
    expect(await admin.createUser(ADMIN, { ...newUser('expert9'), role: 'expert', organisationId: 'org-institute' })).toMatchObject({ role: 'expert' });
    const officer = await admin.createUser(ADMIN, { ...newUser('eeb9'), organisationId: 'org-institute' }).catch((e: unknown) => e);
    expect((officer as ValidationFailedError).errors[0].field).toBe('role');
    const expertInBureau = await admin.createUser(ADMIN, { ...newUser('expert8'), role: 'expert' }).catch((e: unknown) => e);
    expect((expertInBureau as ValidationFailedError).errors[0].field).toBe('role');
  });
});
