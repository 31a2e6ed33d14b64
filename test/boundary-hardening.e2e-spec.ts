import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { CONTAMINATED, plotBody, registerPlot, send, upload } from './factories/plots';

const NUL = '\u0000';

/** A 400 that names `field` among its errors (the fuzz oracle's rule, docs/architecture.md, Errors). */
function expectNamed(res: { status: number; body: any }, field: string) {
  expect({ status: res.status, fields: (res.body?.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({
    status: 400,
    fields: expect.arrayContaining([field]),
  });
  expect(res.body.code).toBe('VALIDATION_FAILED');
  // A person reads the message: Chinese, with no status number in it.
  expect(res.body.message).toMatch(/空字符/);
  expect(res.body.message).not.toMatch(/\b400\b|U\+0000/);
}

describeEachDatabase('hardening #3: NUL characters at the boundary', (target) => {
  let t: TestApp;
  let underReview: string;
  beforeAll(async () => {
    t = await startTestApp(target);
    underReview = (await registerPlot(t)).id;
    await send(t, 'eeb', underReview, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    await send(t, 'holder', underReview, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', underReview, { type: 'START_INVESTIGATION' });
    const report = await upload(t, 'consultant', underReview, 'preliminary_investigation', {}, CONTAMINATED);
    await send(t, 'consultant', underReview, { type: 'SUBMIT_REPORT', reportId: report.id });
  });
  afterAll(() => t?.close());

  it('hardening #4: an object with more members than any request needs is refused with 400 before parsing, and the plot does not move (no unbounded work per request)', async () => {
    const before = (await t.http.get(`/plots/${underReview}`).set(await t.as('eeb')).expect(200)).body;
    const huge = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    const res = await t.http.post(`/plots/${underReview}/events`).set(await t.as('eeb')).send({ type: 'RETURN', reason: '补充', extra: huge });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body', message: expect.stringMatching(/字段不得超过/) })]);
    expect((await t.http.get(`/plots/${underReview}`).set(await t.as('eeb')).expect(200)).body.version).toBe(before.version);
  });

  it('hardening #3: a NUL in the login username is refused with 400 naming `username`, without login (docs/architecture.md, Errors: never a 500 for bad input)', async () => {
    expectNamed(await t.http.post('/auth/login').send({ username: `eeb${NUL}`, password: 'demo1234' }), 'username');
  });

  it('hardening #3: a NUL in a plot field is refused with 400 naming it, and no plot is written (docs/architecture.md, Errors)', async () => {
    const body = plotBody(t, { name: `地块${NUL}名称` });
    expectNamed(await t.http.post('/plots').set(await t.as('eeb')).send(body), 'name');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM plots WHERE code = $1`, [body.code]))[0].n).toBe(0);
  });

  it('hardening #3: a NUL in an event payload (a RETURN reason) is refused with 400 naming `reason`, and the plot does not move (docs/architecture.md, Errors)', async () => {
    const before = (await t.http.get(`/plots/${underReview}`).set(await t.as('eeb')).expect(200)).body;
    expect(before.allowedEvents).toContain('RETURN');
    expectNamed(await t.http.post(`/plots/${underReview}/events`).set(await t.as('eeb')).send({ type: 'RETURN', reason: `请补充${NUL}` }), 'reason');
    const after = (await t.http.get(`/plots/${underReview}`).set(await t.as('eeb')).expect(200)).body;
    expect(after.version).toBe(before.version);
  });

  it('hardening #3: a NUL in a nested key or value is named by its path (docs/architecture.md, Errors: every field named)', async () => {
    const res = await t.http
      .post(`/plots/${underReview}/events`)
      .set(await t.as('eeb'))
      .send({ type: 'RETURN', reason: '请补充', extra: [{ ok: 'x' }, { [`k${NUL}`]: 1 }] });
    expectNamed(res, `extra.1.k${NUL}`);
  });

  it('hardening #3: a NUL in an organisation name (admin) is refused with 400 naming `name` (docs/architecture.md, Errors)', async () => {
    expectNamed(await t.http.post('/admin/organisations').set(await t.as('admin')).send({ name: `机构${NUL}`, kind: 'consultant' }), 'name');
  });

  it('hardening #3: a NUL in a working-day calendar (PUT /admin/calendar) is refused with 400 naming `tsv` (docs/architecture.md, Errors)', async () => {
    const tsv = `date\tkind\tname\n2027-01-01\tholiday\t元旦${NUL}\n`;
    expectNamed(await t.http.put('/admin/calendar/2027').set(await t.as('admin')).send({ tsv, source: '国务院办公厅通知' }), 'tsv');
  });

  it('hardening #3: a NUL in a report conclusion (multipart JSON text) is refused with 400 naming its path, nothing stored (docs/architecture.md, Errors)', async () => {
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM reports`))[0].n;
    const res = await t.http
      .post(`/plots/${underReview}/reports`)
      .set(await t.as('consultant'))
      .field('kind', 'preliminary_investigation')
      .field('conclusion', '{"summary":"超标\\u0000"}')
      .attach('file', await makePdf('nul conclusion'), { filename: 'c.pdf', contentType: 'application/pdf' });
    expectNamed(res, 'conclusion.summary');
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM reports`))[0].n).toBe(before);
  });

  it('hardening #3: a NUL in a multipart text field (kind) is refused with 400 naming `kind` (docs/architecture.md, Errors)', async () => {
    const res = await t.http
      .post(`/plots/${underReview}/reports`)
      .set(await t.as('consultant'))
      .field('kind', `preliminary_investigation${NUL}`)
      .attach('file', await makePdf('nul kind'), { filename: 'k.pdf', contentType: 'application/pdf' });
    expectNamed(res, 'kind');
  });

  it('hardening #3: a NUL in a query string or a path parameter is refused with 400 naming it (docs/architecture.md, Errors)', async () => {
    expectNamed(await t.http.get(`/plots?q=${encodeURIComponent(`铝${NUL}`)}`).set(await t.as('eeb')), 'q');
    expectNamed(await t.http.get(`/directory/organisations?kind=${encodeURIComponent(`holder${NUL}`)}`).set(await t.as('eeb')), 'kind');
    expectNamed(await t.http.patch('/admin/jurisdictions/4101%0006').set(await t.as('admin')).send({ name: '上街区' }), 'code');
  });

  it('hardening #3: text without NUL passes unchanged (other control characters are for each field to judge)', async () => {
    const res = await t.http.post('/admin/organisations').set(await t.as('admin')).send({ name: '机构\t全角　空格 \u0001', kind: 'consultant' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('机构\t全角　空格 \u0001');
  });
});

describeEachDatabase('hardening #8: security headers on every response', (target) => {
  let t: TestApp;
  let plotId: string;
  let reportId: string;
  let documentId: string;
  beforeAll(async () => {
    t = await startTestApp(target);
    plotId = (await registerPlot(t)).id;
    await send(t, 'eeb', plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', plotId, { type: 'START_INVESTIGATION' });
    reportId = (await upload(t, 'consultant', plotId, 'preliminary_investigation')).id;
    await t.app.get(FilingService).drain();
    documentId = (await t.http.get(`/plots/${plotId}/documents`).set(await t.as('eeb')).expect(200)).body[0].id;
  });
  afterAll(() => t?.close());

  /** The headers every response carries, whatever it is (OWASP secure headers: nosniff, no framing, no referrer, a CSP). */
  function expectSecured(res: { headers: Record<string, string> }) {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  }
  // supertest's parser callback receives the response stream (its type says superagent's Response).
  const binary = (r: any, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  };

  it("hardening #8: API JSON answers, errors included, carry nosniff, frame-ancestors 'none', X-Frame-Options, Referrer-Policy and a CSP that loads nothing", async () => {
    for (const res of [
      await t.http.get(`/plots/${plotId}`).set(await t.as('eeb')).expect(200),
      await t.http.get('/plots').expect(401),
      await t.http.post('/auth/login').set('Content-Type', 'application/json').send('{"username":').expect(400),
      await t.http.get('/health').expect(200),
    ]) {
      expectSecured(res);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it('hardening #8: a report file download and a filing PDF carry the same headers, and the PDF stays a PDF', async () => {
    const file = await t.http.get(`/plots/${plotId}/reports/${reportId}/file`).set(await t.as('eeb')).buffer(true).parse(binary).expect(200);
    const pdf = await t.http.get(`/documents/${documentId}/pdf`).set(await t.as('eeb')).buffer(true).parse(binary).expect(200);
    for (const res of [file, pdf]) {
      expectSecured(res);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  it("hardening #8: the web console keeps its strict CSP ('self' only, nothing inline) with the same headers", async () => {
    for (const res of [
      await t.http.get('/app/plots').set('Accept', 'text/html').expect(200),
      await t.http.get('/app/assets/app.js').expect(200),
      await t.http.get(`/public/verify/${'0'.repeat(64)}`).set('Accept', 'text/html').expect(200),
    ]) {
      expectSecured(res);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe');
    }
  });

  it('hardening #8: /api/docs carries the headers with a CSP that lets swagger-ui style itself but runs only its own script files', async () => {
    for (const res of [await t.http.get('/api/docs').expect(200), await t.http.get('/api/docs/swagger-ui-init.js').expect(200)]) {
      expectSecured(res);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    }
    const page = await t.http.get('/api/docs').expect(200);
    // The page's scripts are files of this origin (an inline <script> would be blocked by the policy).
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
