import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { plotBody } from './factories/plots';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const CONTACT = { contactName: '李先生', contactPhone: '13800000000' };

describeEachDatabase('12369 公众举报 (issue 21, 土壤法第八十四条)', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-05-06');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  const form = (fields: Record<string, string> = {}, photos: Array<[Buffer, string, string]> = [[PNG, 'a.png', 'image/png']]) => {
    let req = t.http.post('/public/reports');
    const all = { description: '原化工厂旧址夜间有车辆倾倒黑色废液，气味刺鼻', jurisdiction: '410106', lon: '113.2801', lat: '34.8102', seenOn: '2026-05-05', ...CONTACT, ...fields };
    for (const [k, v] of Object.entries(all)) if (v !== '') req = req.field(k, v);
    for (const [b, name, type] of photos) req = req.attach('photos', b, { filename: name, contentType: type });
    return req;
  };
  const count = async () => (await t.http.get('/public-reports').set(await t.as('eeb')).expect(200)).body.total as number;
  const send = async (id: string, event: Record<string, unknown>, as = 'eeb') => t.http.post(`/public-reports/${id}/events`).set(await t.as(as)).send(event);
  let code: string;
  let id: string;

  it('土壤法第八十四条: anyone reports without logging in and is answered with an unguessable receipt code; the first audit row has no user and records no identity', async () => {
    const res = await form({}, [[PNG, 'a.png', 'image/png'], [JPEG, 'b.jpg', 'image/jpeg']]).expect(201);
    code = res.body.receiptCode;
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{12}$/);
    const list = await t.http.get('/public-reports').set(await t.as('eeb')).expect(200);
    expect(list.body.items).toHaveLength(1);
    id = list.body.items[0].id;
    expect(list.body.items[0]).toMatchObject({ status: '已受理', awaiting: { step: '分派承办人', dueOn: '2026-05-07', overdue: false } });
    const tasks = await t.http.get('/me/tasks').set(await t.as('eeb')).expect(200);
    expect(tasks.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'public_report', id, dueDate: '2026-05-07', stateLabel: '已受理', title: expect.stringContaining('分派承办人') })]));
    expect((await t.http.get('/me/tasks').set(await t.as('eeb-xy')).expect(200)).body.items.some((i: { kind: string }) => i.kind === 'public_report')).toBe(false);
    const [row] = await t.ds.query(`SELECT actor_user_id, role, organisation_id, actor_name, payload FROM audit_log WHERE entity_type = 'public_report' AND entity_id = $1 AND seq = 1`, [id]);
    expect(row).toMatchObject({ actor_user_id: null, organisation_id: null, role: 'public', actor_name: '公众' });
    expect(JSON.stringify(row.payload)).not.toContain('李先生');
    expect(JSON.stringify(row.payload)).not.toContain('13800000000');
  });

  it('土壤法第八十四条 (予以保密): the receipt code shows the status and never the reporter; the contact is seen by the handling district bureau only', async () => {
    const status = await t.http.get(`/public/reports/${code}`).expect(200);
    expect(status.body).toMatchObject({ receiptCode: code, status: '已受理', closed: false, reply: null, jurisdiction: '郑州市上街区' });
    expect(JSON.stringify(status.body)).not.toMatch(/李先生|13800000000|废液/);
    expect((await t.http.get('/public/reports/ABCDEFGHJKMN').expect(404)).body.message).toContain('回执码');
    const district = await t.http.get(`/public-reports/${id}`).set(await t.as('eeb')).expect(200);
    expect(district.body.contact).toEqual({ visible: true, ...{ name: '李先生', phone: '13800000000' } });
    expect(district.body.photoCount).toBe(2);
    const province = await t.http.get(`/public-reports/${id}`).set(await t.as('eeb-prov')).expect(200);
    expect(province.body.contact.visible).toBe(false);
    expect(JSON.stringify(province.body)).not.toMatch(/李先生|13800000000/);
    expect(province.body.contact.note).toContain('土壤法第八十四条');
    expect((await t.http.get(`/public-reports/${id}`).set(await t.as('eeb-xy'))).status).toBe(404);
    expect((await t.http.get('/public-reports').set(await t.as('holder'))).status).toBe(403);
    const photo = await t.http.get(`/public-reports/${id}/photos/2`).set(await t.as('eeb')).expect(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
  });

  it('一张图: the handling district bureau sees its located cases in the viewport as points, never the reporter (土壤法第八十四条); other bureaus see none', async () => {
    const bbox = '113.2,34.7,113.4,34.9';
    const res = await t.http.get(`/public-reports/map?bbox=${bbox}`).set(await t.as('eeb')).expect(200);
    expect(res.body.features).toEqual([expect.objectContaining({ id, geometry: { type: 'Point', coordinates: [113.2801, 34.8102] }, properties: expect.objectContaining({ status: '已受理', closed: false }) })]);
    expect(JSON.stringify(res.body)).not.toMatch(/李先生|13800000000|contact/);
    expect((await t.http.get('/public-reports/map?bbox=113.3,34.7,113.4,34.9').set(await t.as('eeb')).expect(200)).body.features).toEqual([]);
    expect((await t.http.get(`/public-reports/map?bbox=${bbox}`).set(await t.as('eeb-prov')).expect(200)).body.features).toEqual([]);
    expect((await t.http.get(`/public-reports/map?bbox=${bbox}`).set(await t.as('eeb-xy')).expect(200)).body.features).toEqual([]);
    expect((await t.http.get(`/public-reports/map?bbox=${bbox}`).set(await t.as('holder'))).status).toBe(403);
    expect((await t.http.get(`/public-reports/map?bbox=${bbox}`)).status).toBe(401);
    const bad = await t.http.get('/public-reports/map?bbox=34.7,113.2,34.9,113.4').set(await t.as('eeb'));
    expect(bad.status).toBe(400);
    expect((await t.http.get('/public-reports/map').set(await t.as('eeb'))).status).toBe(400);
  });

  it('a photo that is not a JPEG, PNG or WebP image by its content is refused 415, one over 5 MB 413, and nothing is written', async () => {
    const before = await count();
    const pdf = await form({}, [[PNG, 'ok.png', 'image/png'], [await makePdf('not a photo'), 'photo.jpg', 'image/jpeg']]);
    expect(pdf.status).toBe(415);
    expect(pdf.body.message).toContain('第 2 张照片不是 JPEG、PNG 或 WebP 图片');
    const big = await form({}, [[Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'big.png', 'image/png']]);
    expect(big.status).toBe(413);
    const noPlace = await form({ lon: '', lat: '', address: '' });
    expect(noPlace.status).toBe(400);
    expect(JSON.stringify(noPlace.body)).toContain('请在地图上点选位置，或填写地址');
    expect((await form({ seenOn: '2026-05-07' })).status).toBe(400);
    expect((await form({ jurisdiction: '999999' })).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('土壤法第八十四条: the district bureau takes the case to its reply; it closes only once the reward is decided; the reply is read by receipt code', async () => {
    expect((await send(id, { type: 'ASSIGN', officer: '王科员' }, 'eeb-prov')).status).toBe(403);
    expect((await send(id, { type: 'ASSIGN', officer: '王科员' })).status).toBe(200);
    expect((await send(id, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-04', findings: '早于受理' })).status).toBe(422);
    expect((await send(id, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-06', findings: '现场发现倾倒痕迹和黑色液体' })).status).toBe(200);
    expect((await send(id, { type: 'RECORD_HANDLING', measures: '责令清理，立案调查' })).status).toBe(200);
    const replied = await send(id, { type: 'REPLY', reply: '经核查，举报情况属实，已责令清理并立案调查。感谢您的监督。' });
    expect(replied.status).toBe(200);
    expect(replied.body.status).toBe('已答复');
    const early = await send(id, { type: 'CLOSE' });
    expect(early.status).toBe(422);
    expect(early.body.message).toContain('土壤法第八十四条');
    expect((await send(id, { type: 'RECORD_REWARD', granted: true, reason: '实名举报，查证属实', amountYuan: 2000 })).status).toBe(200);
    const closed = await send(id, { type: 'CLOSE' });
    expect(closed.status).toBe(200);
    const status = await t.http.get(`/public/reports/${code.toLowerCase()}`).expect(200);
    expect(status.body).toMatchObject({ status: '已办结', closed: true, reply: '经核查，举报情况属实，已责令清理并立案调查。感谢您的监督。', repliedOn: '2026-05-06', reward: '给予奖励' });
  });

  it('the case\'s audit chain, begun by the public sender, verifies with every other chain (administrator\'s /audit/verify)', async () => {
    const res = await t.http.get('/audit/verify').set(await t.as('admin')).expect(200);
    expect(res.body).toMatchObject({ valid: true });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'public_report' AND entity_id = $1`, [id]);
    expect(n).toBe(7); // RECEIVE, ASSIGN, RECORD_SITE_CHECK, RECORD_HANDLING, REPLY, RECORD_REWARD, CLOSE; refusals write nothing
  });

  it('the public form is throttled per client address: past its quota it answers 429 in Chinese (reference/public-reports.json)', async () => {
    // One report was accepted above; the quota is 5 an hour.
    for (let i = 0; i < 4; i++) await form({ address: `上街区某路 ${i} 号`, lon: '', lat: '' }, []).expect(201);
    const refused = await form({}, []);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toContain('请');
    expect(refused.body.message).toContain('12369');
  });

  it('土壤法第五十九条: a case\'s PROPOSE_SUSPECTED_PLOT puts a proposal on 疑似地块线索 with the case as its source, never the reporter; confirming it registers the suspected plot', async () => {
    const open = (await t.http.get('/public-reports?state=received').set(await t.as('eeb')).expect(200)).body.items;
    const caseId = open.find((c: { id: string }) => c.id !== id).id;
    await send(caseId, { type: 'ASSIGN', officer: '王科员' }).then((r) => expect(r.status).toBe(200));
    await send(caseId, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-06', findings: '旧厂房内堆放废桶，地面有油污' }).then((r) => expect(r.status).toBe(200));
    const before = (await t.http.get('/proposals').set(await t.as('eeb')).expect(200)).body.total;
    const proposed = await send(caseId, { type: 'PROPOSE_SUSPECTED_PLOT', reason: '原电镀企业旧址，现场见废桶和油污' });
    expect(proposed.status).toBe(200);
    expect((await send(caseId, { type: 'PROPOSE_SUSPECTED_PLOT', reason: '再次' })).status).toBe(422);
    const list = (await t.http.get('/proposals?status=proposed').set(await t.as('eeb')).expect(200)).body;
    expect(list.total).toBe(before + 1);
    const p = list.items.find((i: { publicReportId: string | null }) => i.publicReportId === caseId);
    expect(p).toMatchObject({ source: 'public_report', sourceLabel: '12369 公众举报', reason: 'publicReport', reasonLabel: '公众举报', listId: null,
      note: '原电镀企业旧址，现场见废桶和油污', jurisdictionCode: '410106', address: expect.stringContaining('上街区某路'), status: 'proposed' });
    expect(JSON.stringify(p)).not.toMatch(/李先生|13800000000/);
    // The 工信 and 自然资源 bureaus see only their own lists' rows.
    expect((await t.http.get(`/proposals/${p.id}`).set(await t.as('land'))).status).toBe(404);
    const { jurisdiction: _j, address: _a, ...body } = plotBody(t);
    const confirmed = await t.http.post(`/proposals/${p.id}/confirm`).set(await t.as('eeb')).send(body).expect(201);
    expect(confirmed.body.proposal).toMatchObject({ status: 'confirmed', plotId: confirmed.body.plot.id, publicReportId: caseId });
    expect(confirmed.body.plot.context.registrationReason).toBe('suspected');
  });
});
