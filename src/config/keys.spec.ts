import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { keyFiles, resolveKeys } from './keys';

const dataDir = () => mkdtempSync(join(tmpdir(), 'plots-keys-'));

describe('keys', () => {
  it('hardening #10: on the embedded default each key is generated once at random in DATA_DIR/keys with mode 0600, and reused on restart', () => {
    const dir = dataDir();
    const generated: string[] = [];
    const first = resolveKeys(loadConfig({ DATA_DIR: dir }), (f) => generated.push(f));
    const files = keyFiles(dir);
    expect(generated.sort()).toEqual([files.auditKey, files.jwtSecret].sort());
    for (const file of [files.jwtSecret, files.auditKey]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.auditKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.auditKey).not.toBe(first.jwtSecret);
    expect(readFileSync(files.jwtSecret, 'utf8').trim()).toBe(first.jwtSecret);

    const again: string[] = [];
    expect(resolveKeys(loadConfig({ DATA_DIR: dir }), (f) => again.push(f))).toEqual(first);
    expect(again).toEqual([]);
    // Another data directory gets keys of its own: nothing is shared through the source.
    expect(resolveKeys(loadConfig({ DATA_DIR: dataDir() })).jwtSecret).not.toBe(first.jwtSecret);
  });

  it('keys from the environment win and nothing is written', () => {
    const dir = dataDir();
    const keys = resolveKeys(loadConfig({ DATA_DIR: dir, JWT_SECRET: 'j'.repeat(40), AUDIT_KEY: 'a'.repeat(40) }));
    expect(keys).toEqual({ jwtSecret: 'j'.repeat(40), auditKey: 'a'.repeat(40) });
    expect(() => statSync(keyFiles(dir).dir)).toThrow();
  });

  it('a kept key file that lost its mode is made private again; a truncated one is a configuration error', () => {
    const dir = dataDir();
    resolveKeys(loadConfig({ DATA_DIR: dir }));
    const { jwtSecret, auditKey } = keyFiles(dir);
    chmodSync(jwtSecret, 0o644);
    resolveKeys(loadConfig({ DATA_DIR: dir }));
    expect(statSync(jwtSecret).mode & 0o777).toBe(0o600);
    writeFileSync(auditKey, 'short\n');
    expect(() => resolveKeys(loadConfig({ DATA_DIR: dir }))).toThrow(ConfigError);
  });
});
