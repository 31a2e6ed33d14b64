import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// scripts/start.js in a project of its own: a stand-in `nest` that counts its builds and writes a main.js that
// prints one line, so that the test sees what the script decides without compiling the app.
describe('issue 24 (`npm start` does not rebuild when nothing changed): scripts/start.js', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ops-start-'));
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(__dirname, '..', 'scripts', 'start.js'), join(dir, 'scripts', 'start.js'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'main.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'package.json'), '{}\n');
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    const nest = join(dir, 'node_modules', '.bin', 'nest');
    // It also writes the compiled console-bundle module start.js asks to bundle the console (after each start's build
    // check), as a stand-in that counts its calls.
    writeFileSync(nest, [
      '#!/bin/sh',
      'mkdir -p dist/src/web',
      'echo built >> builds.log',
      `echo 'console.log("app started")' > dist/src/main.js`,
      `echo 'exports.writeConsoleBundle = () => { require("fs").appendFileSync("bundles.log", "x"); return false; };' > dist/src/web/console-bundle.js`,
      '',
    ].join('\n'));
    chmodSync(nest, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => spawnSync(process.execPath, [join(dir, 'scripts', 'start.js')], { cwd: dir, encoding: 'utf8' });
  const builds = () => readFileSync(join(dir, 'builds.log'), 'utf8').trim().split('\n').length;
  // One x per call (sh's echo would turn a backslash-n into a newline inside the JavaScript string).
  const bundleChecks = () => readFileSync(join(dir, 'bundles.log'), 'utf8').length;

  it('issue 24: the first start builds and runs the app; a second start with the same sources runs it without building', () => {
    const first = start();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('app started');
    expect(first.stderr).toMatch(/building/);
    expect(builds()).toBe(1);
    const second = start();
    expect(second.stdout).toContain('app started');
    expect(second.stderr).toBe('');
    expect(builds()).toBe(1);
    // The console's bundle is checked on every start (esbuild rewrites it only when a console source changed).
    expect(bundleChecks()).toBe(2);
  });

  it('issue 24: a new mtime with the same content (a checkout) does not rebuild; a changed or added source file does', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'main.ts'), later, later);
    start();
    expect(builds()).toBe(1);
    writeFileSync(join(dir, 'src', 'main.ts'), 'export const a = 2;\n');
    expect(start().stderr).toMatch(/Sources changed/);
    expect(builds()).toBe(2);
    writeFileSync(join(dir, 'src', 'other.ts'), 'export const b = 1;\n');
    start();
    expect(builds()).toBe(3);
    start();
    expect(builds()).toBe(3);
  });

  it('issue 24: a missing dist/src/main.js is built again even when the sources did not change', () => {
    rmSync(join(dir, 'dist', 'src', 'main.js'));
    expect(start().stdout).toContain('app started');
    expect(builds()).toBe(4);
  });
});
