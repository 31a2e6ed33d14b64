// Cold start on the embedded database: process start to a healthy /health,
// first on an empty data directory (create, migrate, seed the demo data) and
// then again on the same directory (open, nothing to migrate or seed).
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
  const child = spawn(process.execPath, ['dist/src/main.js'], {
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
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  try {
    const fresh = await start(dir);
    const again = await start(dir);
    console.log(`fresh data directory (create, migrate, seed demo data): ${fmt(fresh / 1000, 2)} s to a healthy /health`);
    console.log(`existing data directory (open only):                   ${fmt(again / 1000, 2)} s to a healthy /health`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
