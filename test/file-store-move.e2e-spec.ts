import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReferencedFiles } from '../src/database/file-references';
import { moveFiles } from '../src/cli/files-move';
import { FilingService } from '../src/documents/filing.service';
import { BLOB_STORE, FileBlobStore, type BlobStore } from '../src/reports/blob-store';
import { DbBlobStore } from '../src/reports/blob-store-db';
import { UploadStaging } from '../src/reports/upload-staging';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { registerPlot, send } from './factories/plots';

describeEachDatabase('files:move (issue 23): every stored file copied between the directory and PostgreSQL, each digest verified', (target) => {
  let t: TestApp;
  let dir: BlobStore;
  let db: DbBlobStore;
  let staging: UploadStaging;
  let files: number;
  const scratch: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(target, { FILE_STORE: 'dir' });
    dir = t.app.get<BlobStore>(BLOB_STORE);
    db = new DbBlobStore(t.ds);
    staging = t.app.get(UploadStaging);
    const plotId = (await registerPlot(t)).id;
    await registerPlot(t);
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    const res = await t.http
      .post(`/plots/${plotId}/reports`)
      .set(await t.as('consultant'))
      .field('kind', 'preliminary_investigation')
      .attach('file', await makePdf('to be moved'), { filename: 'r.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    await t.app.get(FilingService).drain();
    const [{ n }] = await t.ds.query(
      `SELECT count(DISTINCT sha)::int AS n FROM (SELECT file_sha256 AS sha FROM reports UNION ALL SELECT pdf_sha256 FROM documents) f`,
    );
    files = n;
  });
  afterAll(async () => {
    await t?.close();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  it('--to db copies every file the database refers to, and each reads back from PostgreSQL with its digest', async () => {
    expect(dir.kind).toBe('dir');
    expect(files).toBeGreaterThanOrEqual(3);
    expect(await t.ds.query('SELECT count(*)::int AS n FROM blobs')).toEqual([{ n: 0 }]);
    const r = await moveFiles(t.ds, dir, db, staging);
    expect(r).toEqual({ files, copied: files, present: 0, missing: [], corrupt: [] });
    expect(await checkReferencedFiles(t.ds, db)).toMatchObject({ missing: [], corrupt: [] });
    expect(await t.ds.query('SELECT count(*)::int AS n FROM blobs')).toEqual([{ n: files }]);
  });

  it('idempotent and resumable: a second run copies nothing; a run cut off (one file absent from the target) copies only that one', async () => {
    expect(await moveFiles(t.ds, dir, db, staging)).toEqual({ files, copied: 0, present: files, missing: [], corrupt: [] });
    const [{ digest }] = await t.ds.query('SELECT digest FROM blobs ORDER BY digest LIMIT 1');
    await t.ds.query('DELETE FROM blobs WHERE digest = $1', [digest]);
    expect(await moveFiles(t.ds, dir, db, staging)).toEqual({ files, copied: 1, present: files - 1, missing: [], corrupt: [] });
  });

  it('--to dir copies them back from PostgreSQL into an empty directory store, each digest verified', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plots-move-'));
    scratch.push(root);
    const fresh = new FileBlobStore(root);
    expect(await moveFiles(t.ds, db, fresh, staging)).toEqual({ files, copied: files, present: 0, missing: [], corrupt: [] });
    expect(await checkReferencedFiles(t.ds, fresh)).toMatchObject({ missing: [], corrupt: [] });
  });

  it('a source file whose content does not match its digest is reported corrupt and not copied; one absent from both is reported missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plots-move-bad-'));
    scratch.push(root);
    const broken = new FileBlobStore(root);
    const [doc] = await t.ds.query('SELECT pdf_sha256 AS sha FROM documents ORDER BY id LIMIT 1');
    const sha = String(doc.sha);
    const [report] = await t.ds.query('SELECT file_sha256 AS sha FROM reports LIMIT 1');
    // Only two files in the broken source: one with other bytes under the document's digest, and the report's intact.
    await broken.adopt(await staging.fromBuffer(Buffer.from('placeholder')));
    mkdirSync(join(root, sha.slice(0, 2), sha.slice(2, 4)), { recursive: true });
    writeFileSync(join(root, sha.slice(0, 2), sha.slice(2, 4), sha), 'not the PDF');
    await broken.adopt(await staging.write((await dir.open(String(report.sha)))!));
    const target = mkdtempSync(join(tmpdir(), 'plots-move-to-'));
    scratch.push(target);
    const r = await moveFiles(t.ds, broken, new FileBlobStore(target), staging);
    expect(r.corrupt).toEqual([{ table: 'documents', sha256: sha }]);
    expect(r.copied).toBe(1);
    expect(r.missing.length).toBe(files - 2);
    expect(await new FileBlobStore(target).has(sha)).toBe(false);
  });
});
