import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot } from './factories/plots';

const PLOTS = 100_000;
// A generous bound on a shared machine; bench/queries.ts measures the p95 (target 20 ms) on a quiet one.
const BOUND_MS = 1500;

/**
 * The supervisor's list at the registry's scale (issue 22; 100k plots, each with an open duty): 1 % of them in the
 * district 410106, the rest in 410182, so that the district's walk by due date skips 99 rows of every hundred.
 */
describeEachDatabase('supervision at scale', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-06-01');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    const template = await registerPlot(t);
    await t.ds.query(
      `INSERT INTO plots (id, code, name, address, jurisdiction_code, area_m2, former_industry, current_use, planned_use,
         planned_land_class, holder_organisation_id, machine_name, machine_version, state, snapshot, created_by)
       SELECT gen_random_uuid(), 'SCALE-' || g, '规模地块 ' || g, p.address, CASE WHEN g % 100 = 0 THEN '410106' ELSE '410182' END,
              p.area_m2, p.former_industry, p.current_use, p.planned_use, p.planned_land_class, p.holder_organisation_id,
              p.machine_name, p.machine_version, p.state, p.snapshot, p.created_by
         FROM plots p, generate_series(1, $2::int) g WHERE p.id = $1`,
      [template.id, PLOTS],
    );
    await t.ds.query(
      `INSERT INTO deadlines (plot_id, kind, due_date, status, opened_at)
       SELECT p.id, 'investigation_notice', DATE '2026-06-01' + (substr(p.code, 7)::int % 121 - 60), 'open', now()
         FROM plots p WHERE p.code LIKE 'SCALE-%'`,
    );
    await t.ds.query('ANALYZE plots');
    await t.ds.query('ANALYZE deadlines');
  }, 300_000);
  afterAll(() => t?.close());

  async function timed(path: string, as: string) {
    await t.http.get(path).set(await t.as(as)).expect(200);
    const started = Date.now();
    const res = await t.http.get(path).set(await t.as(as)).expect(200);
    const ms = Date.now() - started;
    console.log(`[${target.name}] ${as} ${path} over ${PLOTS} open duties: ${ms} ms`);
    return { body: res.body, ms };
  }

  it('a district bureau pages through its 1,000 open duties earliest first, overdue read as of today, within the bound', async () => {
    const first = await timed('/supervision/duties', 'eeb');
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items.every((d: { jurisdictionCode: string }) => d.jurisdictionCode === '410106')).toBe(true);
    expect(first.body.items[0]).toMatchObject({ daysLeft: -60, overdue: true });
    expect(first.ms).toBeLessThan(BOUND_MS);
    const last = await timed('/supervision/duties?page=20', 'eeb');
    expect(last.body.items.length).toBeGreaterThan(0);
    expect(last.ms).toBeLessThan(BOUND_MS);
    const soon = await timed('/supervision/duties?daysLeft=7', 'eeb');
    expect(soon.body.items.every((d: { daysLeft: number }) => d.daysLeft >= 0 && d.daysLeft <= 7)).toBe(true);
    expect(soon.ms).toBeLessThan(BOUND_MS);
  });

  it('a city bureau’s first page over the whole 100k, and the district’s figures, within the bound', async () => {
    const city = await timed('/supervision/duties?overdue=true', 'eeb-city');
    expect(city.body.items).toHaveLength(50);
    expect(city.body.hasMore).toBe(true);
    expect(city.ms).toBeLessThan(BOUND_MS);
    const figures = await timed('/supervision/figures', 'eeb');
    expect(figures.body.open).toBe(PLOTS / 100);
    expect(figures.ms).toBeLessThan(BOUND_MS);
  });
});
