import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../src/database/migrations';
import { toMermaid } from '../../workflows/mermaid';
import { CURRENT_VERSION, getMachine, type MachineName } from '../../workflows/registry';
import {
  createScratchDatabase,
  killAll,
  realPostgresUrl,
  startAppProcess,
  type AppProcess,
  type ScratchDatabase,
} from '../reliability/process-app';
import { outcome, ROOT, runScript, scriptCommands, type Run } from './commands';
import { npmRunNames, readme, section, shBlocks, shellCommands } from './readme';

// Bounds against a hang (they include building dist/ once), not performance assertions.
const HOOK_TIMEOUT = 600_000;
const RUN_TIMEOUT = 180_000;

/** README's block for a real PostgreSQL: createdb, export the variables, seed, start. */
function postgresBlock(): string[] {
  const [block] = shBlocks(section(readme(), 'Two database modes'));
  return shellCommands(block).map((c) => c.replace(/\s+#.*$/, ''));
}

/**
 * The variables of README's `export` line, with this run's database for
 * DATABASE_URL and a new random key for each `$(openssl rand -hex N)`: a key
 * README adds (AUDIT_KEY, say) is passed without a change here.
 */
function exportedVariables(databaseUrl: string): Record<string, string> {
  const line = postgresBlock().find((c) => c.startsWith('export '));
  if (!line) throw new Error("README's block for a real PostgreSQL has no export line");
  const assignment = /(\w+)=(\$\(openssl rand -hex \d+\)|[^\s$]+)/g;
  const rest = line.slice('export '.length).replace(assignment, '').trim();
  if (rest) throw new Error(`README's export line has a part this test cannot pass on: ${rest}`);
  const vars: Record<string, string> = {};
  for (const [, name, value] of line.slice('export '.length).matchAll(assignment)) {
    const random = /^\$\(openssl rand -hex (\d+)\)$/.exec(value);
    vars[name] = name === 'DATABASE_URL' ? databaseUrl : random ? randomBytes(Number(random[1])).toString('hex') : value;
  }
  return vars;
}

/** README's command-line import, its arguments after `--` with its two file names pointed at docs/examples/. */
function importArguments(): string[] {
  const [block] = shBlocks(section(readme(), 'Evidence and screening'));
  const [command] = shellCommands(block);
  const args = /npm run import:report -- ([\s\S]+)$/.exec(command)?.[1];
  if (!args) throw new Error(`README's import block is not \`npm run import:report -- …\`: ${command}`);
  const files: Record<string, string> = {
    'report.pdf': join(ROOT, 'docs', 'examples', 'sample-report.pdf'),
    'samples.csv': join(ROOT, 'docs', 'examples', 'samples-contaminated.csv'),
  };
  return args.replace(/\\\n/g, ' ').trim().split(/\s+/).map((a) => files[a] ?? a);
}

async function call(base: string, path: string, token?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, json: await res.json() };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

(realPostgresUrl() ? describe : describe.skip)('docs: README\'s commands for a real PostgreSQL, in production mode [postgres, child processes]', () => {
  let db: ScratchDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let seed: Run;
  let imported: Run;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    // createdb plots
    db = await createScratchDatabase('docs_readme');
    // The report store of this "machine" (README's commands run in the repository, with ./data by default).
    dataDir = mkdtempSync(join(tmpdir(), 'plots-docs-'));
    env = { ...exportedVariables(db.url), NODE_ENV: 'production', DATA_DIR: dataDir };
    seed = await runScript('seed:demo', [], { env, timeoutMs: RUN_TIMEOUT });
    imported = await runScript('import:report', importArguments(), { env, timeoutMs: RUN_TIMEOUT });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await app?.stop();
    await killAll();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, HOOK_TIMEOUT);

  it('docs: README\'s block for a real PostgreSQL is createdb, export DATABASE_URL and the keys, npm run seed:demo, npm start — what this test runs', () => {
    const block = postgresBlock();
    expect(block).toHaveLength(4);
    expect(block[0]).toMatch(/^createdb \w+$/);
    expect(block[1]).toMatch(/^export DATABASE_URL=/);
    expect(Object.keys(exportedVariables(db.url))).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET']));
    expect(block.slice(2)).toEqual(['npm run seed:demo', 'npm start']);
  });

  it('docs: `npm run seed:demo` with README\'s variables seeds the demo directory and plots (README: Two database modes)', () => {
    expect(outcome(seed)).toMatchObject({ exit: 0 });
    expect(seed.stdout).toMatch(/^Demo data seeded\.$/m);
  });

  it('docs: `npm run build && npm run typeorm -- migration:show` lists every migration as applied (README: Two database modes)', async () => {
    const build = await runScript('build', [], { env, timeoutMs: RUN_TIMEOUT });
    expect(outcome(build)).toMatchObject({ exit: 0 });
    const show = await runScript('typeorm', ['migration:show'], { env, timeoutMs: RUN_TIMEOUT });
    expect(outcome(show)).toMatchObject({ exit: 0 });
    for (const migration of MIGRATIONS) expect(show.stdout).toMatch(new RegExp(`\\[X\\] \\d+ ${migration.name}$`, 'm'));
    expect(show.stdout).not.toContain('[ ]');
  });

  it('docs: README\'s `npm run import:report -- …` imports the report and its samples as the consultant (README: Evidence and screening)', () => {
    expect(outcome(imported)).toMatchObject({ exit: 0 });
    const rows = readFileSync(join(ROOT, 'docs', 'examples', 'samples-contaminated.csv'), 'utf8').trim().split('\n').length - 1;
    expect(imported.stdout).toMatch(new RegExp(`^Report [0-9a-f-]{36} \\(preliminary_investigation\\) stored, SHA-256 [0-9a-f]{64}; ${rows} sample rows, verdict above_screening;`, 'm'));
  });

  it('docs: `npm start` with README\'s variables and NODE_ENV=production serves the seeded demo logins and the imported report', async () => {
    // `npm start` is scripts/start.js: it builds only when a source changed, then runs dist/src/main.js.
    expect(scriptCommands('start')).toEqual(['node scripts/start.js']);
    expect(readFileSync(join(ROOT, 'scripts', 'start.js'), 'utf8')).toMatch(/'dist', 'src', 'main\.js'/);
    const { DATABASE_URL, ...rest } = env;
    app = await startAppProcess({ databaseUrl: DATABASE_URL, dataDir, env: { ...rest, DECISION_STEPS_FILE: '' } });
    const token = await login(app.base, 'consultant');
    const plots = await call(app.base, '/plots?q=SJ-2026-004', token);
    expect(plots.json.items).toHaveLength(1);
    const reports = await call(app.base, `/plots/${plots.json.items[0].id}/reports`, token);
    const reportId = /^Report ([0-9a-f-]{36})/m.exec(imported.stdout)?.[1];
    expect(reports.json).toEqual(expect.arrayContaining([expect.objectContaining({ id: reportId, kind: 'preliminary_investigation' })]));
  });
});

describe('docs: README\'s commands without a database [child processes]', () => {
  it('docs: `npm run diagrams` writes exactly the diagrams committed in docs/ (README: The law as statecharts)', async () => {
    // The generator writes docs/ under its working directory: run it in a scratch one that sees this dist/.
    const cwd = mkdtempSync(join(tmpdir(), 'plots-diagrams-'));
    try {
      symlinkSync(join(ROOT, 'dist'), join(cwd, 'dist'));
      const r = await runScript('diagrams', [], { cwd, timeoutMs: RUN_TIMEOUT });
      expect(outcome(r)).toMatchObject({ exit: 0 });
      // It writes the page of each workflow's current version; a page of an older version (plot-lifecycle v1, which
      // older plots keep) stays as committed, and its diagram must still be its machine's.
      const generated = readdirSync(join(cwd, 'docs')).sort();
      const committed = readdirSync(join(ROOT, 'docs')).filter((f) => /\.v\d+\.md$/.test(f)).sort();
      expect(generated.sort()).toEqual((Object.keys(CURRENT_VERSION) as MachineName[]).map((n) => `${n}.v${CURRENT_VERSION[n]}.md`).sort());
      for (const file of generated) {
        expect(readFileSync(join(cwd, 'docs', file), 'utf8')).toBe(readFileSync(join(ROOT, 'docs', file), 'utf8'));
      }
      for (const file of committed.filter((f) => !generated.includes(f))) {
        const [, name, version] = /^(.+)\.v(\d+)\.md$/.exec(file)!;
        expect({ file, older: Number(version) < CURRENT_VERSION[name as MachineName] }).toEqual({ file, older: true });
        const { machine, stateLabel } = getMachine(name as MachineName, Number(version));
        const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(readFileSync(join(ROOT, 'docs', file), 'utf8'))?.[1];
        expect(diagram).toBe(toMermaid(machine, { stateLabel }).trimEnd());
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, HOOK_TIMEOUT);

  it('docs: every command README shows is run by a spec in test/docs or by .ci/run', () => {
    const md = readme();
    const specs = 'test/docs/';
    // Each command of README's shell blocks, and what runs it.
    const covered: Array<[RegExp, string]> = [
      [/^npm ci && npm start$/, `${specs}walkthrough.e2e-spec.ts (npm start on a fresh data directory); .ci/run (npm ci)`],
      [/^npm ci && npm test$/, '.ci/run'],
      [/^createdb \w+$/, `${specs}readme-commands.e2e-spec.ts`],
      [/^export DATABASE_URL=/, `${specs}readme-commands.e2e-spec.ts`],
      [/^npm run seed:demo\b/, `${specs}readme-commands.e2e-spec.ts`],
      [/^npm start$/, `${specs}readme-commands.e2e-spec.ts`],
      [/^DATABASE_URL=\S+ npm run import:report -- /, `${specs}readme-commands.e2e-spec.ts`],
      [/^(BASE=|TOKEN=|curl )/, `${specs}walkthrough.e2e-spec.ts (README's "Try it" block)`],
    ];
    const commands = shBlocks(md).flatMap(shellCommands);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect({ command, runBy: covered.find(([re]) => re.test(command))?.[1] }).toEqual({ command, runBy: expect.any(String) });
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm ci && npm test$/m);
    // Each `npm run X` README names, in blocks and in running text.
    const runByTests = ['build', 'typeorm', 'seed:demo', 'import:report', 'diagrams'];
    // The file and backup commands are thin CLIs over functions their own specs run: test/file-store-move,
    // test/backup-restore and test/move-to-postgres (.e2e-spec.ts).
    runByTests.push('files:move', 'backup', 'restore', 'move-to-postgres');
    const benchmarks = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts).filter((s) => s.startsWith('bench:'));
    for (const name of npmRunNames(md)) expect({ name, runByTests: runByTests.includes(name) || benchmarks.includes(name) }).toEqual({ name, runByTests: true });
    // The scripts named in running text that run files: the walkthrough is the only one.
    expect(Array.from(md.matchAll(/`bash ([^`]+)`/g), (m) => m[1])).toEqual(expect.arrayContaining(['docs/walkthrough.sh']));
    for (const [, file] of md.matchAll(/`bash ([^`]+)`/g)) expect(file).toBe('docs/walkthrough.sh');
    expect(existsSync(join(ROOT, 'docs', 'walkthrough.sh'))).toBe(true);
  });
});
