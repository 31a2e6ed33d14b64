// Monitoring results at scale (issue 20: "10M results load (bench beside COPY)"): N results loaded through the app's
// campaign importer and, beside it, the same rows by a bare COPY into the same table; then a point's history and the
// district's open warnings read over HTTP at that size.
//
//   npm run bench:monitoring                         (10,000,000 results)
//   BENCH_RESULTS=1000000 npm run bench:monitoring   (N results)
//
// The network is one district (the demo's 410106) of N / 100 farmland points, ten analytes each, in ten yearly
// campaigns. "Ours" is the campaign upload's own path in-process, file by file (at most 100,000 rows, the size of one
// district's campaign of 10,000 points): the results CSV stream-parsed and validated (results-file.ts), each row screened
// by its point's land (screen-results.ts, GB 15618-2018 by pH band and crop), the campaign row and its results written
// in one transaction (MonitoringRepository.insertResults, the statement the upload runs). Left out, and said so: the
// report PDF's check, the due dates, the warnings and the D19, which do not grow with the rows of a file the same way.
// The floor: psql's \copy of the rows as stored back into monitoring_results (its keys and indexes), rolled back.
// Prints figures; gates nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createApp, migrate } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { Transactions } from '../src/database/transactions';
import { seedDemoDirectory } from '../src/demo/seed-demo';
import { MonitoringRepository } from '../src/monitoring/monitoring.repository';
import { readResultsFile } from '../src/monitoring/results-file';
import { screenResults } from '../src/monitoring/screen-results';
import { DirectoryRepository } from '../src/organisations/directory.repository';
import { ScreeningService } from '../src/screening/screening.service';
import { BENCH_KEYS, benchDatabase, fmt, freePort, login, machine, percentile, resetSchema } from './lib/harness';

const RESULTS = Number(process.env.BENCH_RESULTS ?? process.argv[2] ?? 10_000_000);
const CAMPAIGNS = 10;
const ANALYTES = [['镉', 0.3], ['汞', 1.8], ['砷', 40], ['铅', 90], ['铬', 150], ['铜', 50], ['镍', 70], ['锌', 200], ['苯并[a]芘', 0.55], ['苯并[a]蒽', 5.5]] as const;
const POINTS = Math.max(1, Math.round(RESULTS / CAMPAIGNS / ANALYTES.length));
const POINTS_PER_FILE = 10_000;
const RUNS = 200;
const DISTRICT = '410106';
const COLUMNS = 'campaign_id, point_id, sampled_on, medium, cas, analyte, value, unit, detected, detection_limit, ph, screening_value, intervention_value, factor';

/** One campaign file: points [from, to) × ten analytes, below their screening values. */
function resultsCsv(year: number, from: number, to: number): string {
  const lines = ['点位编码,采样日期,介质,检测项目,检测值,单位,检出限,pH'];
  for (let p = from; p < to; p++) {
    for (const [i, [name, sv]] of ANALYTES.entries()) {
      const v = (sv * (0.2 + (((p * 31 + i * 7 + year) * 2654435761) % 1000) / 2000)).toFixed(4);
      lines.push(`MP-${p},${year}-05-15,土壤,${name},${v},mg/kg,0.001,${(5 + (p % 30) / 10).toFixed(1)}`);
    }
  }
  return lines.join('\n') + '\n';
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<{ out: T; seconds: number }> {
  process.stdout.write(`  ${label} … `);
  const t0 = performance.now();
  const out = await work();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${fmt(seconds, 1)} s`);
  return { out, seconds };
}

async function main() {
  console.log(`machine: ${machine()}`);
  console.log(`${RESULTS} results: ${POINTS} points × ${ANALYTES.length} analytes × ${CAMPAIGNS} campaigns, files of ${POINTS_PER_FILE * ANALYTES.length} rows\n`);
  const db = await benchDatabase({ durable: true });
  await resetSchema(db.url);
  const dir = mkdtempSync(join(tmpdir(), 'bench-monitoring-'));
  const config = loadConfig({ ...BENCH_KEYS, DATABASE_URL: db.url, DATA_DIR: dir, LOG_LEVEL: 'error', FILING_WORKER: 'off' });
  const app = await createApp(config, { url: db.url, embedded: false });
  try {
    await migrate(app);
    await seedDemoDirectory(app.get(DirectoryRepository));
    const ds = app.get<DataSource>(getDataSourceToken());
    await ds.query(
      `INSERT INTO monitoring_points (id, code, name, kind, media, lon, lat, land, crop, frequency_years, responsible_organisation_id, jurisdiction_code, next_due_on, created_by)
       SELECT gen_random_uuid(), 'MP-' || g, '压测监测点位 ' || g, 'basic', ARRAY['soil'], 113.2 + (g % 300) * 0.0005, 34.75 + (g / 300) * 0.0005 % 0.1,
              'farmland', 'other', 5, u.organisation_id, $2::varchar, current_date, u.id
         FROM generate_series(0, $1::int - 1) g, users u WHERE u.username = 'eeb'`,
      [POINTS, DISTRICT],
    );
    const eeb = (await ds.query(`SELECT id FROM users WHERE username = 'eeb'`))[0].id as string;
    const monitoring = app.get(MonitoringRepository);
    const analytes = app.get(ScreeningService).analytes;
    const transactions = app.get(Transactions);

    console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('ours: the campaign importer (parse, validate, screen, insert in one transaction per file)');
    let loaded = 0;
    let importing = 0; // seconds in the importer, without writing the bench's own files
    await timed(`${RESULTS} results`, async () => {
      for (let c = 0; c < CAMPAIGNS; c++) {
        const year = 2016 + c;
        for (let from = 0; from < POINTS; from += POINTS_PER_FILE) {
          const file = join(dir, 'results.csv');
          writeFileSync(file, resultsCsv(year, from, Math.min(POINTS, from + POINTS_PER_FILE)));
          const t0 = performance.now();
          const { rows, errors } = await readResultsFile(file);
          if (errors.length) throw new Error(`results file refused: ${errors[0].message}`);
          await transactions.run(async (em) => {
            const codes = [...new Set(rows.map((r) => r.pointCode))];
            const points = new Map((await monitoring.byCodes(em, DISTRICT, codes)).map((p) => [p.code, p]));
            const id = randomUUID();
            const screened = screenResults(rows, points, id, analytes);
            if (screened.errors.length) throw new Error(`rows refused: ${screened.errors[0].message}`);
            await monitoring.insertCampaign(em, { id, jurisdiction: DISTRICT, year, name: `${year} 年压测监测`, sha256: null, pages: null, fileName: null, count: screened.results.length, uploadedBy: eeb });
            await monitoring.insertResults(em, screened.results);
          });
          loaded += rows.length;
          importing += (performance.now() - t0) / 1000;
        }
        process.stdout.write(`${c + 1} `);
      }
    });
    const oursRate = loaded / importing;

    console.log('floor: psql \\copy of the stored rows into monitoring_results (its keys and indexes), rolled back');
    const csv = join(dir, 'stored.csv');
    execFileSync('psql', [db.url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy (SELECT ${COLUMNS} FROM monitoring_results) TO '${csv}' WITH (FORMAT csv)`]);
    const floor = await timed(`${loaded} rows`, async () => {
      execFileSync('psql', [db.url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'BEGIN', '-c', `\\copy monitoring_results (${COLUMNS}) FROM '${csv}' WITH (FORMAT csv)`, '-c', 'ROLLBACK']);
    });
    const floorRate = loaded / floor.seconds;
    console.log(`\nours   ${fmt(oursRate, 0).padStart(9)} rows/s   (${fmt(importing, 1)} s in the importer)`);
    console.log(`COPY   ${fmt(floorRate, 0).padStart(9)} rows/s   (${fmt(floor.seconds, 1)} s)`);
    console.log(`ratio  COPY is ${fmt(floorRate / oursRate, 1)}× ours\n`);

    // Open warnings: one point in two has one on cadmium, three in four of them open (as bench:queries lays them out).
    await ds.query(
      `INSERT INTO monitoring_warnings (id, point_id, cas, analyte, factor, rule, jurisdiction_code, machine_name, machine_version, state, snapshot, created_by, created_at)
       SELECT gen_random_uuid(), p.id, '7440-43-9', '镉', 1.2, 'aboveScreening', $1::varchar, 'monitoring-warning', 1,
              CASE WHEN substr(p.code, 4)::int % 8 = 0 THEN 'closed' ELSE 'raised' END, '{}'::jsonb, p.created_by, now() - (substr(p.code, 4)::int % 700) * interval '1 hour'
         FROM monitoring_points p WHERE p.jurisdiction_code = $1::varchar AND substr(p.code, 4)::int % 2 = 0`,
      [DISTRICT],
    );
    await timed('VACUUM ANALYZE', () => ds.query('VACUUM ANALYZE'));
    const [{ open }] = await ds.query(`SELECT count(*)::int AS open FROM monitoring_warnings WHERE state <> 'closed'`);
    const pointIds: string[] = (await ds.query(`SELECT id FROM monitoring_points ORDER BY md5(code) LIMIT 200`)).map((r: { id: string }) => r.id);

    const port = await freePort();
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    const token = await login(base, 'eeb');
    const queries: Array<[string, (i: number) => string]> = [
      [`point history (${CAMPAIGNS * ANALYTES.length} results of ${loaded})`, (i) => `/monitoring/points/${pointIds[i % pointIds.length]}`],
      ['point series, one analyte', (i) => `/monitoring/points/${pointIds[i % pointIds.length]}/series?cas=7440-43-9`],
      [`open warnings, district (${open} open), every page`, (i) => `/monitoring/warnings?page=${1 + (i % Math.ceil(open / 50))}`],
    ];
    // The machine may be shared: the load it was under is part of the figures.
    console.log(`\n${RUNS} requests per query, one at a time, after 20 to warm up (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    for (const [name, path] of queries) {
      const get = async (i: number) => {
        const res = await fetch(base + path(i), { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`${name}: ${path(i)} answered ${res.status}`);
        await res.arrayBuffer();
      };
      for (let i = 0; i < 20; i++) await get(i);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await get(i);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      console.log(`${name.padEnd(52)} p50 ${fmt(percentile(times, 50), 2).padStart(7)} ms   p95 ${fmt(p95, 2).padStart(7)} ms   ${p95 <= 20 ? 'within' : 'over'} 20 ms`);
    }
  } finally {
    await app.close();
    db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
