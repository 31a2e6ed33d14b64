import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

describeEachDatabase('issue 23: health on @nestjs/terminus — /health (liveness) and /health/ready (database, job queue, free space in DATA_DIR)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('issue 23 (health, README Operations): /health answers 200 {status: ok} without login: the process is alive', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('issue 23 (health): /health/ready is 200 when the database answers, pg-boss has its schema and DATA_DIR has more free space than HEALTH_MIN_FREE_MB', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.jobQueue).toMatchObject({ status: 'up', enabled: true });
    expect(res.body.info.storage.status).toBe('up');
    expect(res.body.info.storage.freeBytes).toBeGreaterThan(res.body.info.storage.minFreeBytes);
    expect(res.body.info.storage.minFreeBytes).toBe(256 * 1024 * 1024);
  });

  it('issue 23 (health): without the job queue\'s schema /health/ready is 503 naming jobQueue, while /health stays 200', async () => {
    await t.ds.query('ALTER SCHEMA pgboss RENAME TO pgboss_away');
    try {
      const res = await t.http.get('/health/ready').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.error.jobQueue.status).toBe('down');
      expect(res.body.info.database.status).toBe('up');
      await t.http.get('/health').expect(200);
    } finally {
      await t.ds.query('ALTER SCHEMA pgboss_away RENAME TO pgboss');
    }
    await t.http.get('/health/ready').expect(200);
  });

  it('issue 23 (health): a DATA_DIR not made yet is made at start, and /health/ready weighs its free space', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'plots-data-parent-'));
    const dataDir = join(parent, 'not', 'made');
    const second = await startTestApp(target, { DATA_DIR: dataDir, JOBS_ENABLED: 'false' }, { resetDatabase: false });
    try {
      expect(existsSync(dataDir)).toBe(true);
      const res = await second.http.get('/health/ready').expect(200);
      expect(res.body.info.storage.status).toBe('up');
    } finally {
      await second.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('issue 23 (health, HEALTH_MIN_FREE_MB): less free space in DATA_DIR than the configured minimum makes /health/ready 503 naming storage', async () => {
    const second = await startTestApp(target, { HEALTH_MIN_FREE_MB: '1000000', JOBS_ENABLED: 'false' }, { resetDatabase: false });
    try {
      const res = await second.http.get('/health/ready').expect(503);
      expect(res.body.error.storage).toMatchObject({ status: 'down', minFreeBytes: 1000000 * 1024 * 1024 });
      expect(res.body.error.storage.freeBytes).toBeLessThan(res.body.error.storage.minFreeBytes);
      // A process without the job queue does not need it to be ready.
      expect(res.body.info.jobQueue).toMatchObject({ status: 'up', enabled: false });
    } finally {
      await second.close();
    }
  });
});
