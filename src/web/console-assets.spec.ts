import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ConsoleAssets } from './console-assets';

describe('ConsoleAssets: the files of web/', () => {
  const files = new ConsoleAssets();

  it('serves the page and the listed files with their types and a content ETag', () => {
    expect(files.page.type).toBe('text/html; charset=utf-8');
    expect(files.page.body.toString('utf8')).toContain('/app/assets/js/main.js');
    expect(files.asset('js/main.js')?.type).toBe('text/javascript; charset=utf-8');
    expect(files.asset('app.css')?.type).toBe('text/css; charset=utf-8');
    expect(files.asset('app.css')?.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
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
    const scripts = readdirSync(join(files.root, 'assets'), { recursive: true }).map(String).filter((p) => p.endsWith('.js') && !isVendor(p));
    const loadsFromElsewhere = /(?:\bsrc|\bhref|\bimport|\bfrom|url)\s*[:=(]?\s*['"`]?(?:https?:)?\/\//;
    expect(loadsFromElsewhere.test(files.page.body.toString('utf8'))).toBe(false);
    for (const path of scripts) {
      expect({ path, cdn: loadsFromElsewhere.test(files.asset(path.split(sep).join('/'))!.body.toString('utf8')) }).toEqual({ path, cdn: false });
    }
  });

  // A security rule of the console: server data is text, never markup. Third-party code under vendor/ is not the
  // console's: the pages hand it DOM nodes only (web/assets/js/map/).
  it('no script of the console writes HTML from strings', () => {
    const scripts = readdirSync(join(files.root, 'assets'), { recursive: true }).map(String).filter((p) => p.endsWith('.js') && !isVendor(p));
    expect(scripts.length).toBeGreaterThan(10);
    for (const path of scripts) {
      const text = files.asset(path.split(sep).join('/'))!.body.toString('utf8');
      expect({ path, html: /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/.test(text) }).toEqual({ path, html: false });
    }
  });
});

const isVendor = (path: string) => path.split(sep)[0] === 'vendor';
