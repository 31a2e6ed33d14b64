import { loadConfig } from './app-config';
import { settingsView } from './settings-view';

describe('settingsView', () => {
  it('shows every behaviour-changing setting with a Chinese label and never a secret', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://plots:s3cret-pw@db.internal:6543/plots',
      JWT_SECRET: 'jwt-secret-value-0123456789abcdef0123456789',
      AUDIT_KEY: 'audit-key-value-0123456789abcdef0123456789',
      DATA_DIR: '/srv/plots',
    });
    const view = settingsView(config);
    const text = JSON.stringify(view);
    expect(text).not.toContain('s3cret-pw');
    expect(text).not.toContain('jwt-secret-value');
    expect(text).not.toContain('audit-key-value');
    expect(view.find((s) => s.key === 'database')?.value).toBe('PostgreSQL db.internal:6543/plots');
    expect(view.find((s) => s.key === 'transport.leadWorkingDays')?.value).toBe(config.transport.leadWorkingDays);
    expect(view.find((s) => s.key === 'transport.acknowledgeBeforeDispatch')).toMatchObject({
      env: 'TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH', value: 'both', label: expect.stringContaining('土壤法第四十一条'),
    });
    for (const s of view) expect(s.label).toMatch(/[\u4e00-\u9fff]/);
    for (const s of view) expect(s.env).toMatch(/^[A-Z_]+$/);
    expect(new Set(view.map((s) => s.key)).size).toBe(view.length);
  });

  it('names the embedded database and its data directory', () => {
    const view = settingsView(loadConfig({ DATA_DIR: '/tmp/plots-data', JWT_SECRET: 'x'.repeat(40) }));
    expect(view.find((s) => s.key === 'database')?.value).toBe('内置 PostgreSQL（PGlite），数据目录 /tmp/plots-data');
    expect(view.find((s) => s.key === 'dbPoolSize')?.value).toBe(1);
  });
});
