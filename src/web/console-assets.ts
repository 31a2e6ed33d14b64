import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { consoleBundle, consoleSourceDir, type ConsoleBundle } from './console-bundle';

export interface ConsoleFile {
  body: Buffer;
  type: string;
  etag: string;
  /** Worth sending compressed (text above a packet or so): see ConsoleAssets.encoded. */
  compressible: boolean;
  /** A name with its content hash in it: cached for a year, never revalidated. */
  immutable?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
// A partial cache file older than this was left by a process that stopped while writing it.
const STALE_PARTIAL_MS = 60_000;
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);

/** What web/index.html names; the page is sent with the bundle's hashed name in its place. */
export const BUNDLE_PLACEHOLDER = '/app/assets/app.js';

type Loaded = ConsoleFile & { file?: string; mtimeMs?: number };
export type ContentEncoding = 'br' | 'gzip';

/**
 * The console's static files (`web/`), read once at start and held in memory: the set is small, and a file is served
 * only if it was listed here, so no request path can reach outside the folder. The scripts are one bundle
 * (console-bundle.ts) served as `app-<hash>.js` with its source map; the sources themselves are not served.
 * With `live` (development) a listed file is read again when it changed, and the bundle rebuilt when a source did.
 */
export class ConsoleAssets {
  private readonly assetRoot: string;
  private readonly assets = new Map<string, Loaded>();
  private index: Loaded;
  private bundle: ConsoleBundle;
  /** Compressed bodies by ETag and encoding, made on first request (see encoded). */
  private readonly compressed = new Map<string, Buffer>();
  /** The served set the cache was last pruned for: pruned once per instance, and again only when live edits change it. */
  private prunedFor = '';

  constructor(
    readonly root: string = findWebRoot(),
    private readonly live = false,
    /** Where compressed bodies are kept between starts, named by content; none when it cannot be written. */
    private readonly cacheDir: string = join(dirname(root), 'dist', 'web', 'encoded'),
  ) {
    this.assetRoot = join(root, 'assets');
    const sources = consoleSourceDir(root);
    for (const file of walk(this.assetRoot)) {
      if (file.startsWith(sources + sep)) continue;
      if (TYPES[extname(file)]) this.assets.set(relative(this.assetRoot, file).split(sep).join('/'), load(file));
    }
    this.bundle = consoleBundle(root);
    this.index = this.withBundle(this.bundle);
  }

  /** The bundle's file name (`app-<hash>.js`) and size in bytes. */
  get script(): { name: string; bytes: number } {
    return { name: this.bundle.name, bytes: this.bundle.js.length };
  }

  get page(): ConsoleFile {
    if (this.live) this.rebuildIfChanged();
    return this.index;
  }

  asset(path: string): ConsoleFile | undefined {
    if (this.live && (path === this.bundle.name || path === 'app.js')) this.rebuildIfChanged();
    const known = this.assets.get(path);
    if (!known) return undefined;
    const current = this.fresh(known);
    if (current !== known) this.assets.set(path, current);
    return current;
  }

  /**
   * The file's body in an encoding the client accepts, or undefined to send it as it is. Made on the first request for
   * it, not at start: compressing the bundle, its map and Leaflet took ~0.5 s of every start. A body once compressed is
   * kept on disk under its ETag, so a later start (of the same files) reads it instead of compressing it again.
   * The first time a body is not yet in memory, and again after a live edit, the bodies of files no longer served (an
   * older bundle, an edited file) are dropped from memory and from the disk.
   */
  encoded(file: ConsoleFile, encoding: ContentEncoding): Buffer | undefined {
    if (!file.compressible) return undefined;
    const key = `${file.etag.slice(1, -1)}.${encoding}`;
    let body = this.compressed.get(key);
    if (!body) {
      this.prune();
      body = this.readCached(key) ?? this.writeCached(key, compress(file.body, encoding));
      this.compressed.set(key, body);
    }
    return body;
  }

  /** The content tags of the files served now (their ETags without quotes). */
  private servedTags(): Set<string> {
    const tags = new Set([this.index.etag.slice(1, -1)]);
    for (const f of this.assets.values()) tags.add(f.etag.slice(1, -1));
    return tags;
  }

  /**
   * Forgets the compressed bodies of files no longer served, and deletes them from the cache folder with the partial
   * files that a stopped process left there (older than a minute: a write takes milliseconds). A body still in use by
   * another instance of other files is only compressed again by it.
   */
  private prune(): void {
    const tags = this.servedTags();
    // The set in the order it was built (the page, then the listed files): a changed file changes its tag.
    let served = '';
    for (const tag of tags) served += `${tag} `;
    if (served === this.prunedFor) return;
    this.prunedFor = served;
    for (const key of this.compressed.keys()) if (!tags.has(tagOf(key))) this.compressed.delete(key);
    let names: string[];
    try {
      names = readdirSync(this.cacheDir);
    } catch {
      return; // not made yet, or unreadable: nothing to prune
    }
    const now = Date.now();
    for (const name of names) {
      const path = join(this.cacheDir, name);
      try {
        if (name.endsWith('.partial') ? now - statSync(path).mtimeMs > STALE_PARTIAL_MS : !tags.has(tagOf(name))) rmSync(path, { force: true });
      } catch {
        // Removed meanwhile by another process, or a read-only folder: left as it is.
      }
    }
  }

  private readCached(key: string): Buffer | undefined {
    try {
      return readFileSync(join(this.cacheDir, key));
    } catch {
      return undefined;
    }
  }

  private writeCached(key: string, body: Buffer): Buffer {
    try {
      mkdirSync(this.cacheDir, { recursive: true });
      // Written whole under another name first: a start that reads the cache never sees half a file.
      const partial = join(this.cacheDir, `${key}.${process.pid}.partial`);
      writeFileSync(partial, body);
      renameSync(partial, join(this.cacheDir, key));
    } catch {
      // A read-only installation compresses once per start instead.
    }
    return body;
  }

  private withBundle(bundle: ConsoleBundle): Loaded {
    for (const [path, file] of this.assets) if (file.immutable || path === 'app.js') this.assets.delete(path);
    this.assets.set(bundle.name, made(bundle.js, '.js', true));
    this.assets.set(`${bundle.name}.map`, made(bundle.map, '.map', true));
    // The same script under a fixed name, revalidated by ETag: for a client that has only the name.
    this.assets.set('app.js', made(bundle.js, '.js', false));
    const file = join(this.root, 'index.html');
    const html = readFileSync(file, 'utf8').split(BUNDLE_PLACEHOLDER).join(`/app/assets/${bundle.name}`);
    return { ...made(Buffer.from(html), '.html', false), file, mtimeMs: statSync(file).mtimeMs };
  }

  private rebuildIfChanged() {
    const changed = Object.keys(this.bundle.inputs).some((f) => {
      const path = join(dirname(this.root), f);
      return !existsSync(path) || digestOf(readFileSync(path)) !== this.bundle.inputs[f];
    });
    const indexChanged = statSync(this.index.file!, { throwIfNoEntry: false })?.mtimeMs !== this.index.mtimeMs;
    if (changed) this.bundle = consoleBundle(this.root);
    if (changed || indexChanged) this.index = this.withBundle(this.bundle);
  }

  private fresh(f: Loaded): Loaded {
    if (!this.live || !f.file) return f;
    const mtimeMs = statSync(f.file, { throwIfNoEntry: false })?.mtimeMs;
    return mtimeMs === undefined || mtimeMs === f.mtimeMs ? f : load(f.file);
  }
}

function load(file: string): Loaded {
  return { ...made(readFileSync(file), extname(file), false), file, mtimeMs: statSync(file).mtimeMs };
}

function made(body: Buffer, ext: string, immutable: boolean): ConsoleFile {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  // Worth compressing only above a packet or so.
  const compressible = COMPRESSIBLE.has(ext) && body.length > 1024;
  return { body, type: TYPES[ext] ?? 'application/octet-stream', etag, immutable, compressible };
}

/** The content tag a cache key or file name (`<tag>.<encoding>[.<pid>.partial]`) starts with. */
function tagOf(key: string): string {
  return key.slice(0, key.indexOf('.'));
}

/** Quality 9 compresses Leaflet in ~40 ms; 11 would take ~250. */
function compress(body: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 9 });
}

function digestOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
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
