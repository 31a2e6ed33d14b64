import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../src/demo/demo-directory';
import { plotBody } from './factories/plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

/** The Set-Cookie lines of an answer, each with its attributes (names lower-cased). */
function setCookies(res: { headers: Record<string, unknown> }): Map<string, SetCookie> {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const out = new Map<string, SetCookie>();
  for (const line of lines) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const a of attrs) {
      const i = a.indexOf('=');
      attributes.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? '' : a.slice(i + 1));
    }
    out.set(pair.slice(0, eq), { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes });
  }
  return out;
}

describeEachDatabase('one session across tabs: HttpOnly session cookie with a double-submit CSRF value', (target) => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp(target);
    ds = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  async function login(username = 'eeb') {
    const res = await t.http.post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    const cookies = setCookies(res);
    const session = cookies.get('session')!;
    const csrf = cookies.get('csrf')!;
    return { res, cookies, session, csrf, cookie: `session=${session.value}; csrf=${csrf.value}` };
  }
  const plotsWithCode = async (code: string) =>
    Number((await ds.query('SELECT count(*)::int AS n FROM plots WHERE code = $1', [code]))[0].n);

  it('RFC 6265bis 4.1.2.5–4.1.2.7, OWASP session management: login sets the session cookie HttpOnly, SameSite=Strict, Path=/, with the token’s lifetime, and a CSRF cookie the page can read', async () => {
    const { res, session, csrf } = await login();
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(session.value).toBe(res.body.accessToken);
    // HttpOnly: document.cookie never shows the session to a script (RFC 6265bis 4.1.2.6).
    expect(session.attributes.has('httponly')).toBe(true);
    expect(session.attributes.get('samesite')).toBe('Strict');
    expect(session.attributes.get('path')).toBe('/');
    // JWT_TTL_SECONDS defaults to eight hours (src/config/app-config.ts).
    expect(session.attributes.get('max-age')).toBe(String(8 * 3600));
    // Plain http from loopback: not Secure (a Secure cookie would never come back over http).
    expect(session.attributes.has('secure')).toBe(false);
    expect(csrf.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrf.attributes.has('httponly')).toBe(false);
    expect(csrf.attributes.get('samesite')).toBe('Strict');
    expect(csrf.attributes.get('max-age')).toBe(String(8 * 3600));
  });

  it('RFC 6265bis 4.1.2.5: behind the loopback proxy over https (X-Forwarded-Proto, trust proxy), both cookies are Secure', async () => {
    const res = await t.http.post('/auth/login').set('X-Forwarded-Proto', 'https').send({ username: 'land', password: DEMO_PASSWORD }).expect(200);
    const cookies = setCookies(res);
    expect(cookies.get('session')!.attributes.has('secure')).toBe(true);
    expect(cookies.get('csrf')!.attributes.has('secure')).toBe(true);
  });

  it('one session across tabs: a GET with only the session cookie is the signed-in user (GET /me)', async () => {
    const { cookie } = await login('holder');
    const me = await t.http.get('/me').set('Cookie', cookie).expect(200);
    expect(me.body.username).toBe('holder');
    // Without the cookie it is an anonymous request, as before.
    await t.http.get('/me').expect(401);
  });

  it('OWASP CSRF prevention cheat sheet, double-submit cookie: a POST with the session cookie and no X-CSRF-Token, or a wrong one, is 403 in words and writes nothing', async () => {
    const { cookie, csrf } = await login();
    const body = plotBody(t);
    const none = await t.http.post('/plots').set('Cookie', cookie).send(body).expect(403);
    expect(none.body.message).toBe('页面的安全校验未通过，请刷新页面后重试');
    expect(none.body.message).not.toMatch(/[A-Za-z]{3,}/);
    // The cookie's own value altered by one character; and another session's value.
    const altered = csrf.value.slice(0, -1) + (csrf.value.endsWith('A') ? 'B' : 'A');
    await t.http.post('/plots').set('Cookie', cookie).set('X-CSRF-Token', altered).send(body).expect(403);
    const other = await login('eeb');
    await t.http.post('/plots').set('Cookie', cookie).set('X-CSRF-Token', other.csrf.value).send(body).expect(403);
    expect(await plotsWithCode(body.code)).toBe(0);
  });

  it('OWASP CSRF prevention cheat sheet, signed double-submit: a csrf cookie planted by a sibling subdomain and echoed in the header is refused (the value is an HMAC of the session)', async () => {
    const { session } = await login();
    const body = plotBody(t);
    await t.http.post('/plots').set('Cookie', `session=${session.value}; csrf=planted`).set('X-CSRF-Token', 'planted').send(body).expect(403);
    expect(await plotsWithCode(body.code)).toBe(0);
  });

  it('OWASP CSRF prevention cheat sheet: the session cookie with its X-CSRF-Token writes (201), and a GET needs no token', async () => {
    const { cookie, csrf } = await login();
    const body = plotBody(t);
    const res = await t.http.post('/plots').set('Cookie', cookie).set('X-CSRF-Token', csrf.value).send(body).expect(201);
    expect(res.body.code).toBe(body.code);
    expect(await plotsWithCode(body.code)).toBe(1);
    await t.http.get(`/plots/${res.body.id}`).set('Cookie', cookie).expect(200);
  });

  it('OWASP CSRF prevention cheat sheet: a bearer client (Authorization header, which no other site can make a browser send) needs no CSRF value', async () => {
    const body = plotBody(t);
    await t.http.post('/plots').set(await t.as('eeb')).send(body).expect(201);
    expect(await plotsWithCode(body.code)).toBe(1);
  });

  it('a refused CSRF check comes before the roles check and the upload interceptor: a multipart upload with the cookie and no token is 403 and stores nothing', async () => {
    const { cookie } = await login('consultant');
    const before = Number((await ds.query('SELECT count(*)::int AS n FROM reports'))[0].n);
    const res = await t.http
      .post('/plots/00000000-0000-4000-8000-000000000000/reports')
      .set('Cookie', cookie)
      .field('kind', 'preliminary_investigation')
      .attach('file', Buffer.from('%PDF-1.4\n'), 'report.pdf')
      .expect(403);
    expect(res.body.message).toBe('页面的安全校验未通过，请刷新页面后重试');
    expect(Number((await ds.query('SELECT count(*)::int AS n FROM reports'))[0].n)).toBe(before);
  });

  it('OWASP session management, logout: POST /auth/logout with the cookie and its CSRF value clears both cookies and ends the session, also for a copy of the cookie kept elsewhere', async () => {
    const { cookie, csrf } = await login('consultant2');
    const res = await t.http.post('/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrf.value).expect(204);
    const cleared = setCookies(res);
    for (const name of ['session', 'csrf']) {
      expect(cleared.get(name)!.value).toBe('');
      expect(new Date(cleared.get(name)!.attributes.get('expires')!).getTime()).toBeLessThan(Date.now());
    }
    const after = await t.http.get('/me').set('Cookie', cookie).expect(401);
    expect(after.body.message).toBe('未登录或登录已失效，请重新登录');
    // Signing in again gives a new, working session.
    const again = await login('consultant2');
    await t.http.get('/me').set('Cookie', again.cookie).expect(200);
  });

  it('OWASP CSRF prevention cheat sheet: a logout without the CSRF value only clears the cookies; the session itself stays valid', async () => {
    const { cookie } = await login('holder2');
    const res = await t.http.post('/auth/logout').set('Cookie', cookie).expect(204);
    expect(setCookies(res).get('session')!.value).toBe('');
    await t.http.get('/me').set('Cookie', cookie).expect(200);
  });

  it('a bearer client’s logout revokes nothing: its token is its own to discard', async () => {
    const headers = await t.as('admin');
    await t.http.post('/auth/logout').set(headers).expect(204);
    await t.http.get('/me').set(headers).expect(200);
  });

  it('public endpoints are unchanged: a public POST with a cookie but no CSRF value is answered as for an anonymous caller', async () => {
    const { cookie } = await login();
    await t.http.get('/health').set('Cookie', cookie).expect(200);
    const res = await t.http.post('/auth/login').set('Cookie', cookie).send({ username: 'eeb', password: 'wrong' }).expect(401);
    expect(res.body.message).toBe('用户名或密码错误');
  });
});
