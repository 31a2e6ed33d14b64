import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createApp, migrate } from '../bootstrap';
import { loadConfig } from '../config/app-config';
import { DomainError } from '../common/errors';
import { DirectoryRepository } from '../organisations/directory.repository';
import { PlotsRepository } from '../plots/plots.repository';
import { ReportsService, type UploadProgress } from '../reports/reports.service';
import { UploadStaging } from '../reports/upload-staging';

const USAGE = `Imports a report with a large sample file into a PostgreSQL server (DATABASE_URL), with a progress bar.

  npm run import:report -- --plot SJ-2026-004 --as consultant --kind preliminary_investigation \\
      --file report.pdf --samples samples.csv|samples.xlsx [--conclusion '{"summary":"…"}']

The import runs with the rights of the user named by --as: the same checks as an upload over HTTP.`;

/**
 * One line on stderr, redrawn: while checking, how much of the file has been read (an .xlsx
 * does not say how many rows it holds before its end); while storing, rows of the total.
 */
function bar(p: UploadProgress) {
  const width = 30;
  const fraction = Math.min(1, p.fraction ?? (p.total > 0 ? p.rows / p.total : 0));
  const filled = Math.round(fraction * width);
  const label = p.phase === 'parse' ? '校验' : '入库';
  const count = p.total > 0 ? `${p.rows.toLocaleString('en')} / ${p.total.toLocaleString('en')} 行` : `${p.rows.toLocaleString('en')} 行`;
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${count}`);
}

async function run() {
  const { values } = parseArgs({
    options: {
      plot: { type: 'string' }, as: { type: 'string' }, kind: { type: 'string' },
      file: { type: 'string' }, samples: { type: 'string' }, conclusion: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help || !values.plot || !values.as || !values.kind || !values.file) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  if (!config.databaseUrl) {
    process.stderr.write('Set DATABASE_URL: the command-line import writes to a PostgreSQL server.\n');
    process.exit(2);
  }
  const app = await createApp({ ...config, logLevel: 'error', filingWorker: false }, { url: config.databaseUrl, embedded: false });
  try {
    await migrate(app);
    const directory = app.get(DirectoryRepository);
    const user = await directory.findForLogin(values.as);
    const me = user && (await directory.findPrincipal(user.id, user.tokenVersion));
    if (!me) throw new Error(`no active user named ${values.as}`);
    const plotId = await app.get(PlotsRepository).idByCode(values.plot);
    if (!plotId) throw new Error(`no plot with code ${values.plot}`);
    const started = Date.now();
    // Staged copies, as an upload over HTTP has: the service moves or removes them, never the files given.
    const staging = app.get(UploadStaging);
    const file = await staging.fromFile(values.file);
    const samples = values.samples ? await staging.fromFile(values.samples) : undefined;
    const result = await app.get(ReportsService).upload(me, plotId, {
      kind: values.kind,
      conclusion: values.conclusion,
      file,
      samples,
      onProgress: bar,
    });
    process.stderr.write('\n');
    process.stdout.write(
      `Report ${result.id} (${result.kind}) stored, SHA-256 ${result.sha256}; ${result.sampleCount} sample rows` +
        `${result.screening ? `, verdict ${result.screening.verdict}` : ''}; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await app.close();
  }
}

run().catch((e) => {
  process.stderr.write('\n');
  if (e instanceof DomainError) {
    process.stderr.write(`Refused: ${e.message}\n`);
    const errors = (e.details().errors as Array<{ line?: number; field: string; message: string }> | undefined) ?? [];
    // A sample file's message already names its line and column (第 3 行 E 列（检测项目）：…).
    for (const err of errors.slice(0, 50)) process.stderr.write(`  ${err.line ? err.message : `${err.field}: ${err.message}`}\n`);
    if (errors.length > 50) process.stderr.write(`  … ${errors.length - 50} more\n`);
  } else {
    process.stderr.write(`Import failed: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  process.exit(1);
});
