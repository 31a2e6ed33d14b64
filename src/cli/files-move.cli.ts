import 'reflect-metadata';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { FileBlobStore } from '../reports/blob-store';
import { DbBlobStore } from '../reports/blob-store-db';
import { blobDirectory } from '../reports/blob-store-config';
import { UploadStaging } from '../reports/upload-staging';
import { openCliDatabase } from './files-database';
import { moveFiles } from './files-move';

const USAGE = '用法：npm run files:move -- --to db|dir（db：文件存入 PostgreSQL；dir：文件存入 DATA_DIR/blobs）\n';

/** `npm run files:move -- --to db|dir`: copies every stored file into the other store, verifying each digest. */
async function run() {
  const at = process.argv.indexOf('--to');
  const to = at >= 0 ? process.argv[at + 1] : undefined;
  if (to !== 'db' && to !== 'dir') {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openCliDatabase(config);
  try {
    const dir = new FileBlobStore(blobDirectory(config.dataDir));
    const pg = new DbBlobStore(db.ds);
    const [from, target] = to === 'db' ? [dir, pg] : [pg, dir];
    const staging = new UploadStaging(join(blobDirectory(config.dataDir), 'incoming'));
    const r = await moveFiles(db.ds, from, target, staging, (p) =>
      process.stderr.write(`\r已处理 ${p.files} 个文件：复制 ${p.copied}，已存在 ${p.present}，缺失 ${p.missing.length}，损坏 ${p.corrupt.length}`),
    );
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ to, files: r.files, copied: r.copied, present: r.present, missing: r.missing, corrupt: r.corrupt })}\n`);
    if (r.missing.length || r.corrupt.length) {
      process.stderr.write(`有 ${r.missing.length} 个文件缺失、${r.corrupt.length} 个文件内容与摘要不符，见上方清单；其余文件已复制并逐一核对摘要。\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`全部 ${r.files} 个文件已在目标存储中并核对摘要一致。将 FILE_STORE 设为 ${to} 后重启应用。\n`);
    }
  } finally {
    await db.close();
  }
}

run().catch((e) => {
  process.stderr.write(`files:move 失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
