import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf, samplesCsv, withEveryBasicItem, type SampleSpec } from './factories/files';
import { CLEAN, THREE_METALS, plotBody, registerPlot, send, upload } from './factories/plots';

/** Evidence v2 (issue 17): the standards and what decides. */
describeEachDatabase('evidence v2: the land class, the standards and only reviewed evidence deciding', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  const org = () => t.demo.organisations;
  const screening = async (plotId: string) => (await t.http.get(`/plots/${plotId}/screening`).set(await t.as('eeb')).expect(200)).body;
  const arsenic = (s: { analytes: Array<{ cas: string }> }) => s.analytes.find((a) => a.cas === '7440-38-2') as Record<string, unknown> | undefined;

  /** A plot in preliminary investigation with the investigation consultant commissioned. */
  async function investigating(overrides: Record<string, unknown> = {}) {
    const plot = await registerPlot(t, overrides);
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: org().consultant, work: 'investigation' });
    await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    return plot.id as string;
  }

  /** Moves a plot to a state with the reports given as approved, as the reviews would have (the workflow's own tests walk the reviews). */
  async function reviewedInto(plotId: string, state: string, approvedReportIds: string[]) {
    const value = state.split('.').reduceRight<unknown>((inner, part) => (inner === null ? part : { [part]: inner }), null);
    await t.ds.query(
      `UPDATE plots SET state = $2, snapshot = jsonb_set(jsonb_set(jsonb_set(snapshot, '{value}', $3::jsonb), '{context,approvedReportIds}', $4::jsonb), '{context,currentReportId}', 'null'::jsonb)
        WHERE id = $1`,
      [plotId, state, JSON.stringify(value), JSON.stringify(approvedReportIds)],
    );
  }

  it('GB 36600-2018 (land class by planned use; GB 50137-2011): 住宅 as class 2 is refused naming both; the class follows the use', async () => {
    const eeb = await t.as('eeb');
    const refused = await t.http.post('/plots').set(eeb).send(plotBody(t, { plannedUse: '住宅', plannedLandClass: 2 })).expect(400);
    const err = refused.body.errors.find((e: { field: string }) => e.field === 'plannedLandClass');
    expect(err.message).toContain('住宅');
    expect(err.message).toContain('第一类用地');
    expect(err.message).toContain('第二类用地');
    const cases: Array<[string, number]> = [['住宅', 1], ['工业用地', 2], ['幼儿园', 1], ['托儿所', 1], ['养老院', 1], ['养老机构', 1], ['广场用地', 2], ['宗教用地', 2]];
    for (const [use, landClass] of cases) {
      const res = await t.http.post('/plots').set(eeb).send(plotBody(t, { plannedUse: use })).expect(201);
      expect([use, res.body.plannedLandClass]).toEqual([use, landClass]);
    }
    await t.http.post('/plots').set(eeb).send(plotBody(t, { plannedUse: '工业', plannedLandClass: 2 })).expect(201);
    const unknown = await t.http.post('/plots').set(eeb).send(plotBody(t, { plannedUse: '火星基地' })).expect(400);
    const use = unknown.body.errors.find((e: { field: string }) => e.field === 'plannedUse');
    expect(use.message).toContain('火星基地');
    expect(use.message).toContain('第一类用地：居住用地');
  });

  it('GB 36600-2018 表1 (basic items): three metals do not clear a suspected plot; the missing items are listed at upload and submission is refused', async () => {
    const plotId = await investigating();
    const partial = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, THREE_METALS);
    expect(partial.missingRequiredItems).toHaveLength(42);
    expect(partial.missingRequiredItems).toContain('苯并[a]芘');
    const refused = await t.http.post(`/plots/${plotId}/events`).set(await t.as('consultant')).send({ type: 'SUBMIT_REPORT', reportId: partial.id }).expect(422);
    expect(refused.body.guard).toBe('requiredItemsSampled');
    expect(refused.body.reason).toContain('铬(六价)');
    const full = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, CLEAN);
    expect(full.missingRequiredItems).toEqual([]);
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: full.id });
    // A report that states why it did not test every item goes to the reviewers with its reason recorded.
    const other = await investigating();
    const reasoned = await upload(t, 'consultant', other, 'preliminary_investigation', { missingItemsReason: '地块历史上无有机物使用，经专家论证仅测重金属' }, THREE_METALS);
    expect(reasoned.missingRequiredItems).toHaveLength(42);
    await send(t, 'consultant', other, { type: 'SUBMIT_REPORT', reportId: reasoned.id });
  });

  it('GB 36600-2018 表2: 石油烃(C10-C40) = 5000 mg/kg on a class-2 plot is above screening (4500) and not above intervention (9000)', async () => {
    const plotId = await investigating({ plannedUse: '工业用地' });
    const rows = withEveryBasicItem([{ analyte: '石油烃（C10-C40）', value: 5000 }]);
    const res = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, rows);
    expect(res.screening.landClass).toBe(2);
    expect(res.screening.verdict).toBe('above_screening');
    expect(res.screening.analytes[0]).toMatchObject({ name: '石油烃(C10-C40)', max: 5000, screeningValue: 4500, interventionValue: 9000, nAboveScreening: 1, nAboveIntervention: 0 });
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: res.id });
    expect((await screening(plotId)).verdict).toBe('above_screening');
  });

  it('GB 36600-2018 (no value for 氟化物): 氟化物 is accepted and listed as 无标准值; with a value the deciding bureau set for the plot it is screened against that value, named with its source', async () => {
    const plotId = await investigating();
    const res = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, withEveryBasicItem([{ analyte: '氟化物', value: 2400 }, { analyte: '砷', value: 5 }]));
    const f = res.screening.analytes.find((a: { name: string }) => a.name === '氟化物');
    expect(f).toMatchObject({ max: 2400, screeningValue: null, interventionValue: null, noStandardValue: true, note: '无标准值', nAboveScreening: 0 });
    expect(res.screening.verdict).toBe('below_screening');
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: res.id });
    expect((await screening(plotId)).analytes.find((a: { name: string }) => a.name === '氟化物')).toMatchObject({ noStandardValue: true, screeningValue: null });
    // The value the deciding bureau set for this plot (kept in its context with the source) screens it.
    const siteValue = { cas: '16984-48-8', name: '氟化物', medium: 'soil', value: 2000, unit: 'mg/kg', source: '郑州市上街区生态环境分局确定（风险评估报告）' };
    await t.ds.query(`UPDATE plots SET snapshot = jsonb_set(snapshot, '{context,siteValues}', $2::jsonb) WHERE id = $1`, [plotId, JSON.stringify([siteValue])]);
    const judged = await screening(plotId);
    expect(judged.verdict).toBe('above_screening');
    const f2 = judged.analytes.find((a: { name: string }) => a.name === '氟化物');
    expect(f2).toMatchObject({ screeningValue: 2000, interventionValue: null, nAboveScreening: 1, noStandardValue: true, siteValue: { value: 2000, source: siteValue.source } });
    expect(f2.note).toContain(siteValue.source);
  });

  it('GB/T 14848-2017 (土壤法第三十六条): groundwater arsenic 0.02 mg/L is above class III (0.01) and within class IV (0.05); soil and groundwater are screened apart', async () => {
    const plotId = await investigating();
    const water: SampleSpec[] = [{ sample: 'GW1', analyte: '砷', value: 20, unit: 'μg/L', medium: 'groundwater' }];
    const res = await upload(t, 'consultant', plotId, 'preliminary_investigation', { groundwaterPolluted: true }, [...CLEAN, ...water]);
    expect(res.screening.verdict).toBe('below_screening');
    expect(res.screening.groundwater).toMatchObject({ standard: 'GB/T 14848-2017', verdict: 'above_class3', verdictLabel: '超过Ⅲ类限值（Ⅳ类）' });
    expect(res.screening.groundwater.analytes[0]).toMatchObject({ name: '砷', max: 0.02, class3Limit: 0.01, class4Limit: 0.05, nAboveClass3: 1, nAboveClass4: 0 });
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: res.id });
    const plot = await screening(plotId);
    expect(arsenic(plot)).toMatchObject({ max: 9.5 });
    expect(plot.groundwater.verdict).toBe('above_class3');
    const [row] = await t.ds.query(`SELECT medium, unit, value FROM samples WHERE report_id = $1 AND sample_id = 'GW1'`, [res.id]);
    expect(row).toEqual({ medium: 'groundwater', unit: 'mg/L', value: 0.02 });
  });

  it('only reviewed evidence decides (DESIGN §3 rev. 2): a returned report with arsenic 500 mg/kg stops deciding once a corrected 5 mg/kg report is submitted', async () => {
    const plotId = await investigating();
    const bad = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, withEveryBasicItem([{ analyte: '砷', value: 500 }]));
    expect((await screening(plotId)).verdict).toBe('no_data');
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: bad.id });
    expect((await screening(plotId)).verdict).toBe('above_intervention');
    await send(t, 'eeb', plotId, { type: 'RETURN', reason: '砷的检测值与质控样品不符，请复核' });
    expect((await screening(plotId)).verdict).toBe('no_data');
    const fixed = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, withEveryBasicItem([{ analyte: '砷', value: 5 }]));
    // Uploaded and not yet submitted: it does not decide either.
    expect((await screening(plotId)).verdict).toBe('no_data');
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: fixed.id });
    const after = await screening(plotId);
    expect(after.verdict).toBe('below_screening');
    expect(arsenic(after)).toMatchObject({ max: 5, nAboveIntervention: 0 });
    expect(after.decidingReportIds).toEqual([fixed.id]);
  });

  it('only reviewed evidence decides (DESIGN §3 rev. 2): an unsubmitted upload does not move a listed plot’s priority score', async () => {
    const scoreOf = async (plotId: string) => {
      const items = (await t.http.get('/registers/priority').set(await t.as('land')).expect(200)).body.items as Array<{ plotId: string; modelScore: number }>;
      return items.find((i) => i.plotId === plotId)?.modelScore;
    };
    const plotId = await investigating();
    const approved = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, withEveryBasicItem([{ analyte: '砷', value: 25 }]));
    const never = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, withEveryBasicItem([{ analyte: '砷', value: 900 }, { analyte: '铅', value: 5000 }]));
    await reviewedInto(plotId, 'listed.awaitingPlan', [approved.id]);
    const before = await scoreOf(plotId);
    expect(before).toEqual(expect.any(Number));
    await upload(t, 'holder', plotId, 'monitoring', { period: '2026 年' }, withEveryBasicItem([{ analyte: '砷', value: 900 }]));
    expect(await scoreOf(plotId)).toBe(before);
    // Were the never-submitted report reviewed, it would move the score: the test can tell.
    await reviewedInto(plotId, 'listed.awaitingPlan', [approved.id, never.id]);
    expect(await scoreOf(plotId)).toBeGreaterThan(before!);
  });

  it('reports are accepted only in stages that expect them: a risk assessment on a suspected plot is 409 naming the stage and the kinds it expects', async () => {
    const plot = await registerPlot(t);
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: org().consultant, work: 'riskAssessment' });
    const res = await t.http
      .post(`/plots/${plot.id}/reports`)
      .set(await t.as('consultant'))
      .field('kind', 'risk_assessment')
      .field('conclusion', JSON.stringify({ riskAcceptable: false }))
      .attach('file', await makePdf('ra'), { filename: 'ra.pdf', contentType: 'application/pdf' })
      .expect(409);
    expect(res.body.message).toContain('疑似污染地块');
    expect(res.body.message).toContain('风险评估报告');
    expect(res.body.message).toContain('初步调查报告');
    expect(res.body.expectedKinds).toEqual(['preliminary_investigation']);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM reports WHERE plot_id = $1`, [plot.id]))[0].n).toBe(0);
  });

  describe('risk assessment and effect evaluation (GB 36600 管制值; HJ 25.5-2018)', () => {
    let plotId: string;
    let investigation: string;
    beforeAll(async () => {
      plotId = await investigating();
      for (const work of ['riskAssessment', 'effectEvaluation']) {
        await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: work === 'riskAssessment' ? org().consultant : org().consultant2, work });
      }
      investigation = (await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, withEveryBasicItem([{ analyte: '砷', value: 150 }]))).id;
      await reviewedInto(plotId, 'riskAssessment.drafting', [investigation]);
    });

    it('GB 36600-2018 (管制值): a risk assessment concluding the risk acceptable for a plot whose reviewed samples exceed an intervention value is refused 422 naming the analytes', async () => {
      const res = await t.http
        .post(`/plots/${plotId}/reports`)
        .set(await t.as('consultant'))
        .field('kind', 'risk_assessment')
        .field('conclusion', JSON.stringify({ riskAcceptable: true }))
        .attach('file', await makePdf('ra'), { filename: 'ra.pdf', contentType: 'application/pdf' })
        .expect(422);
      expect(res.body.guard).toBe('riskAcceptableOnlyBelowIntervention');
      expect(res.body.reason).toContain('砷');
      expect(res.body.reason).toContain('管制值');
    });

    it('a risk assessment carries per-analyte targets (风险控制值/修复目标值) and the area and volume to treat; stored and returned; an unknown analyte is 400 naming it', async () => {
      const targets = [{ analyte: '砷', kind: '修复目标值', value: 20 }, { analyte: '六价铬', kind: '风险控制值', value: 5.7 }];
      const bad = await t.http
        .post(`/plots/${plotId}/reports`)
        .set(await t.as('consultant'))
        .field('kind', 'risk_assessment')
        .field('conclusion', JSON.stringify({ riskAcceptable: false, targets: [{ analyte: '砒霜', kind: '修复目标值', value: 1 }] }))
        .attach('file', await makePdf('ra'), { filename: 'ra.pdf', contentType: 'application/pdf' })
        .expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'conclusion.targets.0.analyte' });
      const ra = await upload(t, 'consultant', plotId, 'risk_assessment', { riskAcceptable: false, pollutants: ['砷'], targets, areaM2: 3200, volumeM3: 6400 });
      const listed = (await t.http.get(`/plots/${plotId}/reports`).set(await t.as('eeb')).expect(200)).body as Array<{ id: string; conclusion: Record<string, unknown> }>;
      const stored = listed.find((r) => r.id === ra.id)!.conclusion;
      expect(stored).toMatchObject({ areaM2: 3200, volumeM3: 6400 });
      expect(stored.targets).toEqual([
        { analyte: '砷', kind: '修复目标值', value: 20, medium: 'soil', cas: '7440-38-2', name: '砷' },
        { analyte: '六价铬', kind: '风险控制值', value: 5.7, medium: 'soil', cas: '18540-29-9', name: '铬(六价)' },
      ]);
      await reviewedInto(plotId, 'listed.effectEvaluation.drafting', [investigation, ra.id]);
    });

    it('HJ 25.5-2018: an effect evaluation sample above its target refuses "targets achieved", naming the sample and the analyte', async () => {
      const conclusion = { targetsAchieved: true, permittedLandClass: 1 };
      const res = await t.http
        .post(`/plots/${plotId}/reports`)
        .set(await t.as('consultant2'))
        .field('kind', 'effect_evaluation')
        .field('conclusion', JSON.stringify(conclusion))
        .attach('file', await makePdf('ee'), { filename: 'ee.pdf', contentType: 'application/pdf' })
        .attach('samples', Buffer.from(samplesCsv([{ sample: 'EE-07', analyte: '砷', value: 26 }, { sample: 'EE-08', analyte: '砷', value: 12 }])), { filename: 's.csv', contentType: 'text/csv' })
        .expect(422);
      expect(res.body.guard).toBe('targetsAchievedOnlyIfSamplesMeetTargets');
      expect(res.body.reason).toContain('EE-07');
      expect(res.body.reason).toContain('砷');
      expect(res.body.reason).not.toContain('EE-08');
      await upload(t, 'consultant2', plotId, 'effect_evaluation', conclusion, [{ sample: 'EE-08', analyte: '砷', value: 12 }]);
      await upload(t, 'consultant2', plotId, 'effect_evaluation', { targetsAchieved: false, permittedLandClass: 1 }, [{ sample: 'EE-07', analyte: '砷', value: 26 }]);
    });
  });
});
