import { killAll, startAppProcess, type AppProcess } from '../reliability/process-app';
import { outcome, run, scriptCommands, type Run } from './commands';
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
    expect(scriptCommands('start')).toEqual(['nest build', 'node dist/src/main.js']);
    app = await startAppProcess({ databaseUrl: '', env: { NODE_ENV: 'development', JWT_SECRET: '', AUDIT_KEY: '', LOG_LEVEL: 'warn' } });
    walk = await run('bash', ['docs/walkthrough.sh'], { env: { BASE: app.base }, timeoutMs: 300_000 });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await app?.stop();
    await killAll();
  }, HOOK_TIMEOUT);

  it('docs: `bash docs/walkthrough.sh` runs to its last line with exit 0 (README: Try it)', () => {
    expect(outcome(walk)).toMatchObject({ exit: 0, stderr: '' });
    expect(walk.stdout.trimEnd().split('\n').at(-1)).toMatch(/^done: plot [0-9a-f-]{36} 移出名录$/);
  });

  it('docs: the walkthrough drives its plot to 移出名录 (released), as it prints and as the API says', async () => {
    expect(walk.stdout).toMatch(/^ {2}land APPROVE → released（移出名录/m);
    const plotId = /^ {2}plot ([0-9a-f-]{36})$/m.exec(walk.stdout)?.[1];
    expect(plotId).toMatch(UUID);
    const plot = await call(app.base, 'GET', `/plots/${plotId}`, await login(app.base, 'eeb'));
    expect(plot.json).toMatchObject({ state: 'released', stateLabel: expect.stringContaining('移出名录') });
  });

  it('docs: the walkthrough prints valid: true from the audit check (GET /audit/verify)', () => {
    expect(walk.stdout).toMatch(/^ {2}audit: valid: true\b/m);
  });

  it('docs: the walkthrough lists the plot\'s filing documents and verifies the removal decision by its digest and by its PDF', async () => {
    const plotId = /^ {2}plot ([0-9a-f-]{36})$/m.exec(walk.stdout)![1];
    const docs = await call(app.base, 'GET', `/plots/${plotId}/documents`, await login(app.base, 'holder'));
    const decision = docs.json.find((d: { kind: string; variant: string }) => d.kind === 'D12' && d.variant === 'decision');
    expect(decision).toBeDefined();
    for (const d of docs.json) expect(walk.stdout).toContain(`  ${d.number}  ${d.title}`);
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
