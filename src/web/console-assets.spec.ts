import { readdirSync } from 'node:fs';
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

  // A security rule of the console: server data is text, never markup.
  it('no script of the console writes HTML from strings', () => {
    const scripts = readdirSync(join(files.root, 'assets'), { recursive: true }).map(String).filter((p) => p.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(10);
    for (const path of scripts) {
      const text = files.asset(path.split(sep).join('/'))!.body.toString('utf8');
      expect({ path, html: /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/.test(text) }).toEqual({ path, html: false });
    }
  });
});
