import { DEMO_PASSWORD } from '../src/demo/demo-directory';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

// Small limits, so that each rule is reached in a few requests; each test uses addresses of its own (X-Forwarded-For
// from loopback is trusted), since the counters are per client address.
const LIMITS = { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_PUBLIC: '5', RATE_LIMIT_REPORT_FORM: '2', RATE_LIMIT_WINDOW_SECONDS: '60' };

describeEachDatabase('issue 23: rate limits (@nestjs/throttler) on login, /public/* and the 12369 form, counted in PostgreSQL', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target, LIMITS);
  });
  afterAll(() => t?.close());

  const login = (app: TestApp, address: string, password = DEMO_PASSWORD) =>
    app.http.post('/auth/login').set('X-Forwarded-For', address).send({ username: 'eeb', password });

  it('issue 23 (rate limits, README Configuration RATE_LIMIT_LOGIN): the login past the limit of one address within the window is a 429 with a Chinese message and Retry-After, whatever its password', async () => {
    for (let i = 0; i < 3; i++) await login(t, '203.0.113.10').expect(200);
    const refused = await login(t, '203.0.113.10');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/请求过于频繁，请 \d+ 秒后再试/);
    expect(refused.body.message).not.toMatch(/Throttler|Too Many|429/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retryAfter });
    // Another address is not affected.
    await login(t, '203.0.113.11').expect(200);
  });

  it('issue 23 (rate limits): /public/* share one limit per address; signed-in endpoints are not limited', async () => {
    const address = '203.0.113.20';
    const paths = ['/public/register', '/public/disclosures', '/public/notices', '/public/register', '/public/audit-digest'];
    for (const path of paths) {
      const res = await t.http.get(path).set('X-Forwarded-For', address);
      expect(res.status).toBeLessThan(429);
    }
    const refused = await t.http.get('/public/notices').set('X-Forwarded-For', address);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    // Case and a trailing slash reach the same route, and the same counter.
    expect((await t.http.get('/PUBLIC/register/').set('X-Forwarded-For', address)).status).toBe(429);
    const auth = await t.as('eeb');
    for (let i = 0; i < 8; i++) expect((await t.http.get('/plots').set(auth).set('X-Forwarded-For', address)).status).toBe(200);
  });

  it('issue 23 (rate limits, 土壤法第八十四条 12369 form): the form past its own limit is refused with 429 before its body is read, naming the 12369 hotline', async () => {
    const address = '203.0.113.30';
    for (let i = 0; i < 2; i++) {
      const res = await t.http.post('/public/reports').set('X-Forwarded-For', address).field('description', '');
      expect(res.status).toBe(400);
    }
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM public_reports`))[0].n;
    const refused = await t.http.post('/public/reports').set('X-Forwarded-For', address).field('description', '河边有人倾倒废渣，气味刺鼻').field('district', '410106');
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/12369/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM public_reports`))[0].n).toBe(before);
  });

  it('issue 23 (rate limits): concurrent requests are counted exactly (one atomic upsert): of 12 at once with a limit of 5, exactly 5 pass', async () => {
    const address = '203.0.113.40';
    const answers = await Promise.all(Array.from({ length: 12 }, () => t.http.get('/public/disclosures').set('X-Forwarded-For', address)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  });

  it('issue 23 (rate limits): when the window and the block have ended the address starts a new window', async () => {
    const address = '203.0.113.50';
    for (let i = 0; i < 3; i++) await login(t, address).expect(200);
    await login(t, address).expect(429);
    // Move the stored window and block into the past instead of waiting for them.
    await t.ds.query(`UPDATE throttler_hits SET window_ends_at = now() - interval '1 second', blocked_until = now() - interval '1 second' WHERE blocked_until IS NOT NULL`);
    await login(t, address).expect(200);
    const [row] = await t.ds.query(`SELECT hits, blocked_until FROM throttler_hits WHERE hits = 1 AND blocked_until IS NULL AND window_ends_at > now() LIMIT 1`);
    expect(row).toBeDefined();
  });

  it('issue 23 (rate limits shared by replicas): two app instances on one database count against one limit', async () => {
    const second = await startTestApp(target, LIMITS, { resetDatabase: false });
    try {
      const address = '203.0.113.60';
      await login(t, address).expect(200);
      await login(second, address).expect(200);
      await login(t, address).expect(200);
      const refused = await login(second, address);
      expect(refused.status).toBe(429);
      await login(t, address).expect(429);
    } finally {
      await second.close();
    }
  });
});
