import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { DEMO_USERS } from '../src/demo/demo-directory';

describeEachDatabase('login, tokens and roles', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target, { LOGIN_MAX_ATTEMPTS: '5' });
  });
  afterAll(() => t?.close());

  it.each(DEMO_USERS.map((u) => [u.username, u.role]))('demo user %s logs in with role %s', async (username, role) => {
    const res = await t.http.post('/auth/login').send({ username, password: 'demo1234' }).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ username, role, organisationId: expect.any(String) });
    const me = await t.http.get('/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.username).toBe(username);
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await t.http.post('/auth/login').send({ username: 'eeb', password: 'nope' }).expect(401);
    const unknown = await t.http.post('/auth/login').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.code).toBe(unknown.body.code);
  });

  it('login is rate-limited per username and address', async () => {
    for (let i = 0; i < 5; i++) await t.http.post('/auth/login').send({ username: 'holder2', password: 'bad' }).expect(401);
    const res = await t.http.post('/auth/login').send({ username: 'holder2', password: 'demo1234' }).expect(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body.message).toMatch(/登录失败次数过多/);
  });

  it('a malformed login body is a 400 naming each field', async () => {
    const res = await t.http.post('/auth/login').send({ username: 5, extra: true }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'password', 'extra']));
  });

  it('malformed JSON is a 400, not a 500', async () => {
    await t.http.post('/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400);
  });

  it('routes require a valid token unless public', async () => {
    await t.http.get('/me').expect(401);
    await t.http.get('/me').set('Authorization', 'Bearer not.a.token').expect(401);
    await t.http.get('/health').expect(200);
  });

  it('role decorator: only admin reaches /admin', async () => {
    await t.http.get('/admin/users').set(await t.as('eeb')).expect(403);
    const res = await t.http.get('/admin/users').set(await t.as('admin')).expect(200);
    expect(res.body.length).toBe(DEMO_USERS.length);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/i);
  });
});

describeEachDatabase('administration', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('an admin creates a jurisdiction, an organisation and a user who can then log in', async () => {
    const admin = await t.as('admin');
    await t.http.post('/admin/jurisdictions').set(admin).send({ code: '410102', name: '郑州市中原区' }).expect(201);
    const org = await t.http
      .post('/admin/organisations')
      .set(admin)
      .send({ name: '郑州市中原区生态环境分局', kind: 'eeb', jurisdictionCode: '410102' })
      .expect(201);
    const user = await t.http
      .post('/admin/users')
      .set(admin)
      .send({ username: 'eeb-zy', displayName: '孙审查', role: 'eeb', organisationId: org.body.id, password: 'initial-pass' })
      .expect(201);
    expect(user.body.passwordHash).toBeUndefined();
    const login = await t.http.post('/auth/login').send({ username: 'eeb-zy', password: 'initial-pass' }).expect(200);
    expect(login.body.user.jurisdictionCode).toBe('410102');
  });

  it('a bureau organisation needs a jurisdiction, and a role must match the organisation kind', async () => {
    const admin = await t.as('admin');
    const res = await t.http.post('/admin/organisations').set(admin).send({ name: '无辖区的局', kind: 'land' }).expect(400);
    expect(res.body.errors[0].field).toBe('jurisdictionCode');
    const mismatch = await t.http
      .post('/admin/users')
      .set(admin)
      .send({ username: 'x-user', displayName: 'x', role: 'eeb', organisationId: t.demo.organisations.holder, password: 'longenough' })
      .expect(400);
    expect(mismatch.body.errors[0].field).toBe('role');
  });

  it('a duplicate username is a 409, not a 500', async () => {
    const res = await t.http
      .post('/admin/users')
      .set(await t.as('admin'))
      .send({ username: 'eeb', displayName: 'dup', role: 'eeb', organisationId: t.demo.organisations.eeb, password: 'longenough' })
      .expect(409);
    expect(res.body.message).toBe('用户名已存在');
  });

  it("a disabled user's tokens stop working at once, and a reset password replaces the old one", async () => {
    const admin = await t.as('admin');
    const holderToken = await t.token('holder');
    await t.http.get('/me').set('Authorization', `Bearer ${holderToken}`).expect(200);
    const userId = t.demo.users.holder;
    await t.http.patch(`/admin/users/${userId}`).set(admin).send({ disabled: true }).expect(200);
    await t.http.get('/me').set('Authorization', `Bearer ${holderToken}`).expect(401);
    await t.http.post('/auth/login').send({ username: 'holder', password: 'demo1234' }).expect(401);
    await t.http.patch(`/admin/users/${userId}`).set(admin).send({ disabled: false }).expect(200);
    await t.http.post(`/admin/users/${userId}/reset-password`).set(admin).send({ password: 'new-password-1' }).expect(204);
    await t.http.post('/auth/login').send({ username: 'holder', password: 'demo1234' }).expect(401);
    await t.http.post('/auth/login').send({ username: 'holder', password: 'new-password-1' }).expect(200);
  });

  it('an administrator reads the effective settings, labelled in Chinese, with no secret among them; no one else may', async () => {
    for (const who of ['eeb', 'land', 'holder2', 'consultant']) await t.http.get('/admin/settings').set(await t.as(who)).expect(403);
    await t.http.get('/admin/settings').expect(401);
    const res = await t.http.get('/admin/settings').set(await t.as('admin')).expect(200);
    const keys = res.body.map((s: { key: string }) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['database', 'uploadMaxBytes', 'transport.leadWorkingDays', 'deadlines.annualReportDue']));
    expect(res.body.every((s: { label: string }) => /[\u4e00-\u9fff]/.test(s.label))).toBe(true);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(t.config.jwtSecret);
    const password = t.config.databaseUrl ? new URL(t.config.databaseUrl).password : '';
    if (password) expect(text).not.toContain(password);
  });

  it('every administrative change is recorded with who made it, without passwords', async () => {
    const res = await t.http.get('/admin/changes').set(await t.as('admin')).expect(200);
    const actions = res.body.map((c: { action: string; entity: string }) => `${c.action} ${c.entity}`);
    expect(actions).toEqual(expect.arrayContaining(['create jurisdiction', 'create organisation', 'create user', 'disable user', 'reset-password user']));
    expect(res.body.every((c: { actorUserId: string }) => c.actorUserId === t.demo.users.admin)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/new-password-1|initial-pass/);
  });

  it('an unknown id is a 404', async () => {
    await t.http.patch('/admin/users/not-a-uuid').set(await t.as('admin')).send({ disabled: true }).expect(404);
    await t.http.patch('/admin/users/00000000-0000-4000-8000-000000000000').set(await t.as('admin')).send({ disabled: true }).expect(404);
  });
});
