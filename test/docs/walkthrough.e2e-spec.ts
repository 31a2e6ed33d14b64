import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScreeningTable } from '../../src/evidence/gb36600';
import { killAll, startAppProcess, type AppProcess } from '../reliability/process-app';
import { outcome, ROOT, run, scriptCommands, type Run } from './commands';
import { readme, section, shBlocks, shellCommands } from './readme';

// Bounds against a hang (they include building dist/ once), not performance assertions.
const HOOK_TIMEOUT = 600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json() };
}

async function login(base: string, username: string): Promise<string> {
  const { status, json } = await call(base, 'POST', '/auth/login', undefined, { username, password: 'demo1234' });
  if (status !== 200) throw new Error(`login ${username}: ${status} ${JSON.stringify(json)}`);
  return json.accessToken;
}

/** Polls until `ready` holds; a bound against a hang of the filing worker, not a timing assertion. */
async function until<T>(what: string, read: () => Promise<T>, ready: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ready(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: not ready after ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// `npm start` without DATABASE_URL, as README's "Two commands": the embedded database in a fresh data directory.
describe('docs: README "Try it" against `npm start` on a fresh data directory [embedded, child process]', () => {
  let app: AppProcess;
  let walk: Run;

  beforeAll(async () => {
    // startAppProcess runs `node dist/src/main.js`, the command of `npm start` after its build; as there, no
    // DATABASE_URL and no keys (the embedded default generates them in DATA_DIR).
    // `npm start` is scripts/start.js: it builds only when a source changed, then runs dist/src/main.js.
    expect(scriptCommands('start')).toEqual(['node scripts/start.js']);
    expect(readFileSync(join(ROOT, 'scripts', 'start.js'), 'utf8')).toMatch(/'dist', 'src', 'main\.js'/);
    // Nor a deployment's decision steps: the law's own time limits (the reliability tests' long notice is not README's).
    app = await startAppProcess({ databaseUrl: '', env: { NODE_ENV: 'development', JWT_SECRET: '', AUDIT_KEY: '', DECISION_STEPS_FILE: '', LOG_LEVEL: 'warn' } });
    walk = await run('bash', ['docs/walkthrough.sh'], { env: { BASE: app.base }, timeoutMs: 300_000 });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await app?.stop();
    await killAll();
  }, HOOK_TIMEOUT);

  it('docs: `bash docs/walkthrough.sh` runs to its last line with exit 0 (README: Try it)', () => {
    // On a failure, the product's own last lines tell whether it was still running (and why not).
    expect({ ...outcome(walk), product: app.alive() ? 'running' : app.output().slice(-3000) }).toMatchObject({ exit: 0, stderr: '', product: 'running' });
    expect(walk.stdout.trimEnd().split('\n').at(-1)).toMatch(/^done: plot [0-9a-f-]{36} 待申请移出名录（效果评估报告自 \d{4}-\d\d-\d\d 起公开）；SJ-2026-001 移出名录$/);
  });

  it('docs: the walkthrough\'s investigation notice is refused beyond six months and accepted within them, counted from today (42号令 第十二条)', () => {
    expect(walk.stdout).toMatch(/^ {2}eeb ISSUE_INVESTIGATION_NOTICE → 拒绝：.*6 个月.*第十二条/m);
    expect(walk.stdout).toMatch(/^ {2}eeb ISSUE_INVESTIGATION_NOTICE → suspected（/m);
  });

  it('docs: the walkthrough\'s preliminary investigation carries the 45 basic items of GB 36600-2018 Table 1 (docs/examples/)', () => {
    const standard = loadScreeningTable();
    for (const file of ['samples-contaminated.csv', 'samples-clean.csv']) {
      const rows = readFileSync(join(ROOT, 'docs', 'examples', file), 'utf8').trim().split('\n').slice(1);
      const analytes = new Set(rows.map((r) => /^(?:[^,]*,){4}("[^"]*"|[^,]*),/.exec(r)![1].replace(/"/g, '')));
      const cas = new Set(Array.from(analytes, (a) => standard.find(a)?.cas));
      const missing = standard.items.filter((i) => i.basic && !cas.has(i.cas)).map((i) => i.nameZh);
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
    expect(walk.stdout).toMatch(/^ {2}consultant SUBMIT_REPORT → investigation\.preliminary\.underReview（/m);
  });

  it('docs: the walkthrough\'s reviews follow the levels of government: district panels for the investigations, the risk assessment forwarded and listed by the province (土壤法 arts. 59–61; 环办土壤〔2019〕63号)', () => {
    const lines = walk.stdout.split('\n').map((l) => l.trim());
    const at = (line: RegExp) => lines.findIndex((l) => line.test(l));
    for (const who of ['expert1', 'expert2', 'expert3']) {
      expect(lines.filter((l) => l.startsWith(`${who} RECORD_EXPERT_OPINION → `))).toHaveLength(4);
    }
    expect(lines.filter((l) => /^eeb FORM_PANEL → /.test(l))).toHaveLength(3);
    expect(at(/^eeb FORWARD → riskAssessment\.underReview（/)).toBeLessThan(at(/^eeb-prov FORM_PANEL → riskAssessment\.underReview（/));
    expect(at(/^eeb-prov CONCLUDE_PANEL → /)).toBeLessThan(at(/^land-prov APPROVE → listed\.prioritization（/));
    expect(at(/^eeb CONCLUDE_PANEL → listed\.effectEvaluation\.underReview（/)).toBeLessThan(at(/^eeb APPROVE → listed\.awaitingRemoval（/));
  });

  it('docs: the walkthrough records the disclosure and shows APPLY_REMOVAL refused until the effect evaluation has been public two months (42号令 第二十五条)', async () => {
    expect(walk.stdout).toMatch(/^ {2}holder RECORD_DISCLOSURE → listed\.awaitingRemoval（/m);
    expect(walk.stdout).toMatch(/^ {2}holder APPLY_REMOVAL → 拒绝：效果评估报告须向社会公开满 2 个月.*第二十五条/m);
    const plotId = /^ {2}plot ([0-9a-f-]{36})$/m.exec(walk.stdout)?.[1];
    expect(plotId).toMatch(UUID);
    const plot = await call(app.base, 'GET', `/plots/${plotId}`, await login(app.base, 'eeb'));
    expect(plot.json).toMatchObject({ state: 'listed.awaitingRemoval', stateLabel: '待申请移出名录' });
    // The script checks this answer itself (status and rule): the same refusal, as the API gives it.
    const refused = await call(app.base, 'POST', `/plots/${plotId}/events`, await login(app.base, 'holder'), { type: 'APPLY_REMOVAL' });
    expect(refused).toMatchObject({ status: 422, json: { guard: 'effectEvaluationPublicLongEnough', reason: expect.stringContaining('第二十五条') } });
  });

  it('docs: the walkthrough prints valid: true from the audit check (GET /audit/verify)', () => {
    expect(walk.stdout).toMatch(/^ {2}audit: valid: true\b/m);
  });

  it('docs: the walkthrough lists its plot\'s filing documents', async () => {
    const plotId = /^ {2}plot ([0-9a-f-]{36})$/m.exec(walk.stdout)![1];
    const docs = await call(app.base, 'GET', `/plots/${plotId}/documents`, await login(app.base, 'holder'));
    expect(docs.json.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D8', 'D9', 'D11']));
    for (const d of docs.json) expect(walk.stdout).toContain(`  ${d.number}  ${d.title}`);
  });

  it('docs: the walkthrough verifies the removal decision of the demo plot SJ-2026-001 (released) by its digest and by its PDF', async () => {
    expect(walk.stdout).toMatch(/^ {2}SJ-2026-001 → released（移出名录/m);
    const eeb = await login(app.base, 'eeb');
    const demo = (await call(app.base, 'GET', '/plots?q=SJ-2026-001', eeb)).json.items.find((p: { code: string }) => p.code === 'SJ-2026-001');
    expect(demo).toMatchObject({ state: 'released' });
    const docs = await call(app.base, 'GET', `/plots/${demo.id}/documents`, await login(app.base, 'holder'));
    const decision = docs.json.find((d: { kind: string; variant: string }) => d.kind === 'D12' && d.variant === 'decision');
    expect(decision).toBeDefined();
    expect(walk.stdout).toContain(`  verify: valid: true, ${decision.number} ${decision.title}, matched: record`);
    expect(walk.stdout).toContain('  verify the PDF file: valid: true, matched: pdf');
  });

  it('docs: every curl command of README\'s "Try it" block answers 2xx from the running product, and the fields it reads are in the answers', async () => {
    const [block] = shBlocks(section(readme(), 'Try it'));
    const commands = shellCommands(block);
    expect(commands[0]).toBe('BASE=http://127.0.0.1:3000');
    const eeb = await login(app.base, 'eeb');
    const orgs = (await call(app.base, 'GET', '/directory/organisations', eeb)).json as Array<{ id: string; name: string; kind: string }>;
    // <id>: the holder organisation, as README says, from GET /directory/organisations.
    const values: Record<string, string> = { id: orgs.find((o) => o.name === '上街区某铝业有限公司')!.id };
    const vars: Record<string, string> = {};
    // Each curl's status goes to stderr (write-out), so that the command's own output stays as README shows it.
    const prelude = `set -euo pipefail; curl() { command curl --write-out '%{stderr}HTTP %{http_code}\\n' "$@"; }\n`;
    let curls = 0;
    for (const command of commands) {
      let text = command === commands[0] ? `BASE=${app.base}` : command;
      if (/\/plots\/<plotId>\/reports/.test(text)) {
        // README: "as the commissioned consultant" — the holder commissions the consultant first.
        const holder = await login(app.base, 'holder');
        const consultant = orgs.find((o) => o.name === '某环境调查评估有限公司')!.id;
        const sent = await call(app.base, 'POST', `/plots/${values.plotId}/events`, holder, { type: 'ASSIGN_CONSULTANT', orgId: consultant, work: 'investigation' });
        expect(sent.status).toBe(200);
      }
      if (/\/plots\/<plotId>\/documents/.test(text)) {
        // The filing worker writes the documents after the steps' commits.
        await until('the plot\'s first documents', async () => (await call(app.base, 'GET', `/plots/${values.plotId}/documents`, eeb)).json, (d) => d.length > 0);
      }
      text = text.replace(/<(\w+)>/g, (_, name: string) => {
        if (!values[name]) throw new Error(`README's <${name}> comes before the command that gives it: ${command}`);
        return values[name];
      });
      // $CONSULTANT_TOKEN and the like: a login of that demo user.
      for (const [, user] of text.matchAll(/\$([A-Z]+)_TOKEN/g)) vars[`${user}_TOKEN`] ??= await login(app.base, user.toLowerCase());
      const assigned = /^([A-Z_]+)=/.exec(text)?.[1];
      const r = await run('bash', ['-c', `${prelude}${text}${assigned ? `\nprintf %s "$${assigned}"` : ''}`], { env: vars, timeoutMs: 60_000 });
      expect(outcome(r)).toMatchObject({ exit: 0 });
      const statuses = r.stderr.split('\n').filter(Boolean);
      for (const s of statuses) expect(`${s} ← ${command}`).toMatch(/^HTTP 2\d\d /);
      curls += statuses.length;
      if (assigned) {
        vars[assigned] = r.stdout;
        // TOKEN: README reads the answer's accessToken; a missing field would print "undefined".
        if (assigned === 'TOKEN') expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        continue;
      }
      const answer = JSON.parse(r.stdout);
      if (/-X POST \$BASE\/plots -H/.test(command)) values.plotId = answer.id;
      if (/\/documents/.test(command)) values.digest = answer[0].digest;
      // README: the upload's answer carries the id that SUBMIT_REPORT sends.
      if (/\/reports/.test(command)) expect(answer.id).toMatch(UUID);
    }
    expect(values.plotId).toMatch(UUID);
    expect(values.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(curls).toBe(commands.filter((c) => /\bcurl /.test(c)).length);
    // README, below the block: GET /plots/:id lists the events the caller may send now.
    const plot = await call(app.base, 'GET', `/plots/${values.plotId}`, eeb);
    expect(plot.json.allowedEvents).toEqual(expect.any(Array));
  });
});
