import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { blobDirectory } from '../reports/blob-store-config';
import { databaseIsEmpty, restore } from '../database/backup';

/** `npm run restore -- <dir>`: the backup into the empty database at DATABASE_URL, and its files into DATA_DIR. */
async function run() {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('用法：npm run restore -- <备份目录>（DATABASE_URL 指向新建的空数据库）\n');
    process.exit(2);
  }
  const config = loadConfig();
  const url = config.databaseUrl;
  if (!url) {
    process.stderr.write('请用 DATABASE_URL 指定要恢复到的新建空数据库\n');
    process.exit(2);
  }
  const m = await restore(resolve(dir), { databaseUrl: url, blobDir: blobDirectory(config.dataDir), isEmpty: () => databaseIsEmpty(url) });
  process.stdout.write(
    `恢复完成（备份时间 ${m.createdAt}）。启动应用后请以管理员身份核验审计链（GET /audit/verify），` +
      `并运行 npm run files:move -- --to ${m.fileStore} 核对每个文件的摘要。\n`,
  );
}

run().catch((e) => {
  process.stderr.write(`恢复失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
