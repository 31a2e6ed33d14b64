import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PdfCheck } from './pdf-check';

// Checks at once: each holds its file and pdf-lib's copy of its streams (about
// twice the file) plus the parsed objects; the rest wait their turn.
const MAX_PARALLEL = 2;
// A check that takes longer, or needs more heap, is refused as too complex:
// ordinary reports take well under a second.
const TIMEOUT_MS = 60_000;
const MAX_HEAP_MB = 512;

const COMPILED = join(__dirname, 'pdf-check.worker.js');
const SOURCE = join(__dirname, 'pdf-check.worker.ts');

// Run from TypeScript sources (jest): the thread compiles them with swc, as jest does.
const FROM_SOURCE = `
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const load = Module.createRequire(workerData.entry);
const swc = load('@swc/core');
Module._extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
load(workerData.entry);
`;

let running = 0;
const waiting: Array<() => void> = [];

/** Checks a PDF file on disk in a worker thread, so that the event loop goes on serving other requests. */
export async function checkPdfFile(path: string): Promise<PdfCheck> {
  await acquire();
  try {
    return await runWorker(path);
  } finally {
    release();
  }
}

function acquire(): Promise<void> {
  if (running < MAX_PARALLEL) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

// The slot passes straight to the next waiter, so that no newcomer slips in between.
function release() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function runWorker(path: string): Promise<PdfCheck> {
  const compiled = existsSync(COMPILED);
  const worker = new Worker(compiled ? COMPILED : FROM_SOURCE, {
    eval: !compiled,
    workerData: { path, entry: SOURCE },
    resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
  });
  return new Promise<PdfCheck>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => settle(() => resolve(tooComplex(`检查超过 ${TIMEOUT_MS / 1000} 秒仍未完成`))), TIMEOUT_MS);
    worker.on('message', (m: { result?: PdfCheck; error?: string }) =>
      settle(() => (m.result ? resolve(m.result) : reject(new Error(`PDF check failed: ${m.error}`)))),
    );
    worker.on('error', (e: Error & { code?: string }) =>
      settle(() => (e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve(tooComplex('检查所需内存超过上限')) : reject(e))),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`PDF check thread exited with code ${code} before answering`))));
  });
}

function tooComplex(why: string): PdfCheck {
  return { ok: false, problem: 'tooComplex', reason: `文件内部结构过于复杂，无法完成检查（${why}）。请重新导出或压缩后上传` };
}
