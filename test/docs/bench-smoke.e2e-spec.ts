import { createScratchDatabase, realPostgresUrl, type ScratchDatabase } from '../reliability/process-app';
import { outcome, packageScripts, runScript } from './commands';
import { readme, section } from './readme';

// A bound against a hang (it includes building dist/ and dist/bench/ once), not a performance assertion.
const TIMEOUT = 600_000;

/**
 * Each benchmark README lists, at a size that takes seconds. A smoke run
 * checks that the script runs to its end and prints its figures' closing lines
 * (ratios, counts); it never looks at a time.
 */
const SMOKE: Record<string, { args: string[]; env?: Record<string, string>; database: boolean; prints: RegExp[] }> = {
  'bench:transitions': {
    args: ['0.5'],
    env: { BENCH_CLIENTS: '1,4' },
    database: true,
    prints: [
      /^engine over HTTP, 1 client .* errors 0 /m,
      /^raw SQL floor, 4 clients .* errors 0 /m,
      /^ratio ours \/ floor at 1 client: \d+\.\d\d$/m,
      /^ratio ours \/ floor at 4 clients: \d+\.\d\d$/m,
    ],
  },
  'bench:import': {
    args: ['2000'],
    database: true,
    prints: [
      /^ours: .*verdict \w+, 2000 rows\)$/m,
      /^ratio ours \/ COPY time: \d+\.\d\d /m,
      /^ratio ours \/ COPY into the samples table: \d+\.\d\d$/m,
      // the same rows as an .xlsx, imported in all (parse, validate, screen, store)
      /^the same rows as a laboratory's \.xlsx .* store +\d+\.\d\d s +\(2000 rows; /m,
      /^ratio ours \(xlsx\) \/ COPY time: \d+\.\d\d +\(target ≤ 3\)$/m,
      // the laboratory files: the same rows as a CSV and as an .xlsx with a Chinese header, parsed and validated
      /^laboratory files, parse \+ validate only \(2,000 rows; xlsx /m,
      /^csv, English header .* rows\/s +RSS \+\d+ MiB +heap \+\d+ MiB$/m,
      /^xlsx, Chinese header \(streamed\) .* rows\/s +RSS \+\d+ MiB +heap \+\d+ MiB$/m,
      /^ratio xlsx \/ csv: time \d+\.\d\d, RSS growth \d+\.\d\d, heap growth \d+\.\d\d$/m,
      /^ratio csv \/ raw time: \d+\.\d$/m,
    ],
  },
  'bench:queries': { args: ['1000', '5', '20'], database: true, prints: [/^loading 1000 plots, 5000 audit rows:$/m, /^\d+ of \d+ queries within their targets/m, /^map viewport, province/m] },
  'bench:monitoring': {
    args: ['20000'],
    database: true,
    prints: [/^ratio {2}COPY is \d+\.\d× ours$/m, /^open warnings.* (within|over) 20 ms$/m],
  },
  'bench:pdf': { args: ['10'], database: false, prints: [/^cjk .* 1 page\(s\)$/m, /^ratio cjk \/ builtin: +\d+\.\d\d /m] },
  'bench:cold-start': {
    args: ['1'],
    database: false,
    prints: [
      /^first fresh data directory .*:\s+\d+\.\d\d s to a healthy \/health$/m,
      /^fresh data directory \(from the prepared demo template\):\s+\d+\.\d\d s to a healthy \/health\s+\(target ≤ 3\)$/m,
      /^existing data directory .*:\s+\d+\.\d\d s to a healthy \/health\s+\(target ≤ 1\.5\)$/m,
      // each figure's runs and the phases the app logged of them
      /^ {2}1 run\(s\): \d+\.\d\d–\d+\.\d\d s; start-up phases, median ms: process \d+ · modules \d+ · database \d+ · app \d+/m,
    ],
  },
};

/** The scripts of README's benchmark table (`npm run bench:x [-- …]` in its first column). */
function readmeBenchmarks(): string[] {
  return Array.from(section(readme(), 'Performance').matchAll(/^\| `npm run (bench:[\w-]+)[^`]*` \|/gm), (m) => m[1]);
}

describe('docs: every benchmark README lists runs at a smoke size and prints its closing figures [child processes]', () => {
  it('docs: README\'s benchmark table lists exactly the bench:* scripts of package.json, each with a smoke size here', () => {
    const scripts = Object.keys(packageScripts()).filter((s) => s.startsWith('bench:') && s !== 'bench:build');
    expect(readmeBenchmarks().sort()).toEqual(scripts.sort());
    expect(Object.keys(SMOKE).sort()).toEqual(scripts.sort());
  });

  it.each(readmeBenchmarks())(
    'docs: `npm run %s` at a smoke size runs to its end and prints its closing figures (README: Performance)',
    async (name) => {
      const smoke = SMOKE[name];
      expect(smoke).toBeDefined();
      if (smoke.database && !realPostgresUrl()) return; // CI always has one (the global setup fails without)
      let db: ScratchDatabase | undefined;
      try {
        // README: each script starts its own throw-away PostgreSQL, or uses BENCH_DATABASE_URL: here a fresh database.
        db = smoke.database ? await createScratchDatabase(`docs_${name.replace(/\W/g, '_')}`) : undefined;
        const r = await runScript(name, smoke.args, {
          env: { ...(db ? { BENCH_DATABASE_URL: db.url } : {}), ...smoke.env },
          timeoutMs: 300_000,
        });
        expect(outcome(r)).toMatchObject({ exit: 0 });
        for (const line of smoke.prints) expect(r.stdout).toMatch(line);
      } finally {
        await db?.drop();
      }
    },
    TIMEOUT,
  );
});
