// Sample import and screening of 100k rows beside a plain COPY of the same rows.
//
//   npm run bench:import              (100,000 rows)
//   npm run bench:import -- 20000     (N rows)
//
// "Ours" is the report service's path in-process: stream-parse and validate
// every row, screen against GB 36600, store file + report + rows in one
// transaction (COPY … FROM STDIN on PostgreSQL). Two floors: psql's \copy of the
// same CSV into a bare table of the same columns (no keys, no indexes), and
// psql's \copy of the rows as stored into the samples table itself, which pays
// for its foreign keys and indexes as ours does (rolled back, so the table
// keeps one copy). The same rows as a laboratory's .xlsx are then imported the
// same way, beside the same bare COPY. Then the .xlsx beside the CSV: the same rows with
// a Chinese header (written by exceljs's streaming writer), parsed and validated
// from disk, with time and peak RSS / heap growth (sampled every 1000 rows),
// beside a raw baseline (reading the CSV's bytes and counting its lines).
// Prints figures; gates nothing.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createApp, migrate } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { seedDemoDirectory } from '../src/demo/seed-demo';
import { DirectoryRepository } from '../src/organisations/directory.repository';
import { PlotsService } from '../src/plots/plots.service';
import { loadScreeningTable } from '../src/evidence/gb36600';
import { parseSampleFile } from '../src/evidence/sample-file';
import { ReportsService } from '../src/reports/reports.service';
import { UploadStaging } from '../src/reports/upload-staging';
import { BENCH_KEYS, benchDatabase, fmt, machine, resetSchema } from './lib/harness';

const ROWS = Number(process.argv[2] ?? 100_000);
const ANALYTES = ['砷', '镉', '铬(六价)', '铜', '铅', '汞', '镍', '四氯化碳', '氯仿', '苯'];

function csv(rows: number): string {
  const lines = ['sample_id,x,y,depth_m,analyte,value,unit,detection_limit'];
  for (let i = 0; i < rows; i++) {
    const sample = Math.floor(i / ANALYTES.length);
    lines.push(`S${sample},${(113.2 + (sample % 1000) / 10000).toFixed(5)},${(34.8 + (sample % 997) / 10000).toFixed(5)},${(sample % 20) / 2},${ANALYTES[i % ANALYTES.length]},${((i * 7919) % 5000) / 100},mg/kg,0.01`);
  }
  return lines.join('\n') + '\n';
}

/** The same rows as csv(), as a laboratory's .xlsx: Chinese header, numbers as numbers, streamed to disk. */
async function xlsx(rows: number, path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = wb.addWorksheet('检测结果');
  sheet.addRow(['样品编号', '经度', '纬度', '采样深度', '检测项目', '检测值', '单位', '检出限']).commit();
  for (let i = 0; i < rows; i++) {
    const sample = Math.floor(i / ANALYTES.length);
    sheet.addRow([`S${sample}`, Number((113.2 + (sample % 1000) / 10000).toFixed(5)), Number((34.8 + (sample % 997) / 10000).toFixed(5)), (sample % 20) / 2, ANALYTES[i % ANALYTES.length], ((i * 7919) % 5000) / 100, 'mg/kg', 0.01]).commit();
  }
  sheet.commit();
  await wb.commit();
}

interface Footprint {
  seconds: number;
  rssMiB: number;
  heapMiB: number;
}

/** Time and peak growth of RSS and heap over `work`, sampled whenever it calls `sample`. */
async function footprint(work: (sample: () => void) => Promise<unknown>): Promise<Footprint> {
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
  };
  const t = performance.now();
  await work(sample);
  sample();
  return { seconds: (performance.now() - t) / 1000, rssMiB: rss / 2 ** 20, heapMiB: heap / 2 ** 20 };
}

async function labFiles(dir: string, csvFile: string, xlsxFile: string): Promise<void> {
  const standard = loadScreeningTable();
  const raw = await footprint(async (sample) => {
    let lines = 0;
    for await (const chunk of createReadStream(csvFile) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      sample();
    }
    return lines;
  });
  const parse = (file: string) =>
    footprint(async (sample) => {
      const result = await parseSampleFile(file, standard, { onProgress: sample });
      if (!result.ok) throw new Error(`bench file refused: ${result.errors[0].message}`);
    });
  const csvRun = await parse(csvFile);
  const xlsxRun = await parse(xlsxFile);
  const line = (name: string, f: Footprint) =>
    `${name.padEnd(44)} ${fmt(f.seconds, 2).padStart(6)} s  ${fmt(ROWS / f.seconds, 0).padStart(8)} rows/s  RSS +${fmt(f.rssMiB, 0)} MiB  heap +${fmt(f.heapMiB, 0)} MiB`;
  console.log(`\nlaboratory files, parse + validate only (${ROWS.toLocaleString('en')} rows; xlsx ${(statSync(xlsxFile).size / 2 ** 20).toFixed(1)} MiB, csv ${(statSync(csvFile).size / 2 ** 20).toFixed(1)} MiB)`);
  console.log(line('raw: read the CSV bytes, count lines', raw));
  console.log(line('csv, English header', csvRun));
  console.log(line('xlsx, Chinese header (streamed)', xlsxRun));
  console.log(`ratio xlsx / csv: time ${fmt(xlsxRun.seconds / csvRun.seconds, 2)}, RSS growth ${fmt(xlsxRun.rssMiB / Math.max(1, csvRun.rssMiB), 2)}, heap growth ${fmt(xlsxRun.heapMiB / Math.max(1, csvRun.heapMiB), 2)}`);
  console.log(`ratio csv / raw time: ${fmt(csvRun.seconds / raw.seconds, 1)}`);
}

async function main() {
  console.log(`machine: ${machine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'samples.csv');
  writeFileSync(file, csv(ROWS));
  const db = await benchDatabase();
  await resetSchema(db.url);
  const config = loadConfig({ ...BENCH_KEYS, DATABASE_URL: db.url, DATA_DIR: dir, LOG_LEVEL: 'error', FILING_WORKER: 'off', UPLOAD_MAX_BYTES: String(512 * 1024 * 1024) });
  const app = await createApp(config, { url: db.url, embedded: false });
  try {
    await migrate(app);
    const ds = app.get<DataSource>(getDataSourceToken());
    const demo = await seedDemoDirectory(app.get(DirectoryRepository));
    const dirRepo = app.get(DirectoryRepository);
    const eeb = (await dirRepo.findPrincipal(demo.users.eeb, 0))!;
    const holder = (await dirRepo.findPrincipal(demo.users.holder, 0))!;
    const consultant = (await dirRepo.findPrincipal(demo.users.consultant, 0))!;
    const plots = app.get(PlotsService);
    const pdf = execFileSync('cat', ['docs/examples/sample-report.pdf']);
    const content = Buffer.from(csv(ROWS));
    const staging = app.get(UploadStaging);
    /** One import of a laboratory file on a plot of its own: seconds in all, and up to the first stored chunk. */
    const importOnce = async (samplesFile: string) => {
      const plot = await plots.register(eeb, {
        code: `IMPORT-${Date.now()}-${extname(samplesFile).slice(1)}`, name: '导入压测', address: '上街区', jurisdiction: '410106', areaM2: 1000,
        formerIndustry: '化工', currentUse: '工业', plannedUse: '住宅', holderOrganisationId: demo.organisations.holder,
      } as never);
      await plots.sendEvent(holder, plot.id, { type: 'ASSIGN_CONSULTANT', orgId: demo.organisations.consultant, work: 'investigation' });
      // Staged first, as an HTTP upload is while it arrives: the figure is the import's.
      const [stagedPdf, stagedSamples] = [await staging.fromBuffer(pdf), await staging.fromFile(samplesFile)];
      const t0 = performance.now();
      // The first store progress marks the end of parse + validate + screen.
      let storeStarted: number | undefined;
      const result = await app.get(ReportsService).upload(consultant, plot.id, {
        kind: 'preliminary_investigation',
        file: stagedPdf,
        samples: stagedSamples,
        onProgress: (p) => {
          if (p.phase === 'store') storeStarted ??= performance.now();
        },
      });
      const seconds = (performance.now() - t0) / 1000;
      return { result, seconds, parsed: ((storeStarted ?? t0) - t0) / 1000 };
    };
    const { result, seconds: ours, parsed } = await importOnce(file);
    await ds.query(`CREATE TABLE copy_floor (sample_id text, x float8, y float8, depth_m float8, analyte text, value text, unit text, detection_limit float8)`);
    const t1 = performance.now();
    execFileSync('psql', [db.url, '-q', '-c', `\\copy copy_floor FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
    const floor = (performance.now() - t1) / 1000;
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM copy_floor`);
    const tableFloor = copyIntoSamples(db.url, result.id, join(dir, 'stored.csv'));
    console.log(`\n${ROWS.toLocaleString('en')} sample rows (${(content.length / 2 ** 20).toFixed(1)} MiB CSV)`);
    console.log(`ours: parse + validate + screen + store   ${fmt(ours, 2)} s   (${fmt(ROWS / ours, 0)} rows/s, verdict ${result.screening?.verdict}, ${result.sampleCount} rows)`);
    console.log(`      of which up to the first stored chunk ${fmt(parsed, 2)} s, storing ${fmt(ours - parsed, 2)} s`);
    console.log(`floor: psql \\copy of the same file into a bare table   ${fmt(floor, 2)} s   (${fmt(n / floor, 0)} rows/s)`);
    console.log(`floor: psql \\copy of the stored rows into samples      ${fmt(tableFloor, 2)} s   (${fmt(ROWS / tableFloor, 0)} rows/s; its foreign keys and indexes)`);
    console.log(`\nratio ours / COPY time: ${fmt(ours / floor, 2)}   (target ≤ 2)`);
    console.log(`ratio ours / COPY into the samples table: ${fmt(ours / tableFloor, 2)}`);
    const xlsxFile = join(dir, 'samples.xlsx');
    await xlsx(ROWS, xlsxFile);
    const x = await importOnce(xlsxFile);
    console.log(`\nthe same rows as a laboratory's .xlsx (${(statSync(xlsxFile).size / 2 ** 20).toFixed(1)} MiB, Chinese header), parse + validate + screen + store   ${fmt(x.seconds, 2)} s   (${x.result.sampleCount} rows; up to the first stored chunk ${fmt(x.parsed, 2)} s)`);
    console.log(`ratio ours (xlsx) / COPY time: ${fmt(x.seconds / floor, 2)}   (target ≤ 3)`);
    await labFiles(dir, file, xlsxFile);
  } finally {
    await app.close();
    db.stop();
  }
}

/**
 * Seconds for psql to \copy a report's stored rows back into samples, under a
 * copy of the report (a sample row is keyed by report and line), in a
 * transaction rolled back so that the table keeps one copy.
 */
function copyIntoSamples(url: string, reportId: string, file: string): number {
  const columns = 'report_id, plot_id, line, sample_id, x, y, depth_m, cas, analyte, value, detected, unit, detection_limit';
  const twin = '00000000-0000-4000-8000-000000000001';
  const reportColumns = 'plot_id, kind, author_organisation_id, uploaded_by, file_sha256, file_size, file_name, pages, conclusion, sample_count, screening';
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c',
    `\\copy (SELECT '${twin}'::uuid, ${columns.replace('report_id, ', '')} FROM samples WHERE report_id = '${reportId}') TO '${file}' WITH (FORMAT csv)`]);
  const t = performance.now();
  execFileSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', 'BEGIN',
    '-c', `INSERT INTO reports (id, ${reportColumns}) SELECT '${twin}', ${reportColumns} FROM reports WHERE id = '${reportId}'`,
    '-c', `\\copy samples (${columns}) FROM '${file}' WITH (FORMAT csv)`, '-c', 'ROLLBACK']);
  return (performance.now() - t) / 1000;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
