// Cold start on the embedded database: process start to a healthy /health,
// on an empty data directory (create, migrate, seed the demo data, keep it as
// the day's template), then, `runs` times, on a second empty one (from that
// template) and again on that directory (open, nothing to migrate or seed).
// Each figure is the median of its runs, with their range and the median of
// the start-up phases the app logs (src/main.ts: one JSON line at info level).
//
//   npm run bench:cold-start            (3 runs)
//   npm run bench:cold-start -- 5       (N runs)
//
// Prints figures; gates nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fmt, freePort, machine, waitHealthy } from './lib/harness';

const RUNS = Math.max(1, Number(process.argv[2] ?? 3));

interface Start {
  ms: number;
  /** The phases the app logged ("start-up phases (ms)"), if it did. */
  phases?: Record<string, number>;
}

async function start(dataDir: string): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  // The app built beside this script (dist/bench/bench/ → dist/src/main.js).
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let phases: Record<string, number> | undefined;
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (!line.includes('start-up phases')) return;
    try {
      phases = (JSON.parse(line) as { startMs?: Record<string, number> }).startMs;
    } catch {
      // not a JSON line: no phases for this run
    }
  });
  // The app's output is read to its end (after the stop below): its phases line may arrive after /health answers.
  const drained = new Promise<void>((resolve) => lines.once('close', () => resolve()));
  let ms: number;
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, 180_000);
    ms = performance.now() - t0;
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  await drained;
  return { ms, phases };
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The runs' range and the median of each phase the app logged. */
function detail(starts: Start[]): string {
  const seconds = starts.map((s) => s.ms / 1000);
  const low = seconds.reduce((a, b) => Math.min(a, b));
  const high = seconds.reduce((a, b) => Math.max(a, b));
  const range = `${starts.length} run(s): ${fmt(low, 2)}–${fmt(high, 2)} s`;
  const logged = starts.flatMap((s) => (s.phases ? [s.phases] : []));
  if (!logged.length) return `  ${range}`;
  const names = Object.keys(logged[0]);
  return `  ${range}; start-up phases, median ms: ${names.map((n) => `${n} ${Math.round(median(logged.map((p) => p[n] ?? 0)))}`).join(' · ')}`;
}

async function main() {
  console.log(`machine: ${machine()}`);
  const dirs = [mkdtempSync(join(tmpdir(), 'bench-cold-'))];
  try {
    // The first fresh directory of the day (and of this code) is built and kept as the demo template
    // (src/demo/demo-template.ts), unless an earlier start already kept one; the later ones start from it.
    const built = await start(dirs[0]);
    const fresh: Start[] = [];
    const again: Start[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
      dirs.push(dir);
      fresh.push(await start(dir));
      again.push(await start(dir));
    }
    const mid = (starts: Start[]) => fmt(median(starts.map((s) => s.ms)) / 1000, 2);
    console.log(`first fresh data directory (migrate, seed, or today's template if kept): ${fmt(built.ms / 1000, 2)} s to a healthy /health`);
    console.log(detail([built]));
    console.log(`fresh data directory (from the prepared demo template):   ${mid(fresh)} s to a healthy /health   (target ≤ 3)`);
    console.log(detail(fresh));
    console.log(`existing data directory (open only):                      ${mid(again)} s to a healthy /health   (target ≤ 1.5)`);
    console.log(detail(again));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
