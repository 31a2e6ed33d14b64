import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, loadDatabaseUrl } from '../config/app-config';
import { keyFiles } from '../config/keys';
import { dataSourceOptions } from '../database/data-source-options';
import { startEmbeddedDatabase } from '../database/embedded';
import { migrateDatabase } from '../database/migrate';
import { FileBlobStore } from '../reports/blob-store';
import { DbBlobStore } from '../reports/blob-store-db';
import { blobDirectory } from '../reports/blob-store-config';
import { UploadStaging } from '../reports/upload-staging';
import { databaseIsEmpty } from '../database/backup';
import { moveFiles } from './files-move';
import { copyDatabase } from '../database/database-copy';

/**
 * `npm run move-to-postgres -- <DATABASE_URL>`: the embedded database in DATA_DIR (the app stopped) into an
 * empty PostgreSQL database, and the files of DATA_DIR/blobs into it (FILE_STORE=db), each digest verified.
 */
async function run() {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('用法：npm run move-to-postgres -- postgresql://用户@主机:端口/数据库（新建的空数据库；先停止应用）\n');
    process.exit(2);
  }
  loadDatabaseUrl({ DATABASE_URL: target });
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
  if (!(await databaseIsEmpty(target))) throw new Error('目标数据库已有本系统的数据表：请迁移到新建的空数据库');
  const embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: 4 });
  const source = new DataSource(dataSourceOptions(embedded.url, 1));
  const dest = new DataSource(dataSourceOptions(target, 2));
  try {
    await source.initialize();
    await migrateDatabase(source);
    await source.destroy();
    await dest.initialize();
    await migrateDatabase(dest);
    const copied = await copyDatabase(embedded.url, target, (t) => process.stderr.write(`已复制 ${t.table}：${t.rows} 行\n`));
    const files = await moveFiles(dest, new FileBlobStore(blobDirectory(config.dataDir)), new DbBlobStore(dest), new UploadStaging(join(blobDirectory(config.dataDir), 'incoming')));
    process.stdout.write(`${JSON.stringify({ tables: copied.length, rows: copied.reduce((n, t) => n + t.rows, 0), files })}\n`);
    const keys = keyFiles(config.dataDir);
    process.stdout.write(
      `迁移完成。以 DATABASE_URL=${new URL(target).host} 上的该数据库启动应用，并设置 AUDIT_KEY 为 ${keys.auditKey} 的内容、` +
        `JWT_SECRET 为 ${keys.jwtSecret} 的内容（审计链用原密钥核验）。\n`,
    );
    if (files.missing.length || files.corrupt.length) process.exitCode = 1;
  } finally {
    if (source.isInitialized) await source.destroy();
    if (dest.isInitialized) await dest.destroy();
    await embedded.stop();
  }
}

run().catch((e) => {
  process.stderr.write(`move-to-postgres 失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
