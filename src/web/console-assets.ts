import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';

export interface ConsoleFile {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The console's static files (`web/`), read once at start and held in memory:
 * the set is small, and a file is served only if it was listed here, so no
 * request path can reach outside the folder. With `live` (development) a
 * listed file is read again when it changed, so edits show without a restart.
 */
export class ConsoleAssets {
  private readonly assetRoot: string;
  private readonly assets = new Map<string, ConsoleFile & { file: string; mtimeMs: number }>();
  private readonly index: ConsoleFile & { file: string; mtimeMs: number };

  constructor(
    readonly root: string = findWebRoot(),
    private readonly live = false,
  ) {
    this.assetRoot = join(root, 'assets');
    this.index = load(join(root, 'index.html'));
    for (const file of walk(this.assetRoot)) {
      if (TYPES[extname(file)]) this.assets.set(relative(this.assetRoot, file).split(sep).join('/'), load(file));
    }
  }

  get page(): ConsoleFile {
    return this.fresh(this.index);
  }

  asset(path: string): ConsoleFile | undefined {
    const known = this.assets.get(path);
    if (!known) return undefined;
    const current = this.fresh(known);
    if (current !== known) this.assets.set(path, current);
    return current;
  }

  private fresh<T extends ConsoleFile & { file: string; mtimeMs: number }>(f: T): T {
    if (!this.live) return f;
    const mtimeMs = statSync(f.file, { throwIfNoEntry: false })?.mtimeMs;
    return mtimeMs === undefined || mtimeMs === f.mtimeMs ? f : (load(f.file) as T);
  }
}

function load(file: string) {
  const body = readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, type: TYPES[extname(file)] ?? 'application/octet-stream', etag, file, mtimeMs: statSync(file).mtimeMs };
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `web/` beside package.json: two levels up from src/web, three from dist/src/web. */
function findWebRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'web', 'index.html')) && existsSync(join(dir, 'package.json'))) return join(dir, 'web');
    dir = dirname(dir);
  }
  throw new Error(`web console files not found above ${__dirname} (expected web/index.html beside package.json)`);
}
