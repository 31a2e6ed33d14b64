import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type AppConfig } from './app-config';

/** The secrets the app signs with: access tokens, and the links of the audit chain. */
export interface Keys {
  jwtSecret: string;
  auditKey: string;
}

export const KEYS = Symbol('KEYS');

/** Where the embedded default keeps the keys it generated (one file each, mode 0600). */
export function keyFiles(dataDir: string) {
  const dir = join(dataDir, 'keys');
  return { dir, jwtSecret: join(dir, 'jwt-secret'), auditKey: join(dir, 'audit-key') };
}

/**
 * The keys from the environment, or — on the embedded default, where
 * loadConfig let them be absent — from DATA_DIR/keys, generated on first start
 * and reused on every later one: the same data directory keeps its tokens
 * valid and its audit chain verifiable across restarts.
 */
export function resolveKeys(config: AppConfig, onGenerated?: (file: string) => void): Keys {
  const files = keyFiles(config.dataDir);
  return {
    jwtSecret: config.jwtSecret ?? keptKey(files.dir, files.jwtSecret, onGenerated),
    auditKey: config.auditKey ?? keptKey(files.dir, files.auditKey, onGenerated),
  };
}

function keptKey(dir: string, file: string, onGenerated?: (file: string) => void): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      // 'wx': of two processes starting on one directory, one writes and the other reads.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
      onGenerated?.(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A copied directory may have lost the mode: nobody else should read the key.
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    }
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < 32) throw new ConfigError([`${file} must hold a key of at least 32 characters (delete it to generate a new one)`]);
    return key;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError([`cannot keep a generated key in ${file}: ${(e as Error).message}`]);
  }
}
