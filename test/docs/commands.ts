import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBenchBuilt, ensureBuilt } from '../reliability/process-app';

/** Runs README's commands as a user does: package.json's scripts from the repository root, as child processes. */

export const ROOT = join(__dirname, '..', '..');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** A bound against a hang (the process group is killed), not a performance assertion. */
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();
// Last resort when a test file dies without its afterAll: a bench or CLI may have children of its own.
process.once('exit', () => {
  for (const child of running) killGroup(child);
});

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/**
 * FILE ARGS in their own process group with a clean environment (PATH as npm
 * gives scripts, HOME, TZ and `env` only: never the test runner's variables).
 */
export function run(file: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  const child = spawn(file, args, {
    cwd: opts.cwd ?? ROOT,
    env: {
      PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`,
      HOME: process.env.HOME,
      TZ: 'UTC',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => {
    stderr += `\n[test] killed after ${opts.timeoutMs} ms\n`;
    killGroup(child);
  }, opts.timeoutMs ?? 300_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function packageScripts(): Record<string, string> {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell commands that `npm run NAME -- ARGS` runs, in order: the script
 * split at `&&`, each `npm run X` replaced by X's commands, and ARGS appended
 * to the last command, as npm does.
 */
export function scriptCommands(name: string, args: string[] = []): string[] {
  const script = packageScripts()[name];
  if (script === undefined) throw new Error(`package.json has no script "${name}"`);
  const commands: string[] = [];
  for (const part of script.split('&&').map((p) => p.trim())) {
    const nested = /^npm run ([\w:-]+)$/.exec(part);
    if (nested) commands.push(...scriptCommands(nested[1]));
    else commands.push(part);
  }
  if (args.length) commands[commands.length - 1] += ` ${args.map(shellQuote).join(' ')}`;
  return commands;
}

/**
 * The build steps of the scripts, run once per change of the sources for all
 * tests instead of once per script (the output is the same): `nest build` and
 * `tsc -p bench/tsconfig.json`.
 */
const BUILDS: Record<string, () => Promise<void>> = {
  'nest build': ensureBuilt,
  'tsc -p bench/tsconfig.json': ensureBenchBuilt,
};

/** `npm run NAME -- ARGS`: each command of the script in turn, stopping at the first that fails. */
export async function runScript(name: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  let last: Run = { code: 0, signal: null, stdout: '', stderr: '' };
  for (const command of scriptCommands(name, args)) {
    const build = BUILDS[command];
    if (build) {
      await build();
      continue;
    }
    const r = await run('sh', ['-c', command], opts);
    last = { ...r, stdout: last.stdout + r.stdout, stderr: last.stderr + r.stderr };
    if (r.code !== 0) break;
  }
  return last;
}

/** What a failed run printed, for the failure message of an assertion on its exit code. */
export function outcome(r: Run): { exit: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  return { exit: r.code, signal: r.signal, stdout: r.stdout.slice(-6000), stderr: r.stderr.slice(-6000) };
}
