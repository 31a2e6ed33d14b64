#!/usr/bin/env node
// `npm test` after the type checks: the whole suite as side-by-side jest processes (TEST_SHARDS, default 2: the
// machine's two cores). Each process runs its share in band with its own embedded PostgreSQL and its own throw-away
// real PostgreSQL (test/setup/global-setup.ts), so no two suites ever share a database; test/setup/sequencer.js splits
// the suites by their recorded durations. Each line is printed with its process's mark ([1/2]); the run fails if
// either process fails. Arguments after `--` go to every jest process (e.g. a path pattern).
//   TEST_SHARDS=1 npm test            one process, as before
//   TEST_RECORD_DURATIONS=1 npm test  afterwards, write each suite's duration to test/setup/durations.json
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const shards = Math.max(1, Number.parseInt(process.env.TEST_SHARDS || '2', 10) || 1);
const extra = process.argv.slice(2);

// The console bundle once, before the processes start (each one's global setup would otherwise write dist/web at the
// same moment); global setup then finds it fresh.
require(join(ROOT, 'test', 'helpers', 'swc-register.js'));
require(join(ROOT, 'src', 'web', 'console-bundle.ts')).writeConsoleBundle(join(ROOT, 'web'));

const results = mkdtempSync(join(tmpdir(), 'plots-test-'));
const children = [];

function run(index) {
  const mark = shards > 1 ? `[${index}/${shards}] ` : '';
  const args = ['--expose-gc', '--max-old-space-size=8192', join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--runInBand', '--logHeapUsage'];
  if (shards > 1) args.push(`--shard=${index}/${shards}`);
  args.push('--json', `--outputFile=${join(results, `${index}.json`)}`, ...extra);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, TZ: 'UTC', TEST_SHARD: String(index), TEST_SHARDS: String(shards) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) out.write(`${mark}${line}\n`);
    });
    stream.on('end', () => rest && out.write(`${mark}${rest}\n`));
  }
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ index, code: code ?? (signal ? 1 : 0) })));
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

const started = Date.now();
Promise.all(Array.from({ length: shards }, (_, i) => run(i + 1))).then((outcomes) => {
  const summary = { suites: 0, failedSuites: 0, tests: 0, failedTests: 0 };
  const durations = {};
  for (const { index } of outcomes) {
    let report;
    try {
      report = JSON.parse(readFileSync(join(results, `${index}.json`), 'utf8'));
    } catch {
      continue;
    }
    summary.suites += report.numTotalTestSuites;
    summary.failedSuites += report.numFailedTestSuites + (report.numRuntimeErrorTestSuites ?? 0);
    summary.tests += report.numTotalTests;
    summary.failedTests += report.numFailedTests;
    for (const r of report.testResults) durations[relative(ROOT, r.name)] = Math.max(1, Math.round((r.endTime - r.startTime) / 1000));
  }
  rmSync(results, { recursive: true, force: true });
  if (process.env.TEST_RECORD_DURATIONS === '1') {
    const file = join(ROOT, 'test', 'setup', 'durations.json');
    const known = JSON.parse(readFileSync(file, 'utf8'));
    const merged = Object.fromEntries(Object.entries({ ...known, ...durations }).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(file, `${JSON.stringify(merged, null, 1)}\n`);
  }
  const failed = outcomes.filter((o) => o.code !== 0);
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  process.stderr.write(
    `\n${shards} jest process(es), ${minutes} min: ${summary.suites} suites (${summary.failedSuites} failed), ` +
      `${summary.tests} tests (${summary.failedTests} failed)` +
      (failed.length ? `; process ${failed.map((o) => `${o.index} exited ${o.code}`).join(', ')}` : '') +
      '\n',
  );
  process.exit(failed.length ? 1 : 0);
});
