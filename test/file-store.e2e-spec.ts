import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../src/config/app-config';
import { FilingService } from '../src/documents/filing.service';
import { BLOB_STORE, type BlobStore } from '../src/reports/blob-store';
import { BLOB_CHUNK_BYTES, BlobDigestMismatchError } from '../src/reports/blob-store-db';
import { UploadStaging } from '../src/reports/upload-staging';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { registerPlot, send } from './factories/plots';

const MiB = 1024 * 1024;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Live memory (heap and buffers) after a full collection: what the process holds, not garbage waiting for one. */
function liveBytes() {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Samples live memory every half second while `work` runs; resolves with its result and the peak growth. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = liveBytes();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, liveBytes())), 500);
  try {
    const result = await work();
    return { result, growth: Math.max(peak, liveBytes()) - base };
  } finally {
    clearInterval(timer);
  }
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** A file of `bytes` pseudo-random bytes written 1 MiB at a time, and its digest. */
async function bigFile(dir: string, bytes: number): Promise<{ path: string; sha256: string }> {
  const path = join(dir, 'big.bin');
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  const block = randomBytes(MiB);
  for (let i = 0; i < bytes / MiB; i++) {
    block.writeUInt32BE(i, 0);
    hash.update(block);
    if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return { path, sha256: hash.digest('hex') };
}

describeEachDatabase('files in PostgreSQL (issue 23: FILE_STORE=db, chunked bytea, written in the transaction of their row)', (target) => {
  let t: TestApp;
  let store: BlobStore;
  let scratch: string;
  const blobRows = async (sha: string) =>
    (await t.ds.query('SELECT size::int AS size, chunks FROM blobs WHERE digest = $1', [sha])) as Array<{ size: number; chunks: number }>;

  beforeAll(async () => {
    t = await startTestApp(target, { FILE_STORE: 'db' });
    store = t.app.get<BlobStore>(BLOB_STORE);
    scratch = mkdtempSync(join(tmpdir(), 'plots-files-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('FILE_STORE=db selects the PostgreSQL store; the default is the directory without DATABASE_URL and PostgreSQL with it (issue 23)', async () => {
    expect(store.kind).toBe('db');
    expect(loadConfig({ DATA_DIR: scratch }).fileStore).toBe('dir');
    const keys = { JWT_SECRET: 'x'.repeat(32), AUDIT_KEY: 'y'.repeat(32) };
    expect(loadConfig({ DATA_DIR: scratch, DATABASE_URL: 'postgres://u@127.0.0.1/db', ...keys }).fileStore).toBe('db');
    expect(loadConfig({ DATA_DIR: scratch, DATABASE_URL: 'postgres://u@127.0.0.1/db', FILE_STORE: 'dir', ...keys }).fileStore).toBe('dir');
    expect(() => loadConfig({ DATA_DIR: scratch, FILE_STORE: 's3' })).toThrow(/FILE_STORE/);
  });

  it('a report uploaded over HTTP is stored in PostgreSQL, not in the directory, and downloads with the same bytes and SHA-256', async () => {
    const plotId = (await registerPlot(t)).id;
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    const pdf = await makePdf('stored in PostgreSQL');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const res = await t.http
      .post(`/plots/${plotId}/reports`)
      .set(await t.as('consultant'))
      .field('kind', 'preliminary_investigation')
      .attach('file', pdf, { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body.sha256).toBe(sha);
    expect(await blobRows(sha)).toEqual([{ size: pdf.length, chunks: Math.ceil(pdf.length / BLOB_CHUNK_BYTES) }]);
    const dir = join(t.config.dataDir, 'blobs');
    expect(existsSync(join(dir, sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(false);
    const file = await t.http.get(`/plots/${plotId}/reports/${res.body.id}/file`).set(await t.as('eeb')).buffer(true).expect(200);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
  });

  it('filing PDFs are written in the filing transaction: every document has its blob, and GET /documents/:id/pdf hashes to the recorded SHA-256', async () => {
    await registerPlot(t);
    await t.app.get(FilingService).drain();
    const docs: Array<{ id: string; sha: string }> = await t.ds.query(`SELECT id, pdf_sha256 AS sha FROM documents ORDER BY issued_at`);
    expect(docs.length).toBeGreaterThan(0);
    const missing: Array<{ id: string }> = await t.ds.query(`SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.digest = d.pdf_sha256)`);
    expect(missing).toEqual([]);
    const pdf = await t.http.get(`/documents/${docs[0].id}/pdf`).set(await t.as('admin')).buffer(true).expect(200);
    expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(docs[0].sha);
    expect(readdirSync(t.config.dataDir).includes('blobs') ? readdirSync(join(t.config.dataDir, 'blobs')).filter((n) => n !== 'incoming') : []).toEqual([]);
  });

  it('a transaction rolled back leaves no blob: neither the row nor a chunk of a file put or adopted in it (issue 23: never a file without its row)', async () => {
    const content = Buffer.concat([randomBytes(BLOB_CHUNK_BYTES), Buffer.from('rolled back')]);
    const sha = createHash('sha256').update(content).digest('hex');
    const staging = t.app.get(UploadStaging);
    const staged = await staging.fromBuffer(Buffer.concat([content, Buffer.from(' staged')]));
    await expect(
      t.ds.transaction(async (em) => {
        await store.put(content, em);
        await store.adopt(staged, em);
        expect(await store.has(sha, em)).toBe(true);
        throw new Error('the row that refers to it failed');
      }),
    ).rejects.toThrow('the row that refers to it failed');
    for (const digest of [sha, staged.sha256]) {
      expect(await store.has(digest)).toBe(false);
      expect(await t.ds.query('SELECT count(*)::int AS n FROM blob_chunks WHERE digest = $1', [digest])).toEqual([{ n: 0 }]);
    }
  });

  it('content that does not hash to the digest it was staged under is refused and leaves nothing (the digest computed on the fly)', async () => {
    const staged = await t.app.get(UploadStaging).fromBuffer(Buffer.from('genuine content'));
    const forged = { ...staged, sha256: createHash('sha256').update('other content').digest('hex') };
    await expect(store.adopt(forged)).rejects.toBeInstanceOf(BlobDigestMismatchError);
    expect(await store.has(forged.sha256)).toBe(false);
  });

  it('the same content stored twice is one blob; a put outside a transaction takes its own and reads back whole', async () => {
    const content = randomBytes(3 * BLOB_CHUNK_BYTES + 17);
    const first = await store.put(content);
    const second = await store.put(content);
    expect(second).toEqual(first);
    expect(await blobRows(first.sha256)).toEqual([{ size: content.length, chunks: 4 }]);
    expect(await sha256Of((await store.open(first.sha256))!)).toEqual(first);
    expect(await store.open('0'.repeat(64))).toBeUndefined();
    expect(await store.open('not-a-digest')).toBeUndefined();
  });

  // On the embedded database PGlite runs inside the test process, so its own memory (and a full collection of it every
  // half second) would be counted: there the 50 MB go through for their bytes only, the memory is measured on PostgreSQL.
  const measured = target.name === 'postgres';
  it(`a ${measured ? 100 : 50} MB file is streamed in and out${measured ? ' with bounded memory: live heap and buffers grow by under half the file either way' : ', the same bytes out as in'}`, async () => {
    const size = (measured ? 100 : 50) * MiB;
    const big = await bigFile(scratch, size);
    const staged = await t.app.get(UploadStaging).fromFile(big.path);
    expect(staged.sha256).toBe(big.sha256);
    // A small file first, so that the pool's connections and their buffers are warm before the baseline is taken.
    const warm = await store.put(randomBytes(2 * BLOB_CHUNK_BYTES));
    await sha256Of((await store.open(warm.sha256))!);
    const run = <T>(work: () => Promise<T>) => (measured ? peakGrowth(work) : work().then((result) => ({ result, growth: 0 })));
    const put = await run(() => t.ds.transaction((em) => store.adopt(staged, em)));
    expect(put.result).toEqual({ sha256: big.sha256, size });
    let read = await run(async () => sha256Of((await store.open(big.sha256))!));
    expect(read.result).toEqual({ sha256: big.sha256, size });
    if (!measured) return;
    // The test process's memory also holds what else it runs (the embedded database of the suite's first half among
    // it): a reading over the bound is taken again, and the smaller counts. A store that held the file whole would
    // be over it both times.
    if (read.growth >= size / 2) {
      const again = await run(async () => sha256Of((await store.open(big.sha256))!));
      process.stdout.write(`[file-store] read again: ${(read.growth / MiB).toFixed(1)} MB, then ${(again.growth / MiB).toFixed(1)} MB\n`);
      if (again.growth < read.growth) read = again;
    }
    process.stdout.write(`[file-store] ${size / MiB} MB: live memory grew by ${(put.growth / MiB).toFixed(1)} MB in, ${(read.growth / MiB).toFixed(1)} MB out\n`);
    // A file held whole would add at least its own size; a page of chunks, their hex text, the stream's buffer and
    // whatever else the app under test does meanwhile (its filing worker) stay well under half of 100 MB.
    expect(put.growth).toBeLessThan(size / 2);
    expect(read.growth).toBeLessThan(size / 2);
  }, 600_000);
});
