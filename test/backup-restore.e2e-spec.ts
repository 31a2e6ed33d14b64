import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backup, databaseIsEmpty, restore } from '../src/database/backup';
import { checkReferencedFiles } from '../src/database/file-references';
import { FilingService } from '../src/documents/filing.service';
import { BLOB_STORE, type BlobStore } from '../src/reports/blob-store';
import { blobDirectory } from '../src/reports/blob-store-config';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { registerPlot, send } from './factories/plots';
import { createScratchDatabase, realPostgresUrl, type ScratchDatabase } from './reliability/process-app';

const COUNTED = ['audit_log', 'documents', 'reports', 'plots', 'outbox', 'blobs'];

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) out[table] = (await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return out;
}

(realPostgresUrl() ? describe : describe.skip)('backup and restore (issue 23): pg_dump plus the directory store, restored into a fresh database [postgres]', () => {
  for (const fileStore of ['db', 'dir'] as const) {
    describe(`FILE_STORE=${fileStore}`, () => {
      const scratch: ScratchDatabase[] = [];
      const dirs: string[] = [];
      let source: TestApp;
      let restored: TestApp;
      let before: Record<string, number>;
      const tempDir = (prefix: string) => {
        const d = mkdtempSync(join(tmpdir(), prefix));
        dirs.push(d);
        return d;
      };

      beforeAll(async () => {
        const from = await createScratchDatabase('bk_src');
        scratch.push(from);
        source = await startTestApp({ name: 'postgres', url: from.url }, { FILE_STORE: fileStore });
        const plotId = (await registerPlot(source)).id;
        await registerPlot(source);
        await send(source, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: source.demo.organisations.consultant, work: 'investigation' });
        const up = await source.http
          .post(`/plots/${plotId}/reports`)
          .set(await source.as('consultant'))
          .field('kind', 'preliminary_investigation')
          .attach('file', await makePdf(`backed up ${fileStore}`), { filename: 'report.pdf', contentType: 'application/pdf' });
        expect(up.status).toBe(201);
        await source.app.get(FilingService).drain();
        before = await counts(source);

        const backupDir = join(tempDir('plots-backup-'), 'backup');
        await backup({ databaseUrl: from.url, fileStore, blobDir: blobDirectory(source.config.dataDir) }, backupDir);
        const to = await createScratchDatabase('bk_dst');
        scratch.push(to);
        const dataDir = tempDir('plots-restored-');
        await restore(backupDir, { databaseUrl: to.url, blobDir: blobDirectory(dataDir), isEmpty: () => databaseIsEmpty(to.url) });
        restored = await startTestApp({ name: 'postgres', url: to.url }, { FILE_STORE: fileStore, DATA_DIR: dataDir }, { resetDatabase: false });
      });

      afterAll(async () => {
        await source?.close();
        await restored?.close();
        for (const db of scratch) await db.drop();
        for (const d of dirs) rmSync(d, { recursive: true, force: true });
      });

      it('the restored database holds every row: audit log, documents, reports, plots, outbox and blobs counted equal', async () => {
        expect(before.audit_log).toBeGreaterThan(0);
        expect(before.documents).toBeGreaterThan(0);
        expect(before.blobs).toBe(fileStore === 'db' ? before.reports + before.documents : 0);
        expect(await counts(restored)).toEqual(before);
      });

      it('the audit-chain verifier (GET /audit/verify) finds every chain of the restored database valid, every row checked', async () => {
        const res = await restored.http.get('/audit/verify').set(await restored.as('admin'));
        expect(res.status).toBe(200);
        expect(res.body.valid).toBe(true);
        expect(res.body.checked).toBe(before.audit_log);
      });

      it("every document's PDF and every report file is in the restored store with the SHA-256 recorded for it", async () => {
        const check = await checkReferencedFiles(restored.ds, restored.app.get<BlobStore>(BLOB_STORE));
        expect(check).toEqual({ checked: before.documents + before.reports, missing: [], corrupt: [] });
        const [doc] = await restored.ds.query('SELECT id, pdf_sha256 AS sha FROM documents LIMIT 1');
        const pdf = await restored.http.get(`/documents/${doc.id}/pdf`).set(await restored.as('admin')).buffer(true).expect(200);
        expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(doc.sha);
      });

      it('restore refuses a database that already holds the product’s tables (never over a live one)', async () => {
        const dir = join(tempDir('plots-backup2-'), 'b');
        await backup({ databaseUrl: scratch[0].url, fileStore, blobDir: blobDirectory(source.config.dataDir) }, dir);
        await expect(restore(dir, { databaseUrl: scratch[1].url, blobDir: tempDir('plots-x-'), isEmpty: () => databaseIsEmpty(scratch[1].url) })).rejects.toThrow('空数据库');
      });

      if (fileStore === 'dir') {
        it('the file check can fail: a file removed from the restored directory store is reported missing', async () => {
          const root = blobDirectory(restored.config.dataDir);
          const [doc] = await restored.ds.query('SELECT pdf_sha256 AS sha FROM documents LIMIT 1');
          const sha = String(doc.sha);
          expect(readdirSync(join(root, sha.slice(0, 2), sha.slice(2, 4)))).toContain(sha);
          rmSync(join(root, sha.slice(0, 2), sha.slice(2, 4), sha));
          const check = await checkReferencedFiles(restored.ds, restored.app.get<BlobStore>(BLOB_STORE));
          expect(check.missing).toEqual([{ table: 'documents', sha256: sha }]);
        });
      }
    });
  }
});
