import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { FilingService } from '../../src/documents/filing.service';
import { seedDemoCredit } from '../../src/demo/demo-credit';
import { seedDemoKeyUnits } from '../../src/demo/demo-key-units';
import { seedDemoMonitoring } from '../../src/demo/demo-monitoring';
import { seedDemoProposals } from '../../src/demo/demo-proposals';
import { seedDemoPlots } from '../../src/demo/demo-plots';
import { makePdf } from '../factories/files';
import { longNoticeSteps } from './long-notice';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { Api, plotBody, type Reply } from './http-client';
import { operationsOf, type Operation } from './fuzz-inputs';
import { requestArb, USERS, type FuzzRequest, type Known } from './fuzz-requests';
import { realPostgresUrl } from './process-app';
import { uploadFuzzCases, type UploadCase } from './upload-inputs';

// A bound against a hang, not a performance assertion.
const HOOK_TIMEOUT = 900_000;

/**
 * What every answer must satisfy, whatever was sent (the fuzz oracle):
 *  1. an HTTP answer arrives, and it is not a 5xx — bad input is never the server's fault (docs/architecture.md, Errors);
 *  2. every 4xx is the JSON error shape {statusCode (= the status), code, message} — except 431, which
 *     Node's HTTP parser sends itself for a request line or headers beyond its limit;
 *  3. every 400 names what is wrong: errors[] is non-empty and each entry has a `field` (the path of the
 *     offending field, `body`, `path` or a header name) and a message — a 400 says "your request is
 *     invalid", which is useless unless it says where;
 *  4. a near-valid body (a valid body with one field given a wrong type, removed, or one unknown field
 *     added), when answered 400, names that field among its errors; sent by a user allowed to call the
 *     endpoint with real path ids, it must be answered 400 (validation precedes every lookup and rule);
 *  5. a secured endpoint (OpenAPI `security`) answers 401 to no token or a bad token — unless the request
 *     cannot even be read (a body that is not JSON or too deep or too large, a path with a bad %-escape:
 *     400 naming `body` or `path`, 413, 415), which is refused before authentication; never a 2xx, 403,
 *     404, 409 or 422, which would tell an anonymous caller something;
 *  6. no request adds anything to Object.prototype (the app runs in this process, so we can look).
 */
function names(errors: Array<{ field: string }>, field: string) {
  return errors.some((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`));
}

const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** The oracle: undefined when the answer is acceptable, else what is wrong. */
function judge(req: FuzzRequest, res: Reply): string | undefined {
  if (res.status === 0) return `no HTTP answer (${res.error})`;
  if (res.status >= 500) return `answered ${res.status}: ${JSON.stringify(res.body)?.slice(0, 300)}`;
  const body = res.body;
  // Node's HTTP parser answers a request line or headers beyond its limit itself (431), before the app sees it.
  if (res.status === 431) return undefined;
  if (res.status >= 400) {
    if (!body || typeof body !== 'object' || body.statusCode !== res.status || typeof body.code !== 'string' || typeof body.message !== 'string') {
      return `${res.status} without the JSON error shape: ${JSON.stringify(body)?.slice(0, 300)}`;
    }
  }
  if (res.status === 400) {
    const errors = body.errors;
    // A field is named by its path; an unknown key that is the empty string is named by the empty string.
    if (!Array.isArray(errors) || !errors.length || !errors.every((e: any) => typeof e?.field === 'string' && typeof e.message === 'string')) {
      return `400 that names no field: ${JSON.stringify(body).slice(0, 300)}`;
    }
    // (A path that cannot be decoded, or a path parameter holding U+0000, is refused before the body is looked at.)
    const pathNamed = names(errors, 'path') || req.op.pathParams.some((p) => names(errors, p));
    if (req.field && !names(errors, req.field) && !pathNamed) return `400 does not name ${req.field}: ${JSON.stringify(errors).slice(0, 300)}`;
  }
  if (req.strict && res.status !== 400) return `near-valid body from an allowed user answered ${res.status}, not 400 naming ${req.field}: ${JSON.stringify(body)?.slice(0, 300)}`;
  // Parsing the request comes before authentication: a body or path that cannot be read is refused first.
  const unreadable = (res.status === 400 && names(body.errors, 'body')) || (res.status === 400 && names(body.errors, 'path')) || res.status === 413 || res.status === 415;
  if (req.op.secured && req.user === null && res.status !== 401 && !unreadable) return `secured endpoint answered ${res.status} without a valid token`;
  if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== protoKeys || ({} as any).polluted !== undefined) {
    return 'Object.prototype was polluted';
  }
  return undefined;
}

/** Runs tasks with at most `limit` at once. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  }));
}

const pgUrl = realPostgresUrl();
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);

// One database is enough here: the oracle is about the HTTP layer; the real server is the production one.
(pgUrl ? describe : describe.skip)('fuzz: property-based requests to every endpoint of the OpenAPI document [postgres]', () => {
  let t: TestApp;
  let api: Api;
  let k: Known;
  let ops: Operation[];
  let uploadPlot: string;
  const tokens = new Map<string, string>();
  let sent = 0;

  async function send(req: FuzzRequest): Promise<Reply> {
    const headers: Record<string, string> = { ...req.headers };
    if (req.user) headers.authorization = `Bearer ${tokens.get(req.user)}`;
    if (req.badToken) headers.authorization = req.badToken;
    if (req.contentType && !(req.raw instanceof FormData)) headers['content-type'] = req.contentType;
    sent++;
    return api.call(req.op.method, req.path + req.query, undefined, { raw: req.raw, headers, timeoutMs: 60_000 }, api.bases[0]);
  }

  beforeAll(async () => {
    // FUZZ_LOG=error shows the stack of a 5xx.
    t = await startTestApp({ name: 'postgres', url: pgUrl! }, { LOG_LEVEL: process.env.FUZZ_LOG ?? 'silent', DECISION_STEPS_FILE: longNoticeSteps() });
    await seedDemoPlots(t.app, t.demo.users, t.demo.organisations);
    // Every kind of record the API names by id, so that each path can be fuzzed with a real one.
    await seedDemoProposals(t.app, t.demo.users);
    await seedDemoMonitoring(t.app, t.demo.users, await seedDemoKeyUnits(t.app, t.demo.users, t.demo.organisations));
    await seedDemoCredit(t.app, t.demo.users, t.demo.organisations);
    await t.app.get(FilingService).drain();
    await t.app.listen(0, '127.0.0.1');
    api = new Api([`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`]);
    for (const u of USERS) tokens.set(u, await api.token(u));
    const one = async (sql: string) => String((await t.ds.query(sql))[0]?.v);
    const victimOrg = (await api.expect(201, 'admin', 'POST', '/admin/organisations', { name: '模糊测试机构', kind: 'consultant' })).id;
    const victimUser = (await api.expect(201, 'admin', 'POST', '/admin/users', {
      username: 'fuzz-victim', displayName: '模糊', role: 'consultant', organisationId: victimOrg, password: 'victim-pass-2026',
    })).id;
    await api.expect(201, 'admin', 'POST', '/admin/jurisdictions', { code: '419901', name: '模糊测试区' });
    k = {
      plotId: await one(`SELECT id AS v FROM plots WHERE state LIKE 'investigation.%' ORDER BY code LIMIT 1`),
      reportId: await one(`SELECT id AS v FROM reports LIMIT 1`),
      documentId: await one(`SELECT id AS v FROM documents LIMIT 1`),
      digest: await one(`SELECT digest AS v FROM documents LIMIT 1`),
      transportId: await one(`SELECT coalesce((SELECT id::text FROM transports LIMIT 1), gen_random_uuid()::text) AS v`),
      consultantOrg: t.demo.organisations.consultant,
      holderOrg: t.demo.organisations.holder,
      victimUser,
      victimOrg,
      keyUnitId: await one(`SELECT id AS v FROM key_units ORDER BY name LIMIT 1`),
      monitoringPointId: await one(`SELECT id AS v FROM monitoring_points ORDER BY code LIMIT 1`),
      warningId: await one(`SELECT id AS v FROM monitoring_warnings ORDER BY created_at LIMIT 1`),
      publicReportId: await one(`SELECT id AS v FROM public_reports ORDER BY created_at LIMIT 1`),
      proposalId: await one(`SELECT id AS v FROM plot_proposals ORDER BY created_at LIMIT 1`),
      deadlineId: await one(`SELECT d.id AS v FROM deadlines d JOIN plots p ON p.id = d.plot_id WHERE d.status <> 'done' AND p.jurisdiction_code = '410106' ORDER BY d.due_date LIMIT 1`),
    };
    // A plot in preliminary investigation with the demo consultant commissioned: uploads reach the file checks.
    const plot = await api.expect(201, 'eeb', 'POST', '/plots', plotBody(k.holderOrg, 'FUZZ'));
    await api.expect(200, 'holder', 'POST', `/plots/${plot.id}/events`, { type: 'ASSIGN_CONSULTANT', orgId: k.consultantOrg, work: 'investigation' });
    await api.expect(200, 'holder', 'POST', `/plots/${plot.id}/events`, { type: 'START_INVESTIGATION' });
    uploadPlot = plot.id;
    const doc = await api.call('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    ops = operationsOf(doc.body);
  }, HOOK_TIMEOUT);
  afterAll(() => t?.close());

  it(`${TOTAL}+ requests over every operation, anonymous and as every demo user: the oracle holds for each (seed ${SEED})`, async () => {
    expect(ops.length).toBeGreaterThan(30);
    const runs = Math.ceil(TOTAL / ops.length);
    const failures: string[] = [];
    const tally = new Map<number, number>();
    await pool(ops, 4, async (op) => {
      const result = await fc.check(
        fc.asyncProperty(requestArb(op, k), async (req) => {
          const res = await send(req);
          tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
          const wrong = judge(req, res);
          if (wrong) throw new Error(`${req.op.method} ${req.path}${req.query} as ${req.user ?? req.badToken ?? 'anonymous'} — ${req.what}: ${wrong}`);
        }),
        { numRuns: runs, seed: SEED, endOnFailure: true },
      );
      if (result.failed) failures.push(`${op.key}: ${(result.errorInstance as Error)?.message ?? String(result.errorInstance)}\n  counterexample: ${JSON.stringify(result.counterexample?.[0], (key, v) => (key === 'op' ? undefined : typeof v === 'string' && v.length > 300 && !process.env.FUZZ_DUMP ? `${v.slice(0, 300)}…(${v.length})` : v))}`);
    });
    if (process.env.FUZZ_VERBOSE) console.log(`fuzz: ${sent} requests; statuses ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TOTAL);
  });

  it('report uploads of random bytes, renamed text files, huge CSV lines and CSV garbage: never a 5xx, every 400 names its field, nothing half-stored', async () => {
    const plot = uploadPlot;
    const statuses = new Map<string, number>();
    const before = (await t.ds.query(`SELECT count(*)::int AS n FROM reports`))[0].n;
    const failures: string[] = [];
    let stored = 0;
    const result = await fc.check(
      fc.asyncProperty(uploadFuzzCases(await makePdf('模糊测试 report')), fc.constantFrom('consultant', 'holder', 'eeb', null), async (c: UploadCase, user) => {
        const req: FuzzRequest = {
          op: { key: 'POST /plots/{plotId}/reports', method: 'POST', template: '/plots/{plotId}/reports', pathParams: ['plotId'], queryParams: [], secured: true },
          path: `/plots/${plot}/reports`, query: '', user, raw: c.form(), contentType: c.contentType, what: c.what,
        };
        const res = await send(req);
        if (res.status === 201) stored++;
        const key = `${res.status} ${res.body?.errors?.[0]?.field ?? ''}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const wrong = judge(req, res);
        if (wrong) throw new Error(`upload as ${user ?? 'anonymous'} — ${c.what}: ${wrong}`);
      }),
      { numRuns: Number(process.env.FUZZ_UPLOADS ?? 300), seed: SEED, endOnFailure: true },
    );
    if (result.failed) failures.push(String((result.errorInstance as Error)?.message ?? result.errorInstance));
    expect(failures).toEqual([]);
    const after = (await t.ds.query(`SELECT count(*)::int AS n FROM reports`))[0].n;
    expect(after - before).toBe(stored);
    // The cases reached the deepest checks: some uploads were stored, some sample files refused line by line.
    expect(stored).toBeGreaterThan(0);
    expect(statuses.get('400 samples')).toBeGreaterThan(0);
  });

  // A conclusion is JSON text inside a multipart body: it gets the same depth and prototype-key checks as JSON bodies.
  const uploadConclusion = async (conclusion: string) => {
    const form = new FormData();
    form.append('kind', 'preliminary_investigation');
    form.append('conclusion', conclusion);
    form.append('file', new Blob([new Uint8Array(await makePdf('conclusion'))], { type: 'application/pdf' }), 'c.pdf');
    return api.call('POST', `/plots/${uploadPlot}/reports`, undefined, { raw: form, token: tokens.get('consultant') });
  };

  it('a report conclusion nested 20,000 levels deep is refused with a 400 naming `conclusion`', async () => {
    const res = await uploadConclusion(`{"pollutants":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toMatch(/^conclusion/);
  });

  it('a report conclusion with a nested `constructor` key is refused with a 400 naming it', async () => {
    const res = await uploadConclusion('{"pollutants":[{"constructor":1}]}');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toMatch(/^conclusion/);
  });
});
