import { DEMO_PASSWORD } from '../src/demo/demo-directory';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

describeEachDatabase('hardening #11: the password policy where an administrator sets a password', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const newUser = (username: string, password: string) => ({
    username,
    displayName: '孙审查',
    role: 'eeb',
    organisationId: t.demo.organisations.eeb,
    password,
  });

  it.each([
    ['eight spaces', '        ', /至少 10 个字符|10–256/],
    ['12345678', '12345678', /至少 10 个字符|10–256/],
    ['ten spaces', ' '.repeat(10), /空白/],
    ['the username itself', 'eeb-policy', /用户名/],
    ['the username inside, in capitals', 'EEB-POLICY-2026', /用户名/],
    ['a common password (123456789…)', '1234567890', /常见/],
    ['a common password (woaini1314)', 'woaini1314', /常见/],
    ['one character repeated', 'xxxxxxxxxxxx', /同一个字符/],
  ])('hardening #11: creating a user with %s is refused with 400 naming `password` and a Chinese reason; no user is created', async (_what, password, reason) => {
    const res = await t.http.post('/admin/users').set(await t.as('admin')).send(newUser('eeb-policy', password));
    expect(res.status).toBe(400);
    const error = res.body.errors.find((e: { field: string }) => e.field === 'password');
    expect(error?.message).toMatch(reason);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.message).not.toMatch(/\b400\b/);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM users WHERE username = 'eeb-policy'`))[0].n).toBe(0);
  });

  it('hardening #11: a reset password passes the same policy (the username of the user being reset counts)', async () => {
    const admin = await t.as('admin');
    const id = t.demo.users['holder2'];
    for (const password of ['qwertyuiop', 'Holder2-password', '12345678']) {
      const res = await t.http.post(`/admin/users/${id}/reset-password`).set(admin).send({ password });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('password');
    }
    await t.http.post('/auth/login').send({ username: 'holder2', password: DEMO_PASSWORD }).expect(200);
    await t.http.post(`/admin/users/${id}/reset-password`).set(admin).send({ password: '地块复核-2026-秋' }).expect(204);
    await t.http.post('/auth/login').send({ username: 'holder2', password: '地块复核-2026-秋' }).expect(200);
  });

  it('hardening #11: a password that passes the policy is accepted; the demo users keep demo1234, seeded directly and not through the policy', async () => {
    await t.http.post('/admin/users').set(await t.as('admin')).send(newUser('eeb-policy', 'soil-survey-2026-上街')).expect(201);
    await t.http.post('/auth/login').send({ username: 'eeb-policy', password: 'soil-survey-2026-上街' }).expect(200);
    await t.http.post('/auth/login').send({ username: 'land', password: DEMO_PASSWORD }).expect(200);
  });
});

describeEachDatabase('hardening #11: login throttling per username and address', (target) => {
  const MAX = 5;
  let t: TestApp;
  beforeAll(async () => {
    // Short delays keep the test quick; the delay schedule itself is unit-tested (src/auth/login-throttle.spec.ts).
    t = await startTestApp(target, { LOGIN_MAX_ATTEMPTS: String(MAX), LOGIN_DELAY_MS: '10' });
  });
  afterAll(() => t?.close());

  // The app trusts X-Forwarded-For from loopback (a reverse proxy), so a test can speak from any address.
  const login = (username: string, password: string, from: string) =>
    t.http.post('/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('hardening #11: the owner logs in from their address while an attacker from another address fails 20 times (no lockout anyone can trigger)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await login('holder', `guess-${i}`, '203.0.113.66')).status);
    // The attacker's own address is refused after MAX failures …
    expect(statuses.slice(0, MAX)).toEqual(Array(MAX).fill(401));
    expect(statuses.slice(MAX)).toEqual(Array(20 - MAX).fill(429));
    // … the owner is not.
    const owner = await login('holder', DEMO_PASSWORD, '198.51.100.23');
    expect(owner.status).toBe(200);
    expect(owner.body.user.username).toBe('holder');
  });

  it('hardening #11: an attacker spreading failures over many addresses only slows the account down; the owner still logs in', async () => {
    for (let a = 0; a < 4; a++) for (let i = 0; i < 2; i++) expect((await login('consultant', 'nope-nope', `192.0.2.${10 + a}`)).status).toBe(401);
    await login('consultant', DEMO_PASSWORD, '198.51.100.24').expect(200);
  });

  it("hardening #11: the attacker's address, not the account, is throttled with 429 and Retry-After after the limit, even with the right password, in Chinese", async () => {
    for (let i = 0; i < MAX; i++) await login('land', `wrong-${i}`, '203.0.113.77').expect(401);
    const refused = await login('land', DEMO_PASSWORD, '203.0.113.77').expect(429);
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(t.config.loginRateLimit.windowSeconds);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retry });
    expect(refused.body.message).toMatch(/登录失败次数过多/);
    // The account itself answers its owner elsewhere, and another user at that address is not refused on its account.
    await login('land', DEMO_PASSWORD, '198.51.100.27').expect(200);
    await login('eeb', DEMO_PASSWORD, '203.0.113.77').expect(200);
  });

  it('hardening #11: the counters live in the database: a second app process refuses the throttled address too', async () => {
    for (let i = 0; i < MAX; i++) await login('eeb-xy', `wrong-${i}`, '203.0.113.88').expect(401);
    const second = await startTestApp(target, { LOGIN_MAX_ATTEMPTS: String(MAX), LOGIN_DELAY_MS: '10' }, { resetDatabase: false });
    try {
      await second.http.post('/auth/login').set('X-Forwarded-For', '203.0.113.88').send({ username: 'eeb-xy', password: DEMO_PASSWORD }).expect(429);
      await second.http.post('/auth/login').set('X-Forwarded-For', '198.51.100.25').send({ username: 'eeb-xy', password: DEMO_PASSWORD }).expect(200);
    } finally {
      await second.close();
    }
  });

  it('login throttling: one address trying many usernames is refused at five times the limit', async () => {
    for (let i = 0; i < 5 * MAX; i++) await login(`nobody-${i}`, 'x', '203.0.113.99').expect(401);
    await login('admin', DEMO_PASSWORD, '203.0.113.99').expect(429);
    await login('admin', DEMO_PASSWORD, '198.51.100.26').expect(200);
  });
});
