import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../src/common/credit-code';
import { seedDemoPlots } from '../src/demo/demo-plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

function square(w: number, s: number, d = 0.001) {
  return { type: 'Polygon', coordinates: [[[w, s], [w + d, s], [w + d, s + d], [w, s + d], [w, s]]] };
}
const csvCell = (v: unknown) => `"${JSON.stringify(v).replace(/"/g, '""')}"`;

describeEachDatabase('Land-supply check for 自然资源 (供地核查, issue 18): plots and open proposals the parcel overlaps, with one verdict', (target) => {
  let t: TestApp;
  const plotOf = async (code: string) => {
    const list = (await t.http.get(`/plots?q=${code}`).set(await t.as('admin')).expect(200)).body.items;
    return (await t.http.get(`/plots/${list[0].id}`).set(await t.as('admin')).expect(200)).body;
  };
  const check = async (as: string, body: Record<string, unknown>, status = 200) =>
    (await t.http.post('/land-supply/check').set(await t.as(as)).send(body).expect(status)).body;
  const landUseCheck = async (plotId: string, use: string) =>
    (await t.http.get(`/land-use-check?plotId=${plotId}&use=${encodeURIComponent(use)}`).set(await t.as('land')).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp(target);
    await seedDemoPlots(t.app, t.demo.users, t.demo.organisations);
  });
  afterAll(() => t?.close());

  it('a parcel that is a listed plot short of its targets: 不得供地 (土壤法第六十六条第三款), with the plot’s stage and the land-use check’s own verdict', async () => {
    const listed = await plotOf('SJ-2026-003');
    expect(listed.state).toMatch(/^listed\./);
    const res = await check('land', { parcelCode: 'SJ-2026-003', intendedUse: '住宅' });
    expect(res.summary).toMatchObject({ verdict: 'refuse', label: '不得供地', basis: '土壤法第六十六条第三款' });
    expect(res.plots).toHaveLength(1);
    const [p] = res.plots;
    expect(p).toMatchObject({ plot: { id: listed.id, code: 'SJ-2026-003' }, matchedBy: 'code', state: listed.state });
    expect(p.stage).toMatch(/[\u4e00-\u9fff]/);
    const direct = await landUseCheck(listed.id, '住宅');
    expect(p.verdict).toEqual({ permitted: direct.permitted, reason: direct.reason });
    expect(p.verdict.permitted).toBe(false);
  });

  it('a parcel overlapping a released plot fit for the first class: 可按拟供用途供地 for housing, found by its boundary alone', async () => {
    const released = await plotOf('SJ-2026-001');
    expect(released.state).toBe('released');
    const res = await check('land', { boundary: released.boundary, intendedUse: '住宅用地' });
    expect(res.plots.map((p: { plot: { code: string }; matchedBy: string }) => [p.plot.code, p.matchedBy])).toEqual([['SJ-2026-001', 'boundary']]);
    expect(res.plots[0].verdict).toEqual({ permitted: true, reason: (await landUseCheck(released.id, '住宅用地')).reason });
    expect(res.summary).toMatchObject({ verdict: 'supplyAsIntended', label: '可按拟供用途供地' });
    expect(res.use).toMatchObject({ name: '居住用地', landClass: 1 });
  });

  it('a parcel on a suspected plot not yet investigated: 须先开展土壤污染状况调查 (土壤法第五十九条、第六十七条)', async () => {
    const res = await check('land', { parcelCode: 'SJ-2026-006', intendedUse: '工业用地' });
    expect(res.plots[0].state).toMatch(/^(suspected|investigation)/);
    expect(res.summary).toMatchObject({ verdict: 'investigateFirst', label: '须先开展土壤污染状况调查', basis: '土壤法第五十九条、第六十七条' });
  });

  it('a parcel overlapping nothing in the system: 可按拟供用途供地, reminding of 第五十九条第二款', async () => {
    const res = await check('eeb', { boundary: square(113.9, 34.9), intendedUse: '住宅' });
    expect(res).toMatchObject({ plots: [], proposals: [], summary: { verdict: 'supplyAsIntended' } });
    expect(res.summary.text).toContain('土壤法第五十九条第二款');
  });

  it('a parcel overlapping a suspected plot still proposed on a list: 须先开展土壤污染状况调查', async () => {
    const csv = ['原因,名称,地址,边界', `收回,某厂旧址,上街区某路,${csvCell(square(113.8, 34.85))}`].join('\n');
    await t.http.post('/proposal-lists').set(await t.as('land')).attach('file', Buffer.from(csv), 'q.csv').field('quarter', '2026Q4').expect(201);
    const res = await check('land', { boundary: square(113.8005, 34.8505), intendedUse: '住宅' });
    expect(res.plots).toEqual([]);
    expect(res.proposals).toEqual([expect.objectContaining({ name: '某厂旧址', reasonLabel: '收回', statusLabel: '待确认' })]);
    expect(res.summary.verdict).toBe('investigateFirst');
    // Another district's land bureau does not see the proposal.
    expect((await check('eeb-xy', { boundary: square(113.8005, 34.8505), intendedUse: '住宅' })).proposals).toEqual([]);
  });

  it('土壤法第六十七条: a parcel overlapping the site of a key supervised unit not yet investigated: 须先开展土壤污染状况调查, the unit named; another district learns nothing of it', async () => {
    const body8 = 'LT000001';
    const first17 = `91410106${body8}${organisationCodeCheckCharacter(body8)}`;
    const site = square(113.7, 34.86, 0.002);
    const unit = (await t.http.post('/key-units').set(await t.as('eeb')).send({
      creditCode: first17 + creditCodeCheckCharacter(first17), name: '上街区某电缆有限公司', industry: 'carbon',
      organisationId: t.demo.organisations.holder2, address: '上街区某路 8 号', siteBoundary: site, listedOn: '2025-03-01',
      reason: '重点行业企业，纳入重点监管单位名录',
    }).expect(201)).body;
    const res = await check('land', { boundary: square(113.701, 34.861), intendedUse: '住宅' });
    expect(res.plots).toEqual([]);
    expect(res.keyUnits).toEqual([expect.objectContaining({ id: unit.id, name: '上街区某电缆有限公司', sitePlotId: null })]);
    expect(res.keyUnits[0].stateLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(res.summary.verdict).toBe('investigateFirst');
    expect(res.summary.text).toContain('土壤污染重点监管单位的生产经营用地');
    expect((await check('eeb-xy', { boundary: square(113.701, 34.861), intendedUse: '住宅' })).keyUnits).toEqual([]);
    // Beside the site, not on it: nothing to investigate for the unit.
    expect((await check('land', { boundary: square(113.71, 34.86), intendedUse: '住宅' })).keyUnits).toEqual([]);
  });

  it('only plots of the caller’s subtree are checked: another district’s bureau learns nothing of 上街区’s listed plot', async () => {
    const res = await check('eeb-xy', { parcelCode: 'SJ-2026-003', intendedUse: '住宅' });
    expect(res.plots).toEqual([]);
    expect((await check('land-city', { parcelCode: 'SJ-2026-003', intendedUse: '住宅' })).summary.verdict).toBe('refuse');
  });

  it('roles: holders, consultants and the 工信 bureau are refused 403; bad input is 400 in Chinese', async () => {
    for (const as of ['holder', 'consultant', 'miit']) await check(as, { parcelCode: 'SJ-2026-003', intendedUse: '住宅' }, 403);
    const none = await check('land', { intendedUse: '住宅' }, 400);
    expect(none.errors[0].message).toContain('宗地编码或宗地边界');
    const unknown = await check('land', { parcelCode: 'SJ-2026-003', intendedUse: '火星用地' }, 400);
    expect(unknown.errors[0]).toMatchObject({ field: 'intendedUse' });
    const bad = await check('land', { boundary: { type: 'Polygon', coordinates: [[[113.3, 34.8], [113.31, 34.8], [113.3, 34.8]]] }, intendedUse: '住宅' }, 400);
    expect(bad.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(bad.errors)).not.toContain('polygon.coordinates');
  });
});
