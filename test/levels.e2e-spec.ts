import { DEMO_USERS } from '../src/demo/demo-directory';
import { seedDemoDirectory } from '../src/demo/seed-demo';
import { DirectoryRepository } from '../src/organisations/directory.repository';
import { plotVisibility } from '../src/plots/plot-access';
import { PlotWorkflowAdapter } from '../src/plots/plot-workflow.adapter';
import { TransportsRepository } from '../src/transports/transports.repository';
import type { Principal } from '../src/auth/principal';
import { registerPlot } from './factories/plots';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';

/** The demo users of every level (DESIGN §7 rev. 2): their level of government and organisation. */
const WHO: Array<[string, string | null, string]> = [
  ['eeb', 'district', '郑州市生态环境局上街分局'],
  ['land', 'district', '郑州市上街区自然资源局'],
  ['eeb-xy', 'district', '荥阳市生态环境局'],
  ['eeb-city', 'city', '郑州市生态环境局'],
  ['land-city', 'city', '郑州市自然资源和规划局'],
  ['eeb-prov', 'province', '河南省生态环境厅'],
  ['land-prov', 'province', '河南省自然资源厅'],
  ['holder', null, '上街区某铝业有限公司'],
  ['consultant', null, '某环境调查评估有限公司'],
  ['expert1', null, '某环境科学研究院'],
  ['expert2', null, '某环境科学研究院'],
  ['expert3', null, '某大学环境学院'],
  ['admin', null, '系统管理'],
];

describeEachDatabase('levels of government: the jurisdiction tree, the demo bureaus of every level, visibility by subtree (DESIGN §1.1)', (target) => {
  let t: TestApp;
  /** a plot of 上街区 (410106), registered by its district bureau */
  let district: string;
  /** a plot of 荥阳市 (410182), registered by its bureau */
  let xingyang: string;

  const principalOf = async (username: string): Promise<Principal> =>
    (await t.app.get(DirectoryRepository).findPrincipal(t.demo.users[username], 0))!;
  const listIds = async (username: string, query: Record<string, string> = {}) => {
    const res = await t.http.get('/plots').query({ pageSize: '100', ...query }).set(await t.as(username)).expect(200);
    return res.body.items.map((p: { id: string }) => p.id);
  };

  beforeAll(async () => {
    t = await startTestApp(target);
    district = (await registerPlot(t)).id;
    xingyang = (await registerPlot(t, { jurisdiction: '410182', address: '荥阳市测试路 2 号' }, 'eeb-xy')).id;
  });
  afterAll(() => t?.close());

  it.each(WHO)('DESIGN §7 rev. 2: demo user %s logs in; the login and /me show the level %s and the organisation %s', async (username, level, organisation) => {
    const login = await t.http.post('/auth/login').send({ username, password: 'demo1234' }).expect(200);
    expect(login.body.user).toMatchObject({ username, level, organisationName: organisation });
    const me = await t.http.get('/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username, level, organisationName: organisation, organisationId: t.demo.organisations[DEMO_USERS.find((u) => u.username === username)!.org] });
  });

  it('DESIGN §1.1: the jurisdictions form a tree by code, 410000 河南省 → 410100 郑州市 → 410106 上街区 and 410182 荥阳市, each with its level', async () => {
    const res = await t.http.get('/admin/jurisdictions').set(await t.as('admin')).expect(200);
    const tree = Object.fromEntries(res.body.map((j: { code: string; parentCode: string | null; level: string }) => [j.code, [j.parentCode, j.level]]));
    expect(tree).toEqual({
      '410000': [null, 'province'],
      '410100': ['410000', 'city'],
      '410106': ['410100', 'district'],
      '410182': ['410100', 'district'],
    });
  });

  it('DESIGN §1.1: the 上街 bureau is 郑州市生态环境局上街分局, a 派出分局 of the city bureau, and keeps 上环 for its filing numbers', async () => {
    const res = await t.http.get('/admin/organisations').set(await t.as('admin')).expect(200);
    const byName = new Map(res.body.map((o: { name: string }) => [o.name, o]));
    expect(byName.get('郑州市生态环境局上街分局')).toMatchObject({ id: t.demo.organisations.eeb, kind: 'eeb', jurisdictionCode: '410106', level: 'district', shortName: '上环' });
    expect(byName.has('郑州市上街区生态环境分局')).toBe(false);
    expect(byName.get('郑州市生态环境局')).toMatchObject({ id: t.demo.organisations.eebCity, level: 'city', shortName: '郑环' });
    expect(byName.get('郑州市自然资源和规划局')).toMatchObject({ id: t.demo.organisations.landCity, level: 'city', shortName: '郑资规' });
    expect(byName.get('河南省生态环境厅')).toMatchObject({ id: t.demo.organisations.eebProv, level: 'province', shortName: '豫环' });
    expect(byName.get('河南省自然资源厅')).toMatchObject({ id: t.demo.organisations.landProv, level: 'province', shortName: '豫自然资' });
    expect(byName.get('某环境科学研究院')).toMatchObject({ id: t.demo.organisations.institute, kind: 'expert', level: null });
    expect(byName.get('某大学环境学院')).toMatchObject({ id: t.demo.organisations.university, kind: 'expert', level: null });
  });

  it.each(['eeb-prov', 'land-prov', 'eeb-city', 'land-city'])(
    'DESIGN §1.1 (土壤法第六十条、第六十一条: the province reviews and lists): %s sees the district’s plot, alone and in its list',
    async (username) => {
      const res = await t.http.get(`/plots/${district}`).set(await t.as(username)).expect(200);
      expect(res.body).toMatchObject({ id: district, jurisdiction: '410106' });
      expect(await listIds(username)).toEqual(expect.arrayContaining([district, xingyang]));
    },
  );

  it('DESIGN §1.1: the city sees a 荥阳市 (410182) plot; the bureaus of 上街区 (410106) do not (404), and 荥阳市’s not 上街区’s', async () => {
    await t.http.get(`/plots/${xingyang}`).set(await t.as('eeb-city')).expect(200);
    for (const username of ['eeb', 'land']) {
      await t.http.get(`/plots/${xingyang}`).set(await t.as(username)).expect(404);
      const ids = await listIds(username);
      expect(ids).toContain(district);
      expect(ids).not.toContain(xingyang);
    }
    await t.http.get(`/plots/${district}`).set(await t.as('eeb-xy')).expect(404);
    expect(await listIds('eeb-xy')).toEqual([xingyang]);
  });

  it('DESIGN §1.1: seeing is not deciding — the city’s bureau may not send the district’s events (403)', async () => {
    const res = await t.http.post(`/plots/${district}/events`).set(await t.as('eeb-city')).send({ type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-12-31' });
    expect([403, 409, 422]).toContain(res.status);
    expect((await t.http.get(`/plots/${district}`).set(await t.as('eeb')).expect(200)).body.version).toBe(1);
  });

  it('DESIGN §1.1, reference/decision-steps.json: each decision step names the deciding bureaus of the plot’s district, city or province as registered — read with the plot, equal to the directory’s own lookup, for 上街区 and 荥阳市', async () => {
    const adapter = t.app.get(PlotWorkflowAdapter);
    for (const [id, who, jurisdiction] of [[district, 'eeb', '410106'], [xingyang, 'eeb-xy', '410182']] as const) {
      const plot = (await t.http.get(`/plots/${id}`).set(await t.as(who)).expect(200)).body;
      const looked = await adapter.decisionSteps(t.ds.manager, plot.state, jurisdiction);
      expect(plot.decisions).toEqual(looked);
      const named = new Set(plot.decisions.flatMap((d: { organisations: Array<string | null> }) => d.organisations));
      expect(named).toContain('河南省生态环境厅');
    }
    // A disabled bureau is not named (the directory's lookup leaves it out too).
    await t.ds.query(`UPDATE organisations SET disabled = true WHERE id = $1`, [t.demo.organisations.eebProv]);
    try {
      const plot = (await t.http.get(`/plots/${district}`).set(await t.as('eeb')).expect(200)).body;
      expect(plot.decisions).toEqual(await adapter.decisionSteps(t.ds.manager, plot.state, '410106'));
      expect(plot.decisions.flatMap((d: { organisations: Array<string | null> }) => d.organisations)).not.toContain('河南省生态环境厅');
    } finally {
      await t.ds.query(`UPDATE organisations SET disabled = false WHERE id = $1`, [t.demo.organisations.eebProv]);
    }
  });

  it('评审专家 (环办土壤〔2019〕63号) see nothing before they sit on a panel: /me answers, the plot list is empty, a plot is 404, the registers 403 — never 500', async () => {
    await t.http.get('/me').set(await t.as('expert1')).expect(200);
    expect(await listIds('expert1')).toEqual([]);
    await t.http.get(`/plots/${district}`).set(await t.as('expert1')).expect(404);
    await t.http.get(`/plots/${district}/history`).set(await t.as('expert2')).expect(404);
    await t.http.get(`/plots/${district}/documents`).set(await t.as('expert3')).expect(404);
    expect((await t.http.get('/me/tasks').set(await t.as('expert1')).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/me/notifications').set(await t.as('expert1')).expect(200)).body.items).toEqual([]);
    await t.http.get('/registers/listed').set(await t.as('expert1')).expect(403);
  });

  it('DESIGN §1.1: a transport is seen by the bureaus above its origin and, until cancelled, by the environment bureaus above its destination', async () => {
    const [row] = await t.ds.query(
      `INSERT INTO transports (plot_id, holder_organisation_id, origin_jurisdiction, destination_jurisdiction, machine_name, machine_version, state, snapshot, created_by)
       VALUES ($1, $2, '410106', '410182', 'soil-transport', 1, 'filed', '{}', $3) RETURNING id`,
      [district, t.demo.organisations.holder, t.demo.users.holder],
    );
    const transports = t.app.get(TransportsRepository);
    const sees = async (username: string) => Boolean(await transports.findVisible(await principalOf(username), row.id));
    const seen: Record<string, boolean> = {};
    for (const username of ['eeb', 'land', 'eeb-xy', 'eeb-city', 'land-city', 'eeb-prov', 'land-prov', 'expert1']) seen[username] = await sees(username);
    expect(seen).toEqual({ eeb: true, land: true, 'eeb-xy': true, 'eeb-city': true, 'land-city': true, 'eeb-prov': true, 'land-prov': true, expert1: false });
    await t.ds.query(`UPDATE transports SET state = 'cancelled' WHERE id = $1`, [row.id]);
    expect(await sees('eeb-xy')).toBe(false);
    expect(await sees('eeb-city')).toBe(true);
    await t.ds.query(`UPDATE transports SET origin_jurisdiction = '410182', state = 'filed' WHERE id = $1`, [row.id]);
    expect(await sees('eeb')).toBe(false);
  });

  it('the admin API refuses a bureau without a jurisdiction (400 jurisdictionCode) and gives a bureau the level of its jurisdiction', async () => {
    const admin = await t.as('admin');
    const missing = await t.http.post('/admin/organisations').set(admin).send({ name: '某市生态环境局', kind: 'eeb' }).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'jurisdictionCode' })]);
    const wrong = await t.http.post('/admin/organisations').set(admin).send({ name: '荥阳市自然资源局', kind: 'land', jurisdictionCode: '410182', level: 'city' }).expect(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'level' })]);
    const made = await t.http.post('/admin/organisations').set(admin).send({ name: '荥阳市自然资源局', kind: 'land', jurisdictionCode: '410182' }).expect(201);
    expect(made.body).toMatchObject({ kind: 'land', jurisdictionCode: '410182', level: 'district' });
  });

  it('the admin API refuses a jurisdiction whose parent is not its ancestor by code or is not registered (400 parentCode); without a parent it takes the nearest above', async () => {
    const admin = await t.as('admin');
    const notAncestor = await t.http.post('/admin/jurisdictions').set(admin).send({ code: '410102', name: '中原区', parentCode: '410106' }).expect(400);
    expect(notAncestor.body.errors).toEqual([expect.objectContaining({ field: 'parentCode' })]);
    const unregistered = await t.http.post('/admin/jurisdictions').set(admin).send({ code: '410301', name: '洛阳市老城区', parentCode: '410300' }).expect(400);
    expect(unregistered.body.errors).toEqual([expect.objectContaining({ field: 'parentCode' })]);
    const zhongyuan = await t.http.post('/admin/jurisdictions').set(admin).send({ code: '410102', name: '中原区' }).expect(201);
    expect(zhongyuan.body).toMatchObject({ code: '410102', parentCode: '410100', level: 'district' });
    // 洛阳市老城区 first, then 洛阳市: the city becomes the district's parent.
    await t.http.post('/admin/jurisdictions').set(admin).send({ code: '410302', name: '洛阳市老城区', parentCode: '410000' }).expect(201);
    await t.http.post('/admin/jurisdictions').set(admin).send({ code: '410300', name: '洛阳市' }).expect(201);
    const all = (await t.http.get('/admin/jurisdictions').set(admin).expect(200)).body;
    expect(all.find((j: { code: string }) => j.code === '410302')).toMatchObject({ parentCode: '410300' });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM jurisdictions WHERE parent_code IS NOT NULL AND NOT (code LIKE left(parent_code, 2) || '%')`);
    expect(n).toBe(0);
  });

  it('the database refuses a parent that is not an ancestor and a level that disagrees with the code (jurisdictions_parent_is_ancestor, generated levels)', async () => {
    const bad = await t.ds.query(`UPDATE jurisdictions SET parent_code = '410182' WHERE code = '410106'`).catch((e: Error) => e);
    expect(String((bad as Error).message)).toMatch(/jurisdictions_parent_is_ancestor/);
    const level = await t.ds.query(`UPDATE organisations SET level = 'province' WHERE id = $1`, [t.demo.organisations.eeb]).catch((e: Error) => e);
    expect(level).toBeInstanceOf(Error);
  });

  it('a subtree (jurisdiction_code LIKE \'4101%\') is read through an index on a few thousand plots, not a scan (migration JurisdictionLevels: text_pattern_ops)', async () => {
    await t.ds.query(`INSERT INTO jurisdictions (code, name) SELECT (410000 + g * 100)::text, '测试市' || g FROM generate_series(2, 40) g ON CONFLICT DO NOTHING`);
    await t.ds.query(
      `INSERT INTO plots (code, name, address, jurisdiction_code, area_m2, former_industry, current_use, planned_use, planned_land_class,
                          holder_organisation_id, machine_name, machine_version, state, snapshot)
       SELECT 'BULK-' || g, '测试地块' || g, '测试路', (410000 + (2 + g % 39) * 100)::text, 1000, '化工', '工业', '工业', 2,
              $1, 'plot-lifecycle', 1, 'suspected', '{}'
         FROM generate_series(1, 4000) g`,
      [t.demo.organisations.holder],
    );
    await t.ds.query(`ANALYZE plots`);
    const params: unknown[] = [];
    const condition = plotVisibility(await principalOf('eeb-city'), 'p', params);
    const plan = JSON.stringify(await t.ds.query(`EXPLAIN (FORMAT JSON) SELECT count(*) FROM plots p WHERE ${condition}`, params));
    // In the C collation (PGlite) any b-tree on the column serves the prefix; in others only the text_pattern_ops one.
    expect(plan).toMatch(/"Index Name":"plots_jurisdiction_\w+_idx"/);
    expect(plan).toMatch(/"Index Cond":"[^"]*jurisdiction_code[^"]*'4101'::text[^"]*jurisdiction_code[^"]*'4102'::text/);
    expect(plan).not.toContain('"Seq Scan"');
    // The plot list of the province bureau still answers every plot of the province.
    const res = await t.http.get('/plots').query({ pageSize: '1' }).set(await t.as('eeb-prov')).expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(4002);
  });

  it('DESIGN §7: seeding again changes nothing; a directory seeded by the older demo gets the renamed district bureau back, with the same id, and the users it lacked', async () => {
    const directory = t.app.get(DirectoryRepository);
    const again = await seedDemoDirectory(directory);
    expect(again).toMatchObject({ seeded: false, organisations: t.demo.organisations, users: expect.objectContaining(t.demo.users) });
    await t.ds.query(`UPDATE organisations SET name = '郑州市上街区生态环境分局' WHERE id = $1`, [t.demo.organisations.eeb]);
    await t.ds.query(`DELETE FROM users WHERE username IN ('expert3', 'land-prov')`);
    // The start's one-statement check sees what the ensures would add: an unknown code, a name not there, a former name left.
    await expect(directory.holdsDirectory(['410000', '410106'], ['郑州市上街区生态环境分局'], ['郑州市上街区生态环境分局'])).resolves.toBe(false);
    await expect(directory.holdsDirectory(['410000', '999999'], ['郑州市上街区生态环境分局'], [])).resolves.toBe(false);
    await expect(directory.holdsDirectory(['410000', '410106'], ['郑州市生态环境局上街分局'], [])).resolves.toBe(false);
    await expect(directory.holdsDirectory(['410000', '410106'], ['郑州市上街区生态环境分局'], ['某不存在的旧名'])).resolves.toBe(true);
    const older = await seedDemoDirectory(directory);
    expect(older.seeded).toBe(false);
    expect(older.organisations.eeb).toBe(t.demo.organisations.eeb);
    expect(older.users).toEqual(expect.objectContaining({ expert3: expect.any(String), 'land-prov': expect.any(String) }));
    const names = await t.ds.query(`SELECT name FROM organisations WHERE name IN ('郑州市上街区生态环境分局', '郑州市生态环境局上街分局')`);
    expect(names).toEqual([{ name: '郑州市生态环境局上街分局' }]);
    const login = await t.http.post('/auth/login').send({ username: 'expert3', password: 'demo1234' }).expect(200);
    expect(login.body.user).toMatchObject({ organisationName: '某大学环境学院', role: 'expert' });
  });
});
