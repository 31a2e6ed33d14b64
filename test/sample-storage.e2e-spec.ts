import type { SampleRow } from '../src/evidence/sample-csv';
import { ReportsRepository } from '../src/reports/reports.repository';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { registerPlot } from './factories/plots';

// Samples go in by COPY on PostgreSQL and by batched inserts on the embedded database:
// both must store exactly what was read, and nothing when the database refuses a row.
describeEachDatabase('storing sample rows', (target) => {
  let t: TestApp;
  let repo: ReportsRepository;
  let plotId: string;
  beforeAll(async () => {
    t = await startTestApp(target);
    repo = t.app.get(ReportsRepository);
    plotId = (await registerPlot(t)).id;
  });
  afterAll(() => t?.close());

  const row = (line: number, over: Partial<SampleRow> = {}): SampleRow => ({
    sampleId: `S${line}`,
    x: 113.29,
    y: 34.81,
    depthM: 0.2,
    cas: '7440-38-2',
    analyteName: '砷',
    medium: 'soil',
    value: 15.3,
    detected: true,
    unit: 'mg/kg',
    detectionLimit: 0.01,
    line,
    ...over,
  });

  function store(rows: SampleRow[]) {
    return repo.transaction(async (em) => {
      const id = await repo.insert(em, {
        plotId,
        kind: 'preliminary_investigation',
        authorOrganisationId: t.demo.organisations.consultant,
        uploadedBy: t.demo.users.consultant,
        fileSha256: 'a'.repeat(64),
        fileSize: 1,
        fileName: 'r.pdf',
        pages: 1,
        conclusion: {},
        sampleCount: rows.length,
        screening: null,
      });
      await repo.insertSamples(em, id, plotId, rows);
      return id;
    });
  }

  const count = async (table: 'reports' | 'samples') =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE plot_id = $1`, [plotId]))[0].n;

  it('stores every column as read: exact doubles, not-detected as null, backslashes and quotes in a sample id', async () => {
    const rows = [
      row(2, { sampleId: 'S\\1 "a",b', x: 113.29012345678901, y: 34.000000000000014, depthM: 0.1 + 0.2, value: 1e-7 }),
      row(3, { value: null, detected: false, detectionLimit: 0.05 }),
      row(5, { sampleId: 'S\\N', cas: '108-38-3;106-42-3', analyteName: '间二甲苯+对二甲苯', value: 1234567.125 }),
    ];
    const id = await store(rows);
    const stored = await t.ds.query(
      `SELECT line, sample_id AS "sampleId", x, y, depth_m AS "depthM", cas, analyte AS "analyteName", value, detected, unit,
              detection_limit AS "detectionLimit", medium
         FROM samples WHERE report_id = $1 ORDER BY line`,
      [id],
    );
    expect(stored).toEqual(rows);
  });

  it('a row the database refuses rolls back the report and every sample stored before it', async () => {
    const reports = await count('reports');
    const samples = await count('samples');
    // 5,000 good rows, then one the column type refuses (sample_id is varchar(64)).
    const rows = Array.from({ length: 5000 }, (_, i) => row(i + 2));
    rows.push(row(5002, { sampleId: 'x'.repeat(65) }));
    await expect(store(rows)).rejects.toThrow(/too long/);
    expect(await count('reports')).toBe(reports);
    expect(await count('samples')).toBe(samples);
    // The connection that carried the failed statement is usable again.
    await store([row(2)]);
    expect(await count('samples')).toBe(samples + 1);
  });

  it('every sample row belongs to an existing report of the same plot (checked once per statement), and a sample is keyed by report and line', async () => {
    const id = await store([row(2)]);
    const other = (await registerPlot(t)).id;
    const insert = (reportId: string, plot: string, line: number) =>
      t.ds.query(
        `INSERT INTO samples (report_id, plot_id, line, sample_id, x, y, depth_m, cas, analyte, value, detected, unit, detection_limit)
         VALUES ($1, $2, $3, 'S', 113.29, 34.81, 0.2, '7440-38-2', '砷', 1, true, 'mg/kg', 0.01)`,
        [reportId, plot, line],
      );
    await expect(insert('00000000-0000-4000-8000-000000000000', plotId, 3)).rejects.toMatchObject({ code: '23503' });
    await expect(insert(id, other, 3)).rejects.toMatchObject({ code: '23503' });
    await expect(insert(id, plotId, 2)).rejects.toMatchObject({ code: '23505' });
    await insert(id, plotId, 3);
    expect((await t.ds.query(`SELECT line FROM samples WHERE report_id = $1 ORDER BY line`, [id])).map((r: { line: number }) => r.line)).toEqual([2, 3]);
  });
});
