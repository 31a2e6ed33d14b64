import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { CSV_HEADER, makePdf, samplesCsv } from './factories/files';
import { registerPlot, send, upload } from './factories/plots';
import { withEveryBasicItem } from './factories/files';

describeEachDatabase('plot registry', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('a plot starts in suspected with the current plot-lifecycle version and the land class of its planned use (住宅: first class, GB 36600-2018)', async () => {
    const p = await registerPlot(t);
    expect(p).toMatchObject({ state: 'suspected', stateLabel: expect.any(String), version: 1, plannedLandClass: 1 });
    expect(p.machine).toEqual({ name: 'plot-lifecycle', version: 2 });
  });

  it('a duplicate code is a 409 naming the rule', async () => {
    const p = await registerPlot(t);
    const res = await t.http.post('/plots').set(await t.as('eeb')).send({ ...p, code: p.code, holderOrganisationId: t.demo.organisations.holder, jurisdiction: '410106' }).catch((e) => e);
    expect([400, 409]).toContain(res.status);
    const dup = await t.http
      .post('/plots')
      .set(await t.as('eeb'))
      .send({ code: p.code, name: 'x', address: 'x', jurisdiction: '410106', areaM2: 10, formerIndustry: 'x', currentUse: 'x', plannedUse: '住宅', holderOrganisationId: t.demo.organisations.holder })
      .expect(409);
    expect(dup.body.message).toBe('地块编码已存在');
  });

  it('eeb registers only in its jurisdiction; a holder only for its own organisation; others never', async () => {
    await t.http.post('/plots').set(await t.as('eeb-xy')).send(body(t)).expect(403);
    await t.http.post('/plots').set(await t.as('holder2')).send(body(t)).expect(403);
    await t.http.post('/plots').set(await t.as('land')).send(body(t)).expect(403);
    await t.http.post('/plots').set(await t.as('consultant')).send(body(t)).expect(403);
    await t.http.post('/plots').set(await t.as('holder')).send(body(t)).expect(201);
  });

  it('a boundary must be a closed, simple polygon with plausible coordinates', async () => {
    const eeb = await t.as('eeb');
    const good = { type: 'Polygon', coordinates: [[[113.30, 34.80], [113.31, 34.80], [113.31, 34.81], [113.30, 34.81], [113.30, 34.80]]] };
    await t.http.post('/plots').set(eeb).send(body(t, { boundary: good })).expect(201);
    const open = { type: 'Polygon', coordinates: [[[113.30, 34.80], [113.31, 34.80], [113.31, 34.81], [113.30, 34.81]]] };
    const bow = { type: 'Polygon', coordinates: [[[113.30, 34.80], [113.31, 34.81], [113.31, 34.80], [113.30, 34.81], [113.30, 34.80]]] };
    const far = { type: 'Polygon', coordinates: [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]] };
    for (const boundary of [open, bow, far, { type: 'Point', coordinates: [113, 34] }]) {
      const res = await t.http.post('/plots').set(eeb).send(body(t, { boundary })).expect(400);
      expect(res.body.errors[0].field).toMatch(/^boundary/);
    }
  });

  it('every bad field of a registration is named', async () => {
    const res = await t.http.post('/plots').set(await t.as('eeb')).send({ code: '', areaM2: -1, plannedLandClass: 3, surprise: 1 }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'address', 'jurisdiction', 'areaM2', 'plannedLandClass', 'holderOrganisationId', 'surprise']));
  });

  it('lists show only what the caller may see, are searchable and paged', async () => {
    const mine = await registerPlot(t, { name: '可检索的碳素厂地块', holderOrganisationId: t.demo.organisations.holder2 });
    const list = async (as: string, q = '') => (await t.http.get(`/plots${q}`).set(await t.as(as)).expect(200)).body;
    expect((await list('holder2')).items.every((p: { holderOrganisationId: string }) => p.holderOrganisationId === t.demo.organisations.holder2)).toBe(true);
    expect((await list('holder')).items.map((p: { id: string }) => p.id)).not.toContain(mine.id);
    expect((await list('eeb-xy')).total).toBe(0);
    expect((await list('consultant')).total).toBe(0);
    expect((await list('eeb', '?q=可检索')).items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    const page = await list('eeb', '?pageSize=2&page=1');
    expect(page.items.length).toBe(2);
    expect(page.total).toBeGreaterThan(2);
    expect((await list('eeb', '?stage=suspected')).items.every((p: { stage: string }) => p.stage === 'suspected')).toBe(true);
    expect((await list('eeb', '?stage=suspected&q=可检索')).items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    expect((await list('eeb', '?stage=listed&q=可检索')).total).toBe(0);
    expect((await list('eeb', '?q=碳素')).items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    // Code, name and address are searched as separate fields: a match never spans two of them.
    expect((await list('eeb', `?q=${encodeURIComponent(`${mine.code}可检索`)}`)).total).toBe(0);
    expect((await list('eeb', `?q=${encodeURIComponent(mine.code)}`)).items.map((p: { id: string }) => p.id)).toEqual([mine.id]);
    const control = await t.http.get('/plots?q=%1F').set(await t.as('eeb')).expect(400);
    expect(control.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
    await t.http.get('/plots?pageSize=1000').set(await t.as('eeb')).expect(400);
    await t.http.get(`/plots/${mine.id}`).set(await t.as('holder')).expect(404);
    await t.http.get(`/plots/${mine.id}`).set(await t.as('eeb-xy')).expect(404);
  });
});

function body(t: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    code: `B-${Math.random().toString(36).slice(2, 10)}`,
    name: '地块',
    address: '上街区',
    jurisdiction: '410106',
    areaM2: 1000,
    formerIndustry: '化工',
    currentUse: '工业',
    plannedUse: '住宅',
    holderOrganisationId: t.demo.organisations.holder,
    ...overrides,
  };
}

describeEachDatabase('report uploads and sample data', (target) => {
  let t: TestApp;
  let plotId: string;
  beforeAll(async () => {
    t = await startTestApp(target, { UPLOAD_MAX_BYTES: String(200 * 1024) });
    plotId = (await registerPlot(t)).id;
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
  });
  afterAll(() => t?.close());

  const headers: Record<string, { Authorization: string }> = {};
  beforeAll(async () => {
    for (const u of ['consultant', 'consultant2', 'holder', 'holder2', 'eeb']) headers[u] = await t.as(u);
  });
  const post = (as: string, parts: { kind?: string; conclusion?: string; file?: [Buffer, string]; samples?: [Buffer, string] }) => {
    let req = t.http.post(`/plots/${plotId}/reports`).set(headers[as]);
    if (parts.kind) req = req.field('kind', parts.kind);
    if (parts.conclusion !== undefined) req = req.field('conclusion', parts.conclusion);
    if (parts.file) req = req.attach('file', parts.file[0], { filename: parts.file[1], contentType: 'application/pdf' });
    if (parts.samples) req = req.attach('samples', parts.samples[0], { filename: parts.samples[1], contentType: 'text/csv' });
    return req;
  };
  const reportCount = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM reports WHERE plot_id = $1`, [plotId]))[0].n;
  const sampleCount = async () => (await t.ds.query(`SELECT count(*)::int AS n FROM samples WHERE plot_id = $1`, [plotId]))[0].n;

  it('the commissioned consultant uploads an investigation report with samples; it is stored under its SHA-256', async () => {
    const pdf = await makePdf('good');
    const res = await post('consultant', {
      kind: 'preliminary_investigation',
      conclusion: '{"summary":"砷超标"}',
      file: [pdf, '初步调查报告.pdf'],
      samples: [Buffer.from(samplesCsv([{ analyte: '砷', value: 30 }, { analyte: '铅', value: 'ND' }])), 's.csv'],
    }).expect(201);
    const { createHash } = await import('node:crypto');
    expect(res.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(res.body.screening.verdict).toBe('above_screening');
    const file = await t.http.get(`/plots/${plotId}/reports/${res.body.id}/file`).set(await t.as('eeb')).buffer(true).expect(200);
    expect(Buffer.compare(file.body, pdf)).toBe(0);
    await t.http.get(`/plots/${plotId}/reports/${res.body.id}/file`).set(await t.as('holder2')).expect(404);
  });

  it('only the commissioned consultant may upload its work; the holder files plans, not investigations', async () => {
    const pdf = await makePdf();
    // A consultant without any commission on the plot does not even see it.
    await post('consultant2', { kind: 'preliminary_investigation', file: [pdf, 'a.pdf'] }).expect(404);
    await post('consultant', { kind: 'risk_assessment', conclusion: '{"riskAcceptable":true}', file: [pdf, 'a.pdf'] }).expect(403);
    await post('holder', { kind: 'preliminary_investigation', file: [pdf, 'a.pdf'] }).expect(403);
    // The holder may file plans, but not while the plot is suspected: no stage before the register expects one.
    await post('holder', { kind: 'remediation_plan', file: [pdf, 'plan.pdf'] }).expect(409);
    await post('holder2', { kind: 'remediation_plan', file: [pdf, 'plan.pdf'] }).expect(404);
    await post('eeb', { kind: 'remediation_plan', file: [pdf, 'plan.pdf'] }).expect(403);
  });

  it('a file is a PDF by its content: a renamed text file, a truncated PDF and a PNG are refused with 415', async () => {
    const pdf = await makePdf();
    const before = await reportCount();
    for (const [bytes, name] of [
      [Buffer.from('just some text pretending'), 'report.pdf'],
      [pdf.subarray(0, Math.floor(pdf.length / 2)), 'truncated.pdf'],
      [Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'image.pdf'],
    ] as Array<[Buffer, string]>) {
      const res = await post('holder', { kind: 'control_plan', file: [bytes, name] }).expect(415);
      expect(res.body.errors[0].field).toBe('file');
    }
    expect(await reportCount()).toBe(before);
  });

  it('a file over the size limit is refused with 413', async () => {
    const big = Buffer.concat([await makePdf(), Buffer.alloc(300 * 1024, 0x20)]);
    const res = await post('holder', { kind: 'control_plan', file: [big, 'big.pdf'] });
    expect(res.status).toBe(413);
  });

  it('path-traversal names are kept only as sanitised metadata', async () => {
    const res = await post('consultant', { kind: 'preliminary_investigation', file: [await makePdf(), '../../etc/passwd.pdf'] }).expect(201);
    const [row] = await t.ds.query(`SELECT file_name FROM reports WHERE id = $1`, [res.body.id]);
    expect(row.file_name).not.toMatch(/\.\.|\//);
  });

  it('a structured conclusion with missing or wrong-typed fields is a 400 naming them', async () => {
    await send(t, 'holder', plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'riskAssessment' });
    const pdf = await makePdf();
    let res = await post('consultant', { kind: 'risk_assessment', conclusion: '{}', file: [pdf, 'ra.pdf'] }).expect(400);
    expect(res.body.errors[0].field).toBe('conclusion.riskAcceptable');
    res = await post('consultant', { kind: 'risk_assessment', conclusion: '{"riskAcceptable":"no"}', file: [pdf, 'ra.pdf'] }).expect(400);
    expect(res.body.errors[0].field).toBe('conclusion.riskAcceptable');
    res = await post('consultant', { kind: 'risk_assessment', conclusion: 'not json', file: [pdf, 'ra.pdf'] }).expect(400);
    expect(res.body.errors[0].field).toBe('conclusion');
    res = await post('consultant', { kind: 'risk_assessment', conclusion: '{"riskAcceptable":true,"extra":1}', file: [pdf, 'ra.pdf'] }).expect(400);
    expect(res.body.errors[0].field).toBe('conclusion.extra');
    res = await post('consultant', { kind: 'nonsense', file: [pdf, 'x.pdf'] }).expect(400);
    expect(res.body.errors[0].field).toBe('kind');
  });

  it('a CSV with bad rows is refused with every bad line listed, and nothing of it is stored', async () => {
    const csv = [
      CSV_HEADER,
      'S1,113.3,34.8,0.5,砷,12,mg/kg,0.01',
      'S2,113.3,34.8,0.5,不存在的物质,12,mg/kg,0.01',
      'S3,113.3,34.8,0.5,铅,-4,mg/kg,0.01',
      'S4,113.3,34.8,0.5,镉,1,g/kg,0.01',
      'S5,abc,34.8,0.5,汞,1,mg/kg,0.01',
      'S6,113.3,34.8,0.5,镍,1,mg/kg',
      'S7,113.3,34.8,0.5,铜,5,mg/kg,0.01',
    ].join('\n');
    const reports = await reportCount();
    const samples = await sampleCount();
    const res = await post('consultant', {
      kind: 'preliminary_investigation',
      file: [await makePdf(), 'r.pdf'],
      samples: [Buffer.from(csv), 'bad.csv'],
    }).expect(400);
    const lines = [...new Set(res.body.errors.map((e: { line: number }) => e.line))].sort();
    expect(lines).toEqual([3, 4, 5, 6, 7]);
    expect(res.body.errors.find((e: { line: number }) => e.line === 4).column).toBe('value');
    expect(res.body.errors.find((e: { line: number }) => e.line === 5).column).toBe('unit');
    expect(await reportCount()).toBe(reports);
    expect(await sampleCount()).toBe(samples);
  });

  it('reports are immutable in the database', async () => {
    const [r] = await t.ds.query(`SELECT id FROM reports WHERE plot_id = $1 LIMIT 1`, [plotId]);
    await expect(t.ds.query(`UPDATE reports SET kind = 'monitoring' WHERE id = $1`, [r.id])).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM samples WHERE plot_id = $1`, [plotId])).rejects.toThrow(/append-only/);
  });

  it('GET /plots/:id/screening gives the verdict and per-analyte figures for the planned land class, from the report under review', async () => {
    await send(t, 'holder', plotId, { type: 'START_INVESTIGATION' });
    const rows = withEveryBasicItem([{ analyte: '砷', value: 30 }, { analyte: '铅', value: 'ND' }]);
    const report = await upload(t, 'consultant', plotId, 'preliminary_investigation', {}, rows);
    await send(t, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: report.id });
    const res = await t.http.get(`/plots/${plotId}/screening`).set(await t.as('land')).expect(200);
    expect(res.body.landClass).toBe(1);
    expect(res.body.verdict).toBe('above_screening');
    const as = res.body.analytes.find((a: { cas: string }) => a.cas === '7440-38-2');
    expect(as).toMatchObject({ max: 30, screeningValue: 20, interventionValue: 120, nAboveScreening: 1, nAboveIntervention: 0, factor: 1.5 });
  });
});

describeEachDatabase('GB 36600 screening at the edges', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  // The plot's screening counts the report under review: every required item is tested (not detected unless given).
  async function verdict(landClass: 1 | 2, rows: Array<{ analyte: string; value: number | string }>) {
    const plot = await registerPlot(t, { plannedUse: landClass === 1 ? '住宅' : '工业用地' });
    await send(t, 'holder', plot.id, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
    await send(t, 'holder', plot.id, { type: 'START_INVESTIGATION' });
    const report = await upload(t, 'consultant', plot.id, 'preliminary_investigation', {}, withEveryBasicItem(rows));
    await send(t, 'consultant', plot.id, { type: 'SUBMIT_REPORT', reportId: report.id });
    return (await t.http.get(`/plots/${plot.id}/screening`).set(await t.as('eeb')).expect(200)).body;
  }

  it.each([
    [1, '铅', 400, 'below_screening'],
    [1, '铅', 400.1, 'above_screening'],
    [1, '铅', 800, 'above_screening'],
    [1, '铅', 800.1, 'above_intervention'],
    [2, '铅', 800, 'below_screening'],
    [2, '铅', 800.1, 'above_screening'],
    [2, '铅', 2500.1, 'above_intervention'],
  ] as const)('GB 36600 §5: class %i, %s at %d mg/kg → %s', async (landClass, analyte, value, expected) => {
    expect((await verdict(landClass, [{ analyte, value }])).verdict).toBe(expected);
  });

  it('GB 36600 note on As: without a published background value for the jurisdiction no exemption is made (arsenic above 20 mg/kg is above screening)', async () => {
    // No background value ships for 410106 (reference/background-values.tsv); class 1 screening is 20.
    expect((await verdict(1, [{ analyte: '砷', value: 19 }])).verdict).toBe('below_screening');
    const above = await verdict(1, [{ analyte: '砷', value: 21 }]);
    expect(above.verdict).toBe('above_screening');
  });

  it('a value below the detection limit counts as not detected', async () => {
    const res = await verdict(1, [{ analyte: '镉', value: 'ND' }]);
    expect(res.verdict).toBe('below_screening');
    expect(res.analytes[0].nAboveScreening).toBe(0);
  });

  it('a mixed plot takes the worst verdict of its analytes', async () => {
    const res = await verdict(1, [{ analyte: '铅', value: 100 }, { analyte: '镉', value: 50 }, { analyte: '汞', value: 9 }]);
    expect(res.verdict).toBe('above_intervention');
    expect(res.analytes[0].cas).toBe('7440-43-9');
  });
});
