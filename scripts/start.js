#!/usr/bin/env node
// `npm start`: builds with `nest build` only when a source file changed since the last build, bundles the web console
// into dist/web when one of its sources changed (src/web/console-bundle.ts), then runs the app in this process (so a terminal stays the app's terminal, and signals reach it directly).
// Plain JavaScript on purpose: it must run before anything is compiled.
'use strict';
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const STAMP = join(ROOT, 'dist', '.start-build-stamp');
/** What `nest build` compiles (tsconfig.build.json) and what decides how. */
const SOURCES = ['src', 'workflows', 'templates', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

/** One digest over the path and content of every source file: mtimes change with a checkout, contents do not. */
function sourceDigest() {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const source of SOURCES) visit(join(ROOT, source));
  return hash.digest('hex');
}

function buildIfChanged() {
  // Taken before the build: a file changed while it runs makes the next start build again.
  const digest = sourceDigest();
  const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (existsSync(MAIN) && built === digest) return;
  process.stderr.write(existsSync(MAIN) ? 'Sources changed since the last build: building…\n' : 'First start: building…\n');
  const nest = join(ROOT, 'node_modules', '.bin', 'nest');
  const result = spawnSync(nest, ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`nest build failed (${result.error ? result.error.message : `exit ${result.status}`})\n`);
    process.exit(result.status || 1);
  }
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(STAMP, `${digest}\n`);
}

/** The console's bundle (esbuild, ~100 ms), by the compiled app's own code so that both build it the same way. */
function bundleConsoleIfChanged() {
  const { writeConsoleBundle } = require(join(ROOT, 'dist', 'src', 'web', 'console-bundle.js'));
  if (writeConsoleBundle(join(ROOT, 'web'))) process.stderr.write('Web console bundled into dist/web.\n');
}

module.exports = { sourceDigest, STAMP, MAIN };

if (require.main === module) {
  buildIfChanged();
  bundleConsoleIfChanged();
  if (process.argv.includes('--build-only')) process.exit(0);
  require(MAIN);
}
