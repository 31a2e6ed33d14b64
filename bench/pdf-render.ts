// Filing PDF throughput: the CJK font against a built-in font, in one run.
//
//   npm run bench:pdf            (200 documents per mode)
//   npm run bench:pdf -- 500     (N documents per mode)
//
// The script compiles bench/ and templates/ with bench/tsconfig.json into
// dist/bench/ (tsconfig.build.json, used by `nest build`, leaves bench/ out)
// and runs dist/bench/bench/pdf-render.js. It prints figures, it gates nothing.
import { performance } from 'node:perf_hooks';
import type { FilingRecord } from '../templates/filing-record';
import { ALL_KINDS, filingFixture, partTwoFixtures, variantFixtures, withDigest } from '../templates/fixtures';
import { FIT_SCALES, largestFitting } from '../templates/parts/fit';
import { cjkFontBytes, cjkFonts } from '../templates/fonts';
import { type FontMode, renderFiling } from '../templates/render';

const N = Number(process.argv[2] ?? 200);
const WARM_UP = Math.min(20, N);

// A one-page filing: a risk-control plan receipt without attached reports or legal basis.
function onePageFiling(): FilingRecord {
  return withDigest({ ...filingFixture('D7'), reports: [], legalBasis: [] });
}

// Same record with every non-ASCII character replaced by a Latin letter, so
// that Helvetica draws as many characters as the CJK font does.
function transliterate<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(/[^\x00-\x7f]/gu, (c) => String.fromCharCode(97 + (c.codePointAt(0)! % 26))) as T;
  }
  if (Array.isArray(value)) return value.map(transliterate) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transliterate(v)])) as T;
  }
  return value;
}

function pageCount(pdf: Buffer): number {
  return Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
}

const ROUNDS = 10;

interface Mode { mode: FontMode; record: FilingRecord }
interface Run { mode: FontMode; docsPerSecond: number; msPerDoc: number; bytes: number; pages: number }

async function timeRenders(m: Mode, count: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < count; i++) await renderFiling(m.record, { fonts: m.mode });
  return performance.now() - start;
}

// Modes take turns in ROUNDS rounds, so that a change in machine load during
// the run weighs on all of them alike.
async function measure(modes: Mode[]): Promise<Run[]> {
  const elapsed = modes.map(() => 0);
  for (const m of modes) await timeRenders(m, WARM_UP);
  const perRound = Math.max(1, Math.round(N / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, m] of modes.entries()) elapsed[i] += await timeRenders(m, perRound);
  }
  return Promise.all(modes.map(async (m, i) => {
    const pdf = await renderFiling(m.record, { fonts: m.mode });
    const docs = perRound * ROUNDS;
    return { mode: m.mode, docsPerSecond: (docs * 1000) / elapsed[i], msPerDoc: elapsed[i] / docs, bytes: pdf.length, pages: pageCount(pdf) };
  }));
}

function oneTimeCosts(): { readMs: number; parseMs: number } {
  const t0 = performance.now();
  cjkFontBytes();
  const t1 = performance.now();
  cjkFonts();
  return { readMs: t1 - t0, parseMs: performance.now() - t1 };
}

async function main(): Promise<void> {
  const chinese = onePageFiling();
  const ascii = transliterate(chinese);
  const once = oneTimeCosts();
  console.log(`node ${process.version}, N = ${N} per mode in ${ROUNDS} alternating rounds, after ${WARM_UP} warm-up renders`);
  console.log(`once per process: read font files ${once.readMs.toFixed(1)} ms, open with fontkit ${once.parseMs.toFixed(1)} ms`);
  const runs = await measure([
    { mode: 'builtin', record: ascii },
    { mode: 'cjk', record: chinese },
    { mode: 'cjk-bytes', record: chinese },
  ]);
  for (const r of runs) {
    console.log(
      `${r.mode.padEnd(10)} ${r.docsPerSecond.toFixed(1).padStart(7)} docs/s  ${r.msPerDoc.toFixed(2).padStart(6)} ms/doc  ` +
        `${(r.bytes / 1024).toFixed(1)} KiB, ${r.pages} page(s)`,
    );
  }
  const [builtin, cjk, bytes] = runs;
  console.log(`ratio cjk / builtin:       ${(cjk.docsPerSecond / builtin.docsPerSecond).toFixed(2)} (target >= 0.5)`);
  console.log(`ratio cjk-bytes / builtin: ${(bytes.docsPerSecond / builtin.docsPerSecond).toFixed(2)} (font handed to pdfkit as bytes)`);
  console.log(`parsed once vs bytes:      ${(cjk.docsPerSecond / bytes.docsPerSecond).toFixed(2)}x`);
}

// The one-page fitting (templates/parts/fit.ts): a body of two pages at full size is drawn again at each of
// FIT_SCALES until it stands on one page. Each case against the same record drawn once at the scale it ends at.
interface FitCase { label: string; record: FilingRecord; scale: number; draws: number }

async function fitCases(): Promise<FitCase[]> {
  const records = [...ALL_KINDS.map((k) => filingFixture(k)), filingFixture('D18'), ...variantFixtures(), ...Object.values(partTwoFixtures())];
  const cases: FitCase[] = [];
  // The bench's one-page receipt: it stands on one page at full size, so it is drawn once.
  const common: FitCase = { label: 'common: D7 receipt fits at full size', record: onePageFiling(), scale: 1, draws: 1 };
  let fitted: FitCase | undefined;
  let unfit: FitCase | undefined;
  let twoPages = 0;
  const byScale = new Map<string, number>();
  for (const record of records) {
    const full = pageCount(await renderFiling(record, { scale: 1 }));
    if (full !== 2) continue;
    twoPages++;
    const at = [] as number[];
    for (const scale of FIT_SCALES) if (pageCount(await renderFiling(record, { scale })) === 1) at.push(scale);
    // Body draws renderFiling makes: the full-size one, then its trials (largestFitting).
    let trials = 0;
    largestFitting((scale) => (++trials, at.includes(scale) ? true : undefined));
    byScale.set(String(at[0] ?? 'none'), (byScale.get(String(at[0] ?? 'none')) ?? 0) + 1);
    if (at.length) {
      const i = FIT_SCALES.indexOf(at[0] as (typeof FIT_SCALES)[number]);
      if (!fitted || i > FIT_SCALES.indexOf(fitted.scale as (typeof FIT_SCALES)[number])) {
        fitted = { label: `fitted: ${record.kind} ${record.number} at ${at[0]}`, record, scale: at[0], draws: 1 + trials };
      }
    } else {
      unfit ??= { label: `two pages, no scale fits: ${record.kind}`, record, scale: 1, draws: 1 + trials };
    }
  }
  for (const c of [common, fitted, unfit]) if (c) cases.push(c);
  console.log(`demo fixtures two pages at full size: ${twoPages} of ${records.length}; the scale that fits: ${[...byScale].map(([k, v]) => `${k} × ${v}`).join(', ')}`);
  return cases;
}

async function measureFit(): Promise<void> {
  const n = Math.max(10, Math.round(N / 4));
  console.log(`\none-page fitting, ${n} renders each, auto (renderFiling) against one draw at the final scale:`);
  for (const c of await fitCases()) {
    const once = (): Promise<Buffer> => renderFiling(c.record, { scale: c.scale });
    const auto = (): Promise<Buffer> => renderFiling(c.record);
    for (let i = 0; i < WARM_UP; i++) {
      await once();
      await auto();
    }
    let tOnce = 0;
    let tAuto = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const per = Math.max(1, Math.round(n / ROUNDS));
      let t0 = performance.now();
      for (let i = 0; i < per; i++) await once();
      tOnce += performance.now() - t0;
      t0 = performance.now();
      for (let i = 0; i < per; i++) await auto();
      tAuto += performance.now() - t0;
    }
    console.log(`${c.label.padEnd(44)} ${c.draws} body draw(s): auto / once = ${(tAuto / tOnce).toFixed(2)}  (${(tAuto / n).toFixed(2)} vs ${(tOnce / n).toFixed(2)} ms/doc)`);
  }
}

main().then(measureFit).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
