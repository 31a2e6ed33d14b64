import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** What a backup directory holds (manifest.json beside the dump). */
export interface BackupManifest {
  createdAt: string;
  /** `db`: the files are in the dump (blob tables); `dir`: also copied under files/. */
  fileStore: 'db' | 'dir';
  dump: 'database.dump';
  files?: 'files';
}

export interface BackupSource {
  databaseUrl: string;
  fileStore: 'db' | 'dir';
  /** The directory store's root (DATA_DIR/blobs), copied when fileStore is `dir`. */
  blobDir: string;
}

/** pg_dump and pg_restore: from PG_BIN, else the newest of Debian's /usr/lib/postgresql/<v>/bin, else PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN) return join(env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin', name) : name;
}

function runTool(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-8192)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}: ${err.trim()}`))));
  });
}

/**
 * A backup of one deployment into an empty directory: `pg_dump -Fc` of the database (which holds the
 * files too with FILE_STORE=db) and, with FILE_STORE=dir, a copy of the directory store. pg_dump takes
 * one consistent snapshot while the app runs; with the directory store a file written during the copy
 * may be missing from it or present without its row — take it at a quiet hour or stop the app.
 */
export async function backup(src: BackupSource, dir: string): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length) throw new Error(`备份目录 ${dir} 不是空目录`);
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), fileStore: src.fileStore, dump: 'database.dump' };
  await runTool(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(dir, manifest.dump)}`, `--dbname=${src.databaseUrl}`]);
  if (src.fileStore === 'dir') {
    manifest.files = 'files';
    // Staged uploads are not files yet.
    await cp(src.blobDir, join(dir, manifest.files), { recursive: true, filter: (p) => !p.startsWith(join(src.blobDir, 'incoming')) }).catch((e) => {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    });
  }
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const raw = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => {
    throw new Error(`${dir} 中没有 manifest.json：不是本系统的备份目录`);
  });
  return JSON.parse(raw) as BackupManifest;
}

/**
 * Restores a backup into an empty database (never over a live one: a database that already has
 * the product's tables is refused) and, when the backup holds a directory store, into `blobDir`.
 */
export async function restore(dir: string, target: { databaseUrl: string; blobDir: string; isEmpty: () => Promise<boolean> }): Promise<BackupManifest> {
  const manifest = await readManifest(dir);
  await stat(join(dir, manifest.dump));
  if (!(await target.isEmpty())) throw new Error('目标数据库已有本系统的数据表：请恢复到新建的空数据库');
  await runTool(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.databaseUrl}`, join(dir, manifest.dump)]);
  if (manifest.files) {
    await mkdir(target.blobDir, { recursive: true });
    await cp(join(dir, manifest.files), target.blobDir, { recursive: true, force: false, errorOnExist: false });
  }
  return manifest;
}

/** Whether the database at `url` has none of the product's tables yet (no migration ever ran there). */
export async function databaseIsEmpty(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT to_regclass('public.schema_migrations') IS NULL AS empty`);
    return rows[0].empty === true;
  } finally {
    await c.end();
  }
}
