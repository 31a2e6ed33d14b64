import ExcelJS from 'exceljs';
import { AppClock, CLOCK } from '../src/clock/clock';
import { seedDemoProposals } from '../src/demo/demo-proposals';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { plotBody, registerPlot } from './factories/plots';

const HEADER = '原因,企业或地块名称,统一社会信用代码,地块编码,地址,面积（平方米）,拟供用途,重点监管单位';
const HUAWEI = '914403001922038216';

function square(w: number, s: number, d = 0.001) {
  return { type: 'Polygon', coordinates: [[[w, s], [w + d, s], [w + d, s + d], [w, s + d], [w, s]]] };
}
const csvCell = (v: unknown) => `"${JSON.stringify(v).replace(/"/g, '""')}"`;

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('清单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeEachDatabase('Sources of suspected plots: the 工信 and 自然资源 bureaus’ lists, proposals confirmed or dismissed (issue 18)', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-12-01');
  const count = async (table: string) => (await t.ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  // Answers with `.expect(status)`, as supertest does, after the token is fetched.
  const upload = (as: string, content: Buffer | string, name: string, quarter?: string) => ({
    expect: async (status: number) => {
      const req = t.http.post('/proposal-lists').set(await t.as(as)).attach('file', Buffer.from(content), name);
      const res = await (quarter ? req.field('quarter', quarter) : req);
      if (res.status !== status) throw new Error(`upload as ${as}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    },
  });
  const proposalsOf = async (as: string, listId: string) =>
    (await t.http.get(`/proposals?listId=${listId}&pageSize=100`).set(await t.as(as)).expect(200)).body;
  const confirmBody = (overrides: Record<string, unknown> = {}) => {
    const { jurisdiction: _j, address: _a, ...body } = plotBody(t, overrides);
    return body;
  };

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  it('the template names the columns on its first sheet; handed back empty it is refused as a list with no rows', async () => {
    const res = await t.http.get('/proposal-lists/template.xlsx').set(await t.as('land')).buffer(true)
      .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(['原因', '企业或地块名称', '地址', '拟供用途']));
    const back = await upload('land', res.body, '模板.xlsx', '2026Q4').expect(422);
    expect(back.body.errors[0].message).toContain('只有表头');
  });

  it('a 工信 CSV of closures and relocations proposes one suspected plot per row, for the district 生态环境 bureau to see (issue 18)', async () => {
    const csv = [HEADER, `关闭,上街区某化工有限公司,${HUAWEI},,上街区工业路 9 号,30000,,`, '搬迁,上街区某电镀厂,,,上街区电镀路 3 号,,,'].join('\r\n');
    const res = await upload('miit', '\ufeff' + csv, '2026年关闭搬迁企业.csv').expect(201);
    expect(res.body).toMatchObject({ source: 'miit_closures', rowCount: 2, quarter: null, late: false, fileName: '2026年关闭搬迁企业.csv', jurisdictionCode: '410106' });
    const eeb = await proposalsOf('eeb', res.body.id);
    expect(eeb.total).toBe(2);
    expect(eeb.items.map((p: { line: number; reasonLabel: string; statusLabel: string }) => [p.line, p.reasonLabel, p.statusLabel])).toEqual([[2, '关闭', '待确认'], [3, '搬迁', '待确认']]);
    expect((await proposalsOf('miit', res.body.id)).total).toBe(2);
    expect((await proposalsOf('eeb-city', res.body.id)).total).toBe(2);
    // Another district's bureau and the land bureau (not its list) see none of them.
    expect((await proposalsOf('eeb-xy', res.body.id)).total).toBe(0);
    expect((await proposalsOf('land', res.body.id)).total).toBe(0);
    const one = eeb.items[0];
    expect((await t.http.get(`/proposals/${one.id}`).set(await t.as('miit')).expect(200)).body).toEqual(one);
    await t.http.get(`/proposals/${one.id}`).set(await t.as('eeb-xy')).expect(404);
    await t.http.get(`/proposals/${one.id}`).set(await t.as('holder')).expect(403);
  });

  it('a 自然资源 quarterly .xlsx with headers in English and another order is read the same, and matched to a registered plot by code', async () => {
    const plot = await registerPlot(t);
    const file = await xlsx([['address', 'reason', 'name', 'parcelCode', 'intendedUse'], ['上街区某路 1 号', '供应', '某宗地', plot.code, '住宅']]);
    const res = await upload('land', file, 'q4.xlsx', '2026Q4').expect(201);
    expect(res.body).toMatchObject({ source: 'land_quarterly', quarter: '2026Q4', quarterLabel: '2026 年第四季度', dueDate: '2026-12-25', late: false, matched: 1 });
    const [p] = (await proposalsOf('land', res.body.id)).items;
    expect(p).toMatchObject({ reason: 'supply', intendedUse: '居住用地', parcelCode: plot.code, matchedPlot: { id: plot.id, code: plot.code } });
  });

  it('a list whose rows overlap a registered plot’s boundary is matched to it by the exact polygon, not by its box alone (一张图)', async () => {
    const plot = await registerPlot(t, { boundary: square(113.5, 34.8) });
    // The box of this triangle meets the plot's, but the triangle itself lies beyond the plot's corner.
    const apart = { type: 'Polygon', coordinates: [[[113.5015, 34.8005], [113.5025, 34.8015], [113.5015, 34.8015], [113.5015, 34.8005]]] };
    const beside = { type: 'Polygon', coordinates: [[[113.5009, 34.8002], [113.5012, 34.8002], [113.5012, 34.8012], [113.5009, 34.8012], [113.5009, 34.8002]]] };
    const csv = ['原因,名称,地址,边界', `收回,与地块重叠的宗地,某地址,${csvCell(beside)}`, `收回,不重叠的宗地,某地址,${csvCell(apart)}`].join('\n');
    const res = await upload('land', csv, 'overlap.csv', '2026Q4').expect(201);
    const items = (await proposalsOf('eeb', res.body.id)).items;
    expect(items.map((i: { matchedPlot: { id: string } | null }) => i.matchedPlot?.id ?? null)).toEqual([plot.id, null]);
  });

  it('every bad row is named by line and column in Chinese, and nothing of the list is written (one transaction)', async () => {
    const [lists, proposals] = [await count('proposal_lists'), await count('plot_proposals')];
    const csv = [HEADER, '收回,好的一行,,P-OK,上街区某路,100,,', '卖出,,914403001922038217,,上街区某路,一百,,', '供应,重复的宗地,,P-OK,上街区某路,,火星用地,'].join('\n');
    const res = await upload('land', csv, 'bad.csv', '2026Q4').expect(422);
    const named = res.body.errors.map((e: { line: number; column: string | null }) => `${e.line}:${e.column}`);
    expect(named).toEqual(['3:第 1 列（原因）', '3:第 2 列（企业或地块名称）', '3:第 3 列（统一社会信用代码）', '3:第 6 列（面积（平方米））', '4:第 7 列（拟供用途）']);
    expect(res.body.message).toMatch(/^清单有 5 处错误，未导入任何一行/);
    expect(JSON.stringify(res.body.errors)).not.toMatch(/takeBack|supply|reason|creditCode/);
    expect([await count('proposal_lists'), await count('plot_proposals')]).toEqual([lists, proposals]);
    // A good list with the same parcel twice: the second row names the first.
    const dup = await upload('land', [HEADER, '收回,A,,P-9,某路,,,', '供应,B,,P-9,某路,,,'].join('\n'), 'dup.csv', '2026Q4').expect(422);
    expect(dup.body.errors).toEqual([expect.objectContaining({ line: 3, message: '第 3 行：地块编码 P-9与第 2 行重复' })]);
    expect(await count('plot_proposals')).toBe(proposals);
  });

  it('the file is judged by content and name: an .xlsx name on CSV text, a .txt name, and a broken workbook are 400/422, never 500', async () => {
    await upload('miit', `${HEADER}\n关闭,A,,,某路,,,`, 'list.xlsx').expect(400);
    await upload('miit', `${HEADER}\n关闭,A,,,某路,,,`, 'list.txt').expect(400);
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    const res = await upload('miit', broken, 'list.xlsx').expect(422);
    expect(res.body.errors[0].message).toContain('Excel');
  });

  it('a file over 10 MB is refused 413, and a CSV with broken quoting is named where reading stopped (422), nothing written', async () => {
    const lists = await count('proposal_lists');
    const big = `${HEADER}\n` + `关闭,A,,,某路,,,\n`.repeat(10 * 1024 * 1024 / 20 + 1000);
    const res = await t.http.post('/proposal-lists').set(await t.as('miit')).attach('file', Buffer.from(big), 'big.csv');
    expect(res.status).toBe(413);
    const quoted = await upload('miit', `${HEADER}\n关闭,A,,,某路,,,\n"关闭,B,,,某路,,,\n`, 'q.csv').expect(422);
    expect(quoted.body.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('引号') })]);
    expect(await count('proposal_lists')).toBe(lists);
  });

  it('role, organisation kind and district are checked before the body is read: holder, eeb, a city land bureau are refused 403 even with a body that is not multipart', async () => {
    for (const as of ['holder', 'eeb', 'consultant', 'land-city']) {
      const res = await t.http.post('/proposal-lists').set(await t.as(as)).set('Content-Type', 'text/plain').send('not a list').expect(403);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await t.http.post('/proposal-lists').set('Content-Type', 'text/plain').send('x').expect(401);
  });

  it('a land list needs its quarter; a 工信 list has none', async () => {
    const noQuarter = await upload('land', `${HEADER}\n收回,A,,,某路,,,`, 'a.csv').expect(400);
    expect(noQuarter.body.errors[0]).toMatchObject({ field: 'quarter' });
    await upload('miit', `${HEADER}\n关闭,A,,,某路,,,`, 'a.csv', '2026Q4').expect(400);
    await upload('land', `${HEADER}\n收回,A,,,某路,,,`, 'a.csv', '2026Q5').expect(400);
  });

  it('a land list handed in after the 25th of the quarter’s last month is accepted but marked late (provincial practice, reference/plot-proposals.json, UNVERIFIED)', async () => {
    const onTime = await upload('land', `${HEADER}\n收回,按时,,,某路,,,`, 'a.csv', '2026Q4').expect(201);
    expect(onTime.body.late).toBe(false);
    t.app.get<AppClock>(CLOCK).use(new FakeClock('2026-12-26'));
    try {
      const late = await upload('land', `${HEADER}\n收回,逾期,,,某路,,,`, 'a.csv', '2026Q4').expect(201);
      expect(late.body).toMatchObject({ late: true, dueDate: '2026-12-25' });
      expect(late.body.lateNote).toContain('逾期');
      const lists = (await t.http.get('/proposal-lists?pageSize=100').set(await t.as('land')).expect(200)).body.items;
      expect(lists.find((l: { id: string }) => l.id === late.body.id)).toMatchObject({ late: true, organisationName: '郑州市上街区自然资源局' });
    } finally {
      t.app.get<AppClock>(CLOCK).use(clock);
    }
  });

  async function oneProposal(reason = '关闭', keyUnit = '', as = 'miit') {
    const csv = `${HEADER}\n${reason},某企业 ${Math.random().toString(36).slice(2, 8)},,,上街区某路 1 号,20000,,${keyUnit}`;
    const list = await upload(as, csv, 'one.csv', as === 'land' ? '2026Q4' : undefined).expect(201);
    return (await proposalsOf('eeb', list.body.id)).items[0] as { id: string; listId: string };
  }

  it('confirming registers the suspected plot through the engine in one transaction: audit row REGISTER names the proposal and its list (42号令第二条、土壤法第五十九条第一款)', async () => {
    const p = await oneProposal('关闭');
    const res = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(201);
    expect(res.body.proposal).toMatchObject({ status: 'confirmed', plotId: res.body.plot.id, decidedByName: expect.stringContaining('王审查') });
    expect(res.body.plot).toMatchObject({ jurisdiction: '410106', address: '上街区某路 1 号' });
    expect(res.body.plot.context.registrationReason).toBe('suspected');
    const [audit] = await t.ds.query(`SELECT event_type, payload FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [res.body.plot.id]);
    expect(audit.event_type).toBe('REGISTER');
    expect(audit.payload.proposal).toMatchObject({ id: p.id, listId: p.listId, reason: 'closure' });
    expect(audit.payload.registrationReason).toBe('suspected');
  });

  it('a parcel taken back that names a key unit registers keyUnitLand (土壤法第六十七条); without one, suspected', async () => {
    const key = await oneProposal('收回', '是', 'land');
    const plain = await oneProposal('收回', '', 'land');
    const a = await t.http.post(`/proposals/${key.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(201);
    const b = await t.http.post(`/proposals/${plain.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(201);
    expect([a.body.plot.context.registrationReason, b.body.plot.context.registrationReason]).toEqual(['keyUnitLand', 'suspected']);
  });

  it('a change of use registers useChange (土壤法第五十九条第二款)', async () => {
    const p = await oneProposal('用途变更', '', 'land');
    const res = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(201);
    expect(res.body.plot.context.registrationReason).toBe('useChange');
  });

  it('a start that fails leaves the proposal proposed and no plot (one transaction): a plot code already taken, a holder that is not one', async () => {
    const p = await oneProposal();
    const taken = await registerPlot(t);
    const plots = await count('plots');
    const dup = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody({ code: taken.code })).expect(409);
    expect(dup.body.message).toContain('地块编码已存在');
    await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody({ holderOrganisationId: t.demo.organisations.eeb })).expect(400);
    const [row] = await t.ds.query(`SELECT status, decided_at, plot_id FROM plot_proposals WHERE id = $1`, [p.id]);
    expect(row).toEqual({ status: 'proposed', decided_at: null, plot_id: null });
    expect(await count('plots')).toBe(plots);
  });

  it('the row’s boundary becomes the plot’s; one sharing area with a registered plot is refused unless the overlap is confirmed (一张图, issue 19)', async () => {
    const existing = await registerPlot(t, { boundary: square(113.6, 34.9) });
    const overlapping = square(113.6005, 34.9005);
    const csv = ['原因,名称,地址,边界', `关闭,与已登记地块重叠的企业,某地址,${csvCell(overlapping)}`].join('\n');
    const list = await upload('miit', csv, 'b.csv').expect(201);
    const [p] = (await proposalsOf('eeb', list.body.id)).items;
    expect(p.matchedPlot).toMatchObject({ id: existing.id });
    const refused = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(409);
    expect(refused.body).toMatchObject({ code: 'BOUNDARY_OVERLAP', overlaps: [expect.objectContaining({ id: existing.id })] });
    expect((await t.http.get(`/proposals/${p.id}`).set(await t.as('eeb')).expect(200)).body.status).toBe('proposed');
    const ok = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody({ confirmOverlap: true })).expect(201);
    expect(ok.body.plot.boundary.coordinates).toEqual(overlapping.coordinates);
  });

  it('a proposal already decided cannot be decided again: 409 on a second confirm and on a dismiss after it', async () => {
    const p = await oneProposal();
    await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(201);
    const again = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(confirmBody()).expect(409);
    expect(again.body.message).toContain('已确认');
    await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('eeb')).send({ reason: '重复提交的线索' }).expect(409);
  });

  it('dismissing needs a reason of at least 4 characters, and records who and when', async () => {
    const p = await oneProposal('破产');
    await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('eeb')).send({}).expect(400);
    await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('eeb')).send({ reason: '   不对   ' }).expect(400);
    const res = await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('eeb')).send({ reason: '经核实为服装加工企业，无污染工序' }).expect(200);
    expect(res.body).toMatchObject({ status: 'dismissed', statusLabel: '已排除', decisionReason: '经核实为服装加工企业，无污染工序', decidedByName: expect.stringContaining('王审查') });
    expect(Date.parse(res.body.decidedAt)).not.toBeNaN();
    await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('eeb')).send({ reason: '再次排除试试' }).expect(409);
  });

  it('only the district 生态环境 bureau of the plot decides: city 403, another district 404, the land bureau 403', async () => {
    const p = await oneProposal();
    await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb-city')).send(confirmBody()).expect(403);
    await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('eeb-city')).send({ reason: '不属于本级' }).expect(403);
    await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb-xy')).send(confirmBody()).expect(404);
    await t.http.post(`/proposals/${p.id}/dismiss`).set(await t.as('land')).send({ reason: '土地部门不能排除' }).expect(403);
    // Refused before the body is looked at: a bad body still answers 403.
    await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb-city')).send({ nonsense: true }).expect(403);
  });

  it('the demo: the land bureau’s quarterly list of two rows proposes two suspected plots', async () => {
    const before = await count('plot_proposals');
    await seedDemoProposals(t.app, t.demo.users);
    expect(await count('plot_proposals')).toBe(before + 2);
    const lists = (await t.http.get('/proposal-lists').set(await t.as('eeb')).expect(200)).body.items;
    expect(lists[0]).toMatchObject({ source: 'land_quarterly', rowCount: 2, quarter: '2026Q4' });
  });
});
