import { describeEachDatabase } from './helpers/databases';
import { expertReview } from './factories/lifecycle';
import { startTestApp, type TestApp } from './helpers/test-app';
import type { SampleSpec } from './factories/files';
import { CLEAN, registerPlot, send, upload } from './factories/plots';

// 300,000 results on one plot, far beyond what one call's argument list holds
// (about 120k): the screening must count them where they are, in the database.
const ROWS = 300_000;
const ARSENIC_ROWS = 250_000;
const AS = { cas: '7440-38-2', name: '砷', screening: 20, intervention: 120 }; // class 1, 上街区 410106 (no background value ships)
const PB = { cas: '7439-92-1', name: '铅', screening: 400, intervention: 800 };

/** Row g of the loaded set: arsenic (every 50th not detected), then lead. */
function generated(g: number): { cas: string; value: number | null } {
  if (g > ARSENIC_ROWS) return { cas: PB.cas, value: (g % 1000) * 2 };
  return { cas: AS.cas, value: g % 50 === 0 ? null : (g % 1000) / 5 };
}

/** The figures of README, Evidence and screening for one analyte, counted here one result at a time. */
function expected(values: Array<number | null>, limits: { screening: number; intervention: number; background?: number }) {
  const bg = limits.background ?? Number.NEGATIVE_INFINITY;
  let nDetected = 0;
  let max = Number.NEGATIVE_INFINITY;
  let nAboveScreening = 0;
  let nAboveIntervention = 0;
  for (const v of values) {
    if (v === null) continue;
    nDetected++;
    if (v > max) max = v;
    if (v > limits.screening && v > bg) nAboveScreening++;
    if (v > limits.intervention && v > bg) nAboveIntervention++;
  }
  return { n: values.length, nDetected, max, nAboveScreening, nAboveIntervention };
}

describeEachDatabase('screening at scale', (target) => {
  let t: TestApp;
  let plotId: string;

  beforeAll(async () => {
    t = await startTestApp(target);
    const org = t.demo.organisations;
    plotId = (await registerPlot(t)).id;
    await send(t, 'eeb', plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    await send(t, 'holder', plotId, { type: 'START_INVESTIGATION' });
    // The uploaded file is clean; the rows loaded below decide.
    const report = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, CLEAN);
    expect((await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: report.id })).state).toBe('investigation.preliminary.underReview');
    const started = Date.now();
    await t.ds.query(
      `INSERT INTO samples (report_id, plot_id, line, sample_id, x, y, depth_m, cas, analyte, value, detected, unit, detection_limit)
       SELECT $1, $2, 1000 + g, 'L' || g, 113.3, 34.8, 0.5,
              CASE WHEN g > $4 THEN $6 ELSE $5 END, CASE WHEN g > $4 THEN '铅' ELSE '砷' END,
              CASE WHEN g > $4 THEN (g % 1000) * 2.0 WHEN g % 50 = 0 THEN NULL ELSE (g % 1000) / 5.0 END,
              g > $4 OR g % 50 <> 0, 'mg/kg', 0.01
         FROM generate_series(1, $3::int) g`,
      [report.id, plotId, ROWS, ARSENIC_ROWS, AS.cas, PB.cas],
    );
    console.log(`[${target.name}] ${ROWS} sample rows loaded in ${Date.now() - started} ms`);
  });
  afterAll(() => t?.close());

  it('hardening #4: GET /plots/:id/screening screens 300,000 rows of one plot: per analyte the max, the counts above the screening and intervention values and the factor (README, Evidence and screening, §6.1; never a 500)', async () => {
    const arsenic: Array<number | null> = [9.5];
    const lead: Array<number | null> = [60];
    for (let g = 1; g <= ROWS; g++) {
      const row = generated(g);
      (row.cas === AS.cas ? arsenic : lead).push(row.value);
    }
    const started = Date.now();
    const res = await t.http.get(`/plots/${plotId}/screening`).set(await t.as('eeb'));
    console.log(`[${target.name}] screening of ${ROWS + 3} rows answered in ${Date.now() - started} ms`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ landClass: 1, verdict: 'above_intervention' });
    const [as, pb, cd] = res.body.analytes;
    const asExpected = expected(arsenic, AS);
    const pbExpected = expected(lead, PB);
    expect(as).toMatchObject({
      cas: AS.cas, name: AS.name, screeningValue: AS.screening, interventionValue: AS.intervention, ...asExpected,
    });
    expect(as.backgroundValue).toBeUndefined();
    expect(as.factor).toBe(9.99); // 199.8 / 20
    expect(pb).toMatchObject({ cas: PB.cas, name: PB.name, screeningValue: PB.screening, interventionValue: PB.intervention, ...pbExpected });
    expect(pb.factor).toBeCloseTo(1998 / 400, 3);
    expect(cd).toMatchObject({ cas: '7440-43-9', n: 1, nDetected: 1, max: 0.4, nAboveScreening: 0, nAboveIntervention: 0 });
    // The figures the loop above counted, so that a reader sees the scale.
    expect(asExpected).toEqual({ n: 250_001, nDetected: 245_001, max: 199.8, nAboveScreening: 220_500, nAboveIntervention: 98_000 });
  });

  it('hardening #4: both bureaus approve the preliminary review of that plot, and its exceedance sends it to the detailed investigation (GB 36600 §5.3.3; the verdict from the same SQL aggregation)', async () => {
    // 环办土壤〔2019〕63号: the expert panel passes the report before the bureaus decide.
    for (const step of expertReview('eeb')) await step.run(t, { plotId, reports: {} });
    const viewed = await t.http.get(`/plots/${plotId}`).set(await t.as('eeb'));
    expect(viewed.status).toBe(200);
    expect(viewed.body.allowedEvents).toContain('APPROVE');
    const eeb = await t.http.post(`/plots/${plotId}/events`).set(await t.as('eeb')).send({ type: 'APPROVE', opinion: '同意' });
    expect(eeb.status).toBe(200);
    expect(eeb.body.state).toBe('investigation.preliminary.underReview');
    const land = await t.http.post(`/plots/${plotId}/events`).set(await t.as('land')).send({ type: 'APPROVE', opinion: '同意，开展详细调查' });
    expect(land.status).toBe(200);
    expect(land.body.state).toBe('investigation.detailed.drafting');
  });

  it('hardening #4: a sample file of 160,000 rows of one analyte is accepted and screened on import (201, never a 500; README, Evidence and screening)', async () => {
    const org = t.demo.organisations;
    const other = (await registerPlot(t)).id;
    await send(t, 'eeb', other, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    await send(t, 'holder', other, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant, work: 'investigation' });
    await send(t, 'holder', other, { type: 'START_INVESTIGATION' });
    const rows: SampleSpec[] = [];
    for (let i = 0; i < 160_000; i++) rows.push({ analyte: '砷', value: (i % 1000) / 20 });
    const report = await upload(t, 'consultant', other, 'preliminary_investigation', {}, rows);
    // Above 20: 20.05 … 49.95 in each thousand.
    expect(report).toMatchObject({ sampleCount: 160_000, screening: { verdict: 'above_screening' } });
    expect(report.screening.analytes[0]).toMatchObject({ name: '砷', n: 160_000, max: 49.95, nAboveScreening: 599 * 160, nAboveIntervention: 0 });
  });
});
