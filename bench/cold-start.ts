// Cold start on the embedded database: process start to a healthy /health,
// on an empty data directory (create, migrate, seed the demo data, keep it as
// the day's template), on a second empty one (from that template), and again
// on that directory (open, nothing to migrate or seed).
//
//   npm run bench:cold-start
//
// Prints figures; gates nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, freePort, machine, waitHealthy } from './lib/harness';

async function start(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  // The app built beside this script (dist/bench/bench/ → dist/src/main.js).
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, 180_000);
    return performance.now() - t0;
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

async function main() {
  console.log(`machine: ${machine()}`);
  const dirs = [mkdtempSync(join(tmpdir(), 'bench-cold-')), mkdtempSync(join(tmpdir(), 'bench-cold-'))];
  try {
    // The first fresh directory of the day (and of this code) is built and kept as the demo template
    // (src/demo/demo-template.ts), unless an earlier start already kept one; the second starts from it.
    const built = await start(dirs[0]);
    const fresh = await start(dirs[1]);
    const again = await start(dirs[1]);
    console.log(`first fresh data directory (migrate, seed, or today's template if kept): ${fmt(built / 1000, 2)} s to a healthy /health`);
    console.log(`fresh data directory (from the prepared demo template):   ${fmt(fresh / 1000, 2)} s to a healthy /health   (target ≤ 3)`);
    console.log(`existing data directory (open only):                      ${fmt(again / 1000, 2)} s to a healthy /health   (target ≤ 1.5)`);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
