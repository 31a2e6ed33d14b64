import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { blobDirectory } from '../reports/blob-store-config';
import { backup } from '../database/backup';

/** `npm run backup -- <dir>`: pg_dump of DATABASE_URL, plus the directory store with FILE_STORE=dir. */
async function run() {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('用法：npm run backup -- <备份目录>（须为空目录或不存在）\n');
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.databaseUrl) {
    process.stderr.write(
      '内置数据库模式：停止应用后复制整个数据目录（DATA_DIR，含 pgdata、blobs 与 keys）即为完整备份；' +
        '或先用 npm run move-to-postgres 迁移到 PostgreSQL 服务器，再用本命令备份。\n',
    );
    process.exit(2);
  }
  const m = await backup({ databaseUrl: config.databaseUrl, fileStore: config.fileStore, blobDir: blobDirectory(config.dataDir) }, resolve(dir));
  process.stdout.write(`备份完成：${resolve(dir)}（数据库转储${m.files ? '，以及文件目录' : '，文件在数据库中'}）\n`);
}

run().catch((e) => {
  process.stderr.write(`备份失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
