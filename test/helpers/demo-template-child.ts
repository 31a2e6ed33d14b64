// Run by test/demo-template.e2e-spec.ts in a child process (node -r ./test/helpers/swc-register.js):
// PGlite is an ES module that jest's VM cannot import. Prints what the start found, as one JSON line.
//   build <DATA_DIR> <template cache> <key>   a fresh directory built (migrations, demo seed) and kept as the template
//   copy  <DATA_DIR> <template cache> <key>   a fresh directory started from that template
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, migrate } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { resolveKeys } from '../../src/config/keys';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/database/embedded';
import { DEMO_PASSWORD } from '../../src/demo/demo-directory';
import { keepDemoTemplate, prepareDemoStart } from '../../src/demo/demo-start';
import { seedDemo } from '../../src/demo/seed';
import { FilingService } from '../../src/documents/filing.service';

const silent = pino({ level: 'silent' });

interface Started {
  app: INestApplication;
  db: EmbeddedDatabase;
  applied: string[];
  seeded: boolean;
}

async function start(dataDir: string, template?: Buffer): Promise<Started> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  resolveKeys(config);
  const db = await startEmbeddedDatabase({ dataDir, maxConnections: 4, template });
  const app = await createApp(config, { url: db.url, embedded: true }, silent);
  const applied = await migrate(app);
  await app.init();
  const seeded = await seedDemo(app, silent);
  return { app, db, applied, seeded };
}

async function stop(s: Started): Promise<void> {
  await s.app.close();
  await s.db.stop();
}

/** What a person sees of the demo directory, and what its integrity rests on. */
async function facts(s: Started, dataDir: string) {
  const ds = s.app.get<DataSource>(getDataSourceToken());
  const login = await request(s.app.getHttpServer()).post('/auth/login').send({ username: 'eeb', password: DEMO_PASSWORD }).expect(200);
  const verify = await request(s.app.getHttpServer()).get('/audit/verify').set({ Authorization: `Bearer ${login.body.accessToken}` }).expect(200);
  return {
    plots: await ds.query(`SELECT id, code, name, state, version, audit_seq, audit_hash FROM plots ORDER BY code`),
    auditRows: (await ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n,
    pendingFilings: (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`))[0].n,
    documents: await ds.query(`SELECT id, number, digest, pdf_sha256 FROM documents ORDER BY number, id`),
    blobs: listFiles(join(dataDir, 'blobs')),
    verify: { valid: verify.body.valid, checked: verify.body.checked },
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length))
    .sort();
}


async function main(): Promise<void> {
  const [mode, dataDir, root, key] = process.argv.slice(2);
  const prepared = prepareDemoStart(dataDir, undefined, silent, root, key);
  const s = await start(dataDir, mode === 'copy' ? prepared.template?.pgdata : undefined);
  try {
    const auditKey = resolveKeys(loadConfig({ DATA_DIR: dataDir })).auditKey;
    // As main.ts: the seed's filings are drawn up before the template is kept.
    if (mode === 'build') await keepDemoTemplate(prepared, s.db, s.app.get(FilingService), dataDir, auditKey, silent, root);
    const found = await facts(s, dataDir);
    const out = { prepared: { fresh: prepared.fresh, key: prepared.key, fromTemplate: Boolean(prepared.template) }, applied: s.applied, seeded: s.seeded, auditKey, facts: found };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await stop(s);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
