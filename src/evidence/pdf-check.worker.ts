import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { checkPdf } from './pdf-check';

// The thread that checks one staged upload (started by pdf-check-thread.ts): a
// full parse of a large or dense PDF takes seconds the event loop cannot spare.
async function main() {
  const { path } = workerData as { path: string };
  parentPort!.postMessage({ result: await checkPdf(await readFile(path)) });
}

main().catch((e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }));
