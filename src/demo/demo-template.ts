import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../reference/reference-files';
import { keyFiles } from '../config/keys';

// A fresh embedded data directory would replay every migration and seed the demo plots through the
// engine (tens of seconds on two shared cores). The first such start leaves what it built here — the
// PGlite data directory as a tarball, the blob files and the audit key the chain was written under —
// and later fresh directories start from a copy. The cache sits in dist/ (per checkout, not in git,
// gone with a clean build): it is derived from the code like the compiled files beside it, and it is
// never inside DATA_DIR, which a person copies, backs up or moves to PostgreSQL.

/** One prepared demo directory: what a fresh DATA_DIR is given instead of being built. */
export interface DemoTemplate {
  /** PGlite's dumpDataDir('none') of the migrated and seeded database (a tarball). */
  pgdata: Buffer;
  /** DATA_DIR/blobs of that start (the demo documents, FILE_STORE=dir). */
  blobsDir: string;
  /** The audit key the seeded chain is keyed with; the new directory adopts it. */
  auditKey: string;
}

export function demoTemplateRoot(projectRoot: string = findProjectRoot()): string {
  return join(projectRoot, 'dist', 'demo-template');
}

/** Whether DATA_DIR holds no embedded database yet. */
export function isFreshDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
}

/**
 * What the seeded directory depends on: the running code (migrations, engine, workflows, document
 * templates), the reference data, the PGlite build, and the day — the demo's deadlines and dates
 * count from today (China Standard Time), so yesterday's template is not used.
 */
export function demoTemplateKey(today: string, codeRoot: string = join(__dirname, '..', '..'), projectRoot: string = findProjectRoot()): string {
  const hash = createHash('sha256');
  hash.update(`demo-template:v2\n${today}\n`);
  const pglite = join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  if (existsSync(pglite)) hash.update(readFileSync(pglite));
  for (const dir of [join(codeRoot, 'src'), join(codeRoot, 'workflows'), join(codeRoot, 'templates'), join(projectRoot, 'reference')]) {
    hashTree(hash, dir, dir);
  }
  return hash.digest('hex').slice(0, 32);
}

function hashTree(hash: ReturnType<typeof createHash>, root: string, dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) hashTree(hash, root, path);
    else if (e.isFile() && !e.name.endsWith('.map')) hash.update(`${path.slice(root.length)}\n`).update(readFileSync(path));
  }
}

/** The template of this key, when one was left by an earlier start. */
export function readDemoTemplate(root: string, key: string): DemoTemplate | undefined {
  const dir = join(root, key);
  try {
    return {
      pgdata: readFileSync(join(dir, 'pgdata.tar')),
      blobsDir: join(dir, 'blobs'),
      auditKey: readFileSync(join(dir, 'audit-key'), 'utf8').trim(),
    };
  } catch {
    return undefined;
  }
}

/**
 * Keeps a template under its key: built in a temporary folder and renamed into place, so that a
 * reader sees all of it or none; templates of other keys (older code, other days) are removed.
 */
export function writeDemoTemplate(root: string, key: string, t: { pgdata: Buffer; dataDir: string; auditKey: string }): void {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const tmp = join(root, `.${key}.${process.pid}.${Date.now()}`);
  mkdirSync(tmp, { mode: 0o700 });
  try {
    writeFileSync(join(tmp, 'pgdata.tar'), t.pgdata, { mode: 0o600 });
    const blobs = join(t.dataDir, 'blobs');
    if (existsSync(blobs)) cpSync(blobs, join(tmp, 'blobs'), { recursive: true });
    else mkdirSync(join(tmp, 'blobs'));
    writeFileSync(join(tmp, 'audit-key'), `${t.auditKey}\n`, { mode: 0o600 });
    if (existsSync(join(root, key))) return;
    renameSync(tmp, join(root, key));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const name of readdirSync(root)) {
    if (name !== key && !name.startsWith('.')) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/**
 * Prepares a fresh DATA_DIR to start from the template: its blob files are copied in and, unless
 * the directory already has an audit key (kept file or AUDIT_KEY), the template's key is kept as
 * the directory's, so that the seeded chain verifies. Returns the template when it may be used:
 * not when the directory's audit key is another one (the chain would not verify under it).
 */
export function takeDemoTemplate(dataDir: string, template: DemoTemplate, envAuditKey: string | undefined): DemoTemplate | undefined {
  const files = keyFiles(dataDir);
  const existing = envAuditKey ?? (existsSync(files.auditKey) ? readFileSync(files.auditKey, 'utf8').trim() : undefined);
  if (existing !== undefined && existing !== template.auditKey) return undefined;
  if (existing === undefined) {
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(files.auditKey, `${template.auditKey}\n`, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another process on the same directory chose first.
      if (readFileSync(files.auditKey, 'utf8').trim() !== template.auditKey) return undefined;
    }
  }
  if (existsSync(template.blobsDir) && statSync(template.blobsDir).isDirectory()) {
    cpSync(template.blobsDir, join(dataDir, 'blobs'), { recursive: true, force: false, errorOnExist: false });
  }
  return template;
}
