import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ConsoleAssets } from './console-assets';
import { consoleSourceDir } from './console-bundle';

/** The console's own sources (TypeScript, and .js not converted yet), read from disk: they are bundled, not served. */
function consoleSources(root: string): { path: string; text: string }[] {
  const dir = consoleSourceDir(root);
  return readdirSync(dir, { recursive: true }).map(String).filter((p) => /\.(ts|js)$/.test(p))
    .map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') }));
}

describe('ConsoleAssets: the files of web/', () => {
  const files = new ConsoleAssets();

  it('serves the page and the listed files with their types and a content ETag', () => {
    expect(files.page.type).toBe('text/html; charset=utf-8');
    expect(files.asset('app.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(files.asset('app.css')?.type).toBe('text/css; charset=utf-8');
    expect(files.asset('app.css')?.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('the page loads the one bundle by its hashed name, cached for good, compressed, with its source map; the sources are not served', () => {
    const { name, bytes } = files.script;
    expect(name).toMatch(/^app-[A-Z0-9]{8}\.js$/);
    const html = files.page.body.toString('utf8');
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script type="module" src="/app/assets/${name}">`]);
    const bundle = files.asset(name)!;
    expect(bundle).toMatchObject({ type: 'text/javascript; charset=utf-8', immutable: true });
    expect(bundle.body.length).toBe(bytes);
    expect(gunzipSync(files.encoded(bundle, 'gzip')!).equals(bundle.body)).toBe(true);
    expect(brotliDecompressSync(files.encoded(bundle, 'br')!).equals(bundle.body)).toBe(true);
    expect(files.encoded(bundle, 'br')!.length).toBeLessThan(bundle.body.length / 2);
    expect(bundle.body.toString('utf8').trimEnd().endsWith(`//# sourceMappingURL=${name}.map`)).toBe(true);
    const map = JSON.parse(files.asset(`${name}.map`)!.body.toString('utf8')) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith('main.ts') || s.endsWith('main.js'))).toBe(true);
    expect(files.asset('js/main.js')).toBeUndefined();
    expect(files.asset('js/format.js')).toBeUndefined();
  });

  it('compresses a file on its first request, not at start, and keeps it on disk by content for the next start', () => {
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'console-encoded-')), 'encoded');
    try {
      const first = new ConsoleAssets(files.root, false, cacheDir);
      expect(existsSync(cacheDir)).toBe(false);
      const leaflet = first.asset('vendor/leaflet/leaflet.js')!;
      const br = first.encoded(leaflet, 'br')!;
      expect(brotliDecompressSync(br).equals(leaflet.body)).toBe(true);
      const kept = `${leaflet.etag.slice(1, -1)}.br`;
      expect(readdirSync(cacheDir)).toEqual([kept]);
      // The next start reads what was kept (marked here, to tell it from a fresh compression) instead of compressing.
      writeFileSync(join(cacheDir, kept), Buffer.from('kept'));
      const second = new ConsoleAssets(files.root, false, cacheDir);
      expect(second.encoded(second.asset('vendor/leaflet/leaflet.js')!, 'br')!.toString()).toBe('kept');
      // Images and small files are sent as they are.
      expect(second.encoded(second.asset('vendor/leaflet/images/layers.png')!, 'br')).toBeUndefined();
    } finally {
      rmSync(dirname(cacheDir), { recursive: true, force: true });
    }
  });

  it('drops from the cache folder the bodies of files no longer served and partial files a stopped process left', () => {
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'console-encoded-')), 'encoded');
    try {
      mkdirSync(cacheDir);
      const assets = new ConsoleAssets(files.root, false, cacheDir);
      const css = assets.asset('vendor/leaflet/leaflet.css')!;
      const served = `${css.etag.slice(1, -1)}.gzip`;
      const stale = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA.br'; // an older bundle's body
      const leftPartial = `${css.etag.slice(1, -1)}.br.4242.partial`;
      const writing = `${css.etag.slice(1, -1)}.gzip.4343.partial`; // another process writing now
      for (const name of [served, stale, leftPartial, writing]) writeFileSync(join(cacheDir, name), 'x');
      const old = new Date(Date.now() - 5 * 60_000);
      utimesSync(join(cacheDir, leftPartial), old, old);
      utimesSync(join(cacheDir, stale), old, old);
      assets.encoded(assets.asset('vendor/leaflet/leaflet.js')!, 'br');
      const leaflet = `${assets.asset('vendor/leaflet/leaflet.js')!.etag.slice(1, -1)}.br`;
      expect(readdirSync(cacheDir).sort()).toEqual([served, writing, leaflet].sort());
      // What was kept is still read, not compressed again.
      expect(assets.encoded(css, 'gzip')!.toString()).toBe('x');
      // The folder is pruned once for a set of served files, not on every first request of a file.
      writeFileSync(join(cacheDir, stale), 'x');
      assets.encoded(assets.asset('app.css')!, 'gzip');
      expect(readdirSync(cacheDir)).toContain(stale);
    } finally {
      rmSync(dirname(cacheDir), { recursive: true, force: true });
    }
  });

  it('still compresses when the cache folder cannot be written (a read-only installation)', () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'console-encoded-')), 'a-file');
    writeFileSync(blocker, '');
    try {
      const assets = new ConsoleAssets(files.root, false, join(blocker, 'encoded'));
      const css = assets.asset('vendor/leaflet/leaflet.css')!;
      expect(gunzipSync(assets.encoded(css, 'gzip')!).equals(css.body)).toBe(true);
    } finally {
      rmSync(dirname(blocker), { recursive: true, force: true });
    }
  });

  it.each(['../index.html', '../../package.json', 'js/../../index.html', '/etc/passwd', 'js', 'nothing.js', ''])(
    'serves nothing for %j (only files listed at start exist)',
    (path) => {
      expect(files.asset(path)).toBeUndefined();
    },
  );

  it('serves Leaflet from the app itself, never a CDN: the script, its stylesheet, its images and its licence beside them', () => {
    expect(files.asset('vendor/leaflet/leaflet.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(files.asset('vendor/leaflet/leaflet.js')?.body.toString('utf8')).toContain('Leaflet 1.9.4');
    expect(files.asset('vendor/leaflet/leaflet.css')?.type).toBe('text/css; charset=utf-8');
    expect(files.asset('vendor/leaflet/images/layers.png')?.type).toBe('image/png');
    expect(readFileSync(join(files.root, 'assets', 'vendor', 'leaflet', 'LICENSE'), 'utf8')).toContain('BSD 2-Clause');
    const loadsFromElsewhere = /(?:\bsrc|\bhref|\bimport|\bfrom|url)\s*[:=(]?\s*['"`]?(?:https?:)?\/\//;
    expect(loadsFromElsewhere.test(files.page.body.toString('utf8'))).toBe(false);
    for (const { path, text } of consoleSources(files.root)) {
      expect({ path, cdn: loadsFromElsewhere.test(text) }).toEqual({ path, cdn: false });
    }
  });

  // A security rule of the console: server data is text, never markup. Third-party code under vendor/ is not the
  // console's: the pages hand it DOM nodes only (the console's map/ folder).
  it('no script of the console writes HTML from strings', () => {
    const scripts = [...consoleSources(files.root), { path: files.script.name, text: files.asset(files.script.name)!.body.toString('utf8') }];
    expect(scripts.length).toBeGreaterThan(10);
    for (const { path, text } of scripts) {
      expect({ path, html: /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/.test(text) }).toEqual({ path, html: false });
    }
  });
});
