import type { DataSource, QueryRunner } from 'typeorm';
import type { Principal } from '../src/auth/principal';
import { KeyUnitsRepository } from '../src/key-units/key-units.repository';
import { MonitoringRepository } from '../src/monitoring/monitoring.repository';
import { RegistersRepository } from '../src/registers/registers.repository';
import { ScreeningRepository } from '../src/screening/screening.repository';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * The plans of the lists bench:queries reads at scale (issue 24), asserted on their plan, not on a timing: each table
 * gets 20,000 rows, is analysed, and the statements the repository itself sends (captured from its DataSource, with
 * their parameters) are explained. A plan that reads the whole table and sorts it would pass a timing on a small
 * database; it fails here. The same planner runs in the embedded database (PGlite is PostgreSQL 17) and in PostgreSQL.
 */
const ROWS = 20_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The statements `work` sends through the app's DataSource, with their parameters. */
async function statementsOf(ds: DataSource, work: () => Promise<unknown>): Promise<Array<{ sql: string; params: unknown[] }>> {
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const original = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = ((mode?: 'master' | 'slave') => {
    const runner: QueryRunner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, params?: unknown[], ...rest: unknown[]) => {
      seen.push({ sql, params: params ?? [] });
      return (query as (...a: unknown[]) => Promise<unknown>)(sql, params, ...rest);
    }) as QueryRunner['query'];
    return runner;
  }) as DataSource['createQueryRunner'];
  try {
    await work();
  } finally {
    ds.createQueryRunner = original;
  }
  return seen;
}

async function planOf(ds: DataSource, s: { sql: string; params: unknown[] }): Promise<PlanNode[]> {
  const [row] = await ds.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params);
  const json = typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
  return nodes(json[0].Plan as PlanNode);
}

const scans = (plan: PlanNode[]) => plan.filter((n) => /Scan/.test(n['Node Type'])).map((n) => `${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']}`);

describeEachDatabase('Query plans at scale (issue 24): the key-unit list and the open warnings read their indexes', (target) => {
  let t: TestApp;
  const province = { role: 'eeb', jurisdictionCode: '410000' } as Principal;
  const district = { role: 'eeb', jurisdictionCode: '410106' } as Principal;
  const admin = { role: 'admin', jurisdictionCode: null } as Principal;

  beforeAll(async () => {
    t = await startTestApp(target);
    const org = t.demo.organisations.holder;
    const user = t.demo.users.eeb;
    await t.ds.query(
      `INSERT INTO key_units (id, credit_code, name, industry, organisation_id, jurisdiction_code, address, listed_on, machine_name,
         machine_version, state, snapshot, created_by)
       SELECT gen_random_uuid(), '91' || lpad(g::text, 16, '0'), '计划测试重点监管单位 ' || lpad(g::text, 5, '0'), 'chemical', $1,
              CASE WHEN g % 2 = 0 THEN '410106' ELSE '410182' END, '测试路 ' || g || ' 号', current_date, 'key-unit', 1, 'listed',
              '{}'::jsonb, $2
         FROM generate_series(1, $3::int) g`,
      [org, user, ROWS],
    );
    await t.ds.query(
      `INSERT INTO monitoring_points (id, code, name, kind, media, lon, lat, land, crop, frequency_years, responsible_organisation_id,
         jurisdiction_code, next_due_on, created_by)
       SELECT gen_random_uuid(), 'QP-' || g, '计划测试点位 ' || g, 'risk', ARRAY['soil'], 113.0 + (g % 100) * 0.001, 34.0 + (g / 100) * 0.001,
              'farmland', 'other', 1, $1, '410106', current_date, $2
         FROM generate_series(1, $3::int) g`,
      [t.demo.organisations.eeb, user, ROWS / 10],
    );
    // Warnings on each point, nine in ten closed (warnings are closed over the years, few stay open): the open ones are the index's rows.
    await t.ds.query(
      `INSERT INTO monitoring_warnings (id, point_id, cas, analyte, factor, rule, jurisdiction_code, machine_name, machine_version, state,
         snapshot, created_by, created_at)
       SELECT gen_random_uuid(), p.id, '7440-43-9', '镉', 1.2, 'aboveScreening', '410106', 'monitoring-warning', 1,
              CASE WHEN n % 10 = 0 THEN 'raised' ELSE 'closed' END, '{}'::jsonb, p.created_by, now() - n * interval '1 minute'
         FROM (SELECT id, created_by, row_number() OVER (ORDER BY code) AS n FROM monitoring_points WHERE code LIKE 'QP-%') p
        CROSS JOIN generate_series(1, 10) r`,
    );
    // A register's reports (名录, issue 24): 400 investigations, each with the summaries of 50 analytes, on a demo plot.
    const [plot] = await t.ds.query(
      `INSERT INTO plots (code, name, address, jurisdiction_code, area_m2, former_industry, current_use, planned_use, planned_land_class,
                          holder_organisation_id, machine_name, machine_version, state, snapshot)
       VALUES ('QP-PLOT', '计划测试地块', '测试路 1 号', '410106', 1000, '化工', '工业', '工业', 2, $1, 'plot-lifecycle', 1, 'suspected', '{}')
       RETURNING id`,
      [org],
    );
    const author = { orgId: org, userId: user };
    await t.ds.query(
      `INSERT INTO reports (plot_id, kind, author_organisation_id, uploaded_by, file_sha256, file_size, file_name, pages, sample_count)
       SELECT $1, 'detailed_investigation', $2, $3, repeat('a', 64), 1024, 'qp-' || lpad(g::text, 4, '0') || '.pdf', 1, 50
         FROM generate_series(1, $4::int) g`,
      [plot.id, author.orgId, author.userId, ROWS / 50],
    );
    await t.ds.query(
      `INSERT INTO sample_summaries (report_id, medium, cas, n, n_detected, max_detected)
       SELECT r.id, m.medium, 'QP-' || c, 3, 2, c * 0.5
         FROM reports r CROSS JOIN generate_series(1, 50) c CROSS JOIN (VALUES ('soil'), ('groundwater')) m (medium)
        WHERE r.file_name LIKE 'qp-%'`,
    );
    // Deadlines of 2,000 plots (issue 24): ten open monitoring-report deadlines each, and on one plot in a hundred two
    // aftercare obligations, one of them overdue — the aftercare watch list's rows are few among many open deadlines.
    await t.ds.query(
      `INSERT INTO plots (code, name, address, jurisdiction_code, area_m2, former_industry, current_use, planned_use, planned_land_class,
                          holder_organisation_id, machine_name, machine_version, state, snapshot)
       SELECT 'QP-D-' || lpad(g::text, 5, '0'), '计划测试期限地块 ' || g, '测试路', '410106', 1000, '化工', '工业', '工业', 2, $1,
              'plot-lifecycle', 1, CASE WHEN g % 100 = 0 THEN 'released' ELSE 'suspected' END, '{}'
         FROM generate_series(1, $2::int) g`,
      [org, ROWS / 10],
    );
    await t.ds.query(
      `INSERT INTO deadlines (plot_id, kind, due_date, status, opened_at)
       SELECT p.id, 'monitoring_report', current_date + n * 30, 'open', now()
         FROM plots p CROSS JOIN generate_series(1, 10) n WHERE p.code LIKE 'QP-D-%'
       UNION ALL
       SELECT p.id, 'aftercare', current_date + (n * 90 - 100), CASE WHEN n = 1 THEN 'overdue' ELSE 'open' END, now()
         FROM plots p CROSS JOIN generate_series(1, 2) n WHERE p.code LIKE 'QP-D-%' AND p.state = 'released'`,
    );
    await t.ds.query('VACUUM ANALYZE plots');
    await t.ds.query('VACUUM ANALYZE deadlines');
    await t.ds.query('VACUUM ANALYZE reports');
    await t.ds.query('VACUUM ANALYZE sample_summaries');
    await t.ds.query('VACUUM ANALYZE key_units');
    await t.ds.query('VACUUM ANALYZE monitoring_warnings');
    await t.ds.query('VACUUM ANALYZE monitoring_points');
  }, 180_000);
  afterAll(() => t?.close());

  it('the key-unit list of a province (上政文〔2017〕147号 三（二）1 名录) pages its 20,000 units in name order from key_units_list_idx, not a scan and sort', async () => {
    const repo = t.app.get(KeyUnitsRepository);
    for (const who of [province, admin]) {
      const statements = await statementsOf(t.ds, () => repo.list(who, { page: 3, pageSize: 50 }));
      const page = statements.find((s) => /ORDER BY k\.name/.test(s.sql));
      expect(page).toBeDefined();
      const plan = await planOf(t.ds, page!);
      expect({ who: who.role, scans: scans(plan) }).toEqual({ who: who.role, scans: expect.arrayContaining([expect.stringMatching(/^Index Only Scan key_units_list_idx$/)]) });
      expect(scans(plan)).not.toContain('Seq Scan key_units');
      // Only the page's 50 rows are sorted again after the join: nothing under the LIMIT sorts.
      const limit = plan.find((n) => n['Node Type'] === 'Limit');
      expect(limit).toBeDefined();
      expect(nodes(limit!).map((n) => n['Node Type'])).not.toContain('Sort');
    }
    // The page is the right one: the 101st to 150th unit by name.
    const { items, total } = await repo.list(admin, { page: 3, pageSize: 50 });
    expect(total).toBe(ROWS);
    expect(items.map((u) => u.name)).toEqual(Array.from({ length: 50 }, (_, i) => `计划测试重点监管单位 ${String(101 + i).padStart(5, '0')}`));
  });

  it('a district\'s open warnings (预警, issue 20) are paged newest first from monitoring_warnings_open_idx without reading the points or the closed warnings', async () => {
    const repo = t.app.get(MonitoringRepository);
    const statements = await statementsOf(t.ds, () => repo.warnings(district, { open: true, page: 4, pageSize: 50 }));
    const page = statements.find((s) => /ORDER BY w\.created_at DESC/.test(s.sql));
    expect(page).toBeDefined();
    const plan = await planOf(t.ds, page!);
    expect(scans(plan)).toContain('Index Only Scan monitoring_warnings_open_idx');
    expect(scans(plan)).not.toContain('Seq Scan monitoring_warnings');
    expect(scans(plan)).not.toContain('Seq Scan monitoring_points');
    const count = statements.find((s) => /count\(\*\)/.test(s.sql));
    expect(count!.sql).not.toMatch(/monitoring_points/);
    const counted = scans(await planOf(t.ds, count!));
    // Counted from an index of open warnings (an index-only or a bitmap read of the open ones), never the whole table.
    expect({ counted, byIndex: counted.some((s) => /Scan monitoring_warnings_(open|pattern)_idx$/.test(s)) }).toEqual({ counted, byIndex: true });
    expect(counted).not.toContain('Seq Scan monitoring_warnings');
    const { items, total } = await repo.warnings(district, { open: true, page: 4, pageSize: 50 });
    expect(total).toBe(ROWS / 10);
    expect(items).toHaveLength(50);
    expect(items.every((w) => w.state === 'raised')).toBe(true);
    const times = items.map((w) => new Date(w.createdAt as unknown as string).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('a register page\'s figures (名录, 上政文〔2017〕147号 三（二）2) read each report\'s summaries by sample_summaries_pkey, not a scan of every summary', async () => {
    const repo = t.app.get(ScreeningRepository);
    const ids: string[] = (await t.ds.query(`SELECT id FROM reports WHERE file_name LIKE 'qp-%' ORDER BY file_name LIMIT 50`)).map((r: { id: string }) => r.id);
    const statements = await statementsOf(t.ds, () => repo.maxima(ids, ['detailed_investigation']));
    const plan = scans(await planOf(t.ds, statements[0]));
    // An index scan or a bitmap of the key: either reads only the pages of the named reports.
    expect(plan.some((scan) => /^(Bitmap )?Index Scan sample_summaries_pkey$/.test(scan))).toBe(true);
    expect(plan).not.toContain('Seq Scan sample_summaries');
    // The figures themselves: the soil maxima of each analyte, on the one plot, not the groundwater's.
    const maxima = await repo.maxima(ids, ['detailed_investigation']);
    expect(maxima).toHaveLength(50);
    expect(maxima.find((m) => m.cas === 'QP-7')).toMatchObject({ max: 3.5 });
    expect(await repo.maxima(ids, ['preliminary_investigation'])).toEqual([]);
  });

  it('the aftercare watch list (后期管理, 土壤法第四十二条) reads its open obligations from deadlines_aftercare_open_idx, not every open deadline', async () => {
    const repo = t.app.get(RegistersRepository);
    const statements = await statementsOf(t.ds, () => repo.aftercare('410106', 500));
    const plan = scans(await planOf(t.ds, statements[0]));
    expect(plan.some((scan) => /^(Bitmap )?Index (Only )?Scan deadlines_aftercare_open_idx$/.test(scan))).toBe(true);
    expect(plan).not.toContain('Seq Scan deadlines');
    // The list itself: the 20 released plots, each with two open obligations and one overdue, overdue first.
    const rows = await repo.aftercare('410106', 500);
    const ours = rows.filter((r) => r.code.startsWith('QP-D-'));
    expect(ours).toHaveLength(ROWS / 10 / 100);
    expect(ours.every((r) => r.open === 2 && r.overdue === 1)).toBe(true);
  });
});
