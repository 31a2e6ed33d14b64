import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/app-config';
import { resolveKeys } from '../src/config/keys';
import { demoTemplateKey, readDemoTemplate, takeDemoTemplate } from '../src/demo/demo-template';

// The fast cold start (issue 24): a fresh embedded DATA_DIR starts from the day's prepared demo database
// instead of replaying the migrations and seeding through the engine. It must be the same directory as
// one built directly: same plots and states, same audit chain heads (and a chain that verifies under
// the key the directory adopts), same filing documents and digests, same blob files.

const ROOT = join(__dirname, '..');

// Computed once: the key covers the source tree, which other work may change while the test runs.
const KEY = demoTemplateKey('2026-12-02');

async function child(mode: 'build' | 'copy', dataDir: string, cache: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', join(ROOT, 'test', 'helpers', 'swc-register.js'), join(ROOT, 'test', 'helpers', 'demo-template-child.ts'), mode, dataDir, cache, KEY],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, maxBuffer: 64 * 2 ** 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('demo template: a fresh embedded data directory starts from the prepared demo database (issue 24, cold start)', () => {
  const dirs: string[] = [];
  const mk = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a directory started from the template equals the directly seeded one: plots, audit heads, documents and their digests, blob files, no filing left to draw up; its chain verifies', async () => {
    const cache = mk('demo-template-cache-');
    const built = await child('build', mk('demo-built-'), cache);
    expect(built.prepared).toEqual({ fresh: true, key: KEY, fromTemplate: false });
    expect(built.seeded).toBe(true);
    expect(built.facts.plots.length).toBeGreaterThan(0);
    expect(built.facts.documents.length).toBeGreaterThan(0);
    expect(built.facts.verify.valid).toBe(true);

    const copy = await child('copy', mk('demo-copy-'), cache);
    expect(copy.prepared.fromTemplate).toBe(true);
    // Nothing left to do: every migration is in the template and the demo is already seeded.
    expect(copy.applied).toEqual([]);
    expect(copy.seeded).toBe(false);
    expect(copy.auditKey).toBe(built.auditKey);
    expect(copy.facts).toEqual(built.facts);
    // The template holds the seed's filing documents: a directory started from it has none left to draw up at start.
    expect(copy.facts.pendingFilings).toBe(0);
    // Two seeds through the engine on two shared cores.
  }, 900_000);

  it('the template is keyed by the day (the demo dates count from today) and by the code: another day or other code finds none', () => {
    const key = demoTemplateKey('2026-12-02');
    expect(demoTemplateKey('2026-12-03')).not.toBe(key);
    const otherCode = mk('demo-code-');
    expect(demoTemplateKey('2026-12-02', otherCode)).not.toBe(key);
    expect(readDemoTemplate(mk('demo-empty-cache-'), key)).toBeUndefined();
  });

  it('a directory whose audit key is another (AUDIT_KEY, or a kept key file) does not take the template: its chain would not verify', () => {
    const dir = mk('demo-keyed-');
    const template = { pgdata: Buffer.alloc(0), blobsDir: join(dir, 'none'), auditKey: 'a'.repeat(64) };
    expect(takeDemoTemplate(dir, template, 'b'.repeat(64))).toBeUndefined();
    resolveKeys(loadConfig({ DATA_DIR: dir }));
    expect(takeDemoTemplate(dir, template, undefined)).toBeUndefined();
    expect(takeDemoTemplate(mk('demo-unkeyed-'), template, undefined)).toBe(template);
  });
});
