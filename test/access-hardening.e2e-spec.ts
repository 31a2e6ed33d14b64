import { todayInChina } from '../src/calendar/calendar-date';
import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { openTransport, plotInRemediationWorks, sendTransport, transportPlan } from './factories/transports';

describeEachDatabase('hardening: what a destination bureau and other jurisdictions may read', (target) => {
  let t: TestApp;
  let plotId: string;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    plotId = (await plotInRemediationWorks(t)).plotId;
  });
  afterAll(() => t?.close());

  /** Everything about the origin plot that the destination bureau must not read: the answer status of each. */
  async function plotReads(username: string) {
    const as = await t.as(username);
    const paths = ['', '/reports', '/history', '/screening', '/documents', '/transports'];
    const statuses: Record<string, number> = {};
    for (const p of paths) statuses[p || '/'] = (await t.http.get(`/plots/${plotId}${p}`).set(as)).status;
    const docs = (await t.http.get(`/plots/${plotId}/documents`).set(await t.as('eeb')).expect(200)).body as Array<{ id: string; kind: string; published: boolean }>;
    // The transports' own D10 are checked on their own below.
    for (const d of docs.filter((d) => !d.published && d.kind !== 'D10')) statuses[`pdf ${d.kind}`] = (await t.http.get(`/documents/${d.id}/pdf`).set(as)).status;
    const report = (await t.http.get(`/plots/${plotId}/reports`).set(await t.as('eeb')).expect(200)).body[0];
    statuses['report file'] = (await t.http.get(`/plots/${plotId}/reports/${report.id}/file`).set(as)).status;
    const list = (await t.http.get('/plots').set(as).expect(200)).body;
    statuses['in plot list'] = list.items.some((p: { id: string }) => p.id === plotId) ? 200 : 404;
    return statuses;
  }

  it('hardening #6: a destination bureau sees the transport destined to it (plot code, name, holder, its D10), never the origin plot, its reports, history, screening or unpublished documents (docs/architecture.md, Roles: a transport’s destination sees those transports only)', async () => {
    const batch = await openTransport(t, plotId);
    await sendTransport(t, 'holder', batch.id, transportPlan('2026-07-13'));
    await t.app.get(FilingService).drain();

    const reads = await plotReads('eeb-xy');
    expect(Object.entries(reads).filter(([, status]) => status !== 404)).toEqual([]);
    expect(Object.keys(reads)).toEqual(expect.arrayContaining(['/', '/reports', '/history', '/screening', 'report file', 'pdf D1']));

    const seen = (await t.http.get(`/transports/${batch.id}`).set(await t.as('eeb-xy')).expect(200)).body;
    expect(seen).toMatchObject({ plotCode: expect.any(String), plotName: expect.any(String), holderOrganisationName: '上街区某铝业有限公司' });
    expect(seen.allowedEvents.sort()).toEqual(['ACKNOWLEDGE', 'OBJECT']);
    const docs = (await t.http.get(`/transports/${batch.id}/documents`).set(await t.as('eeb-xy')).expect(200)).body;
    expect(docs.map((d: { kind: string }) => d.kind)).toEqual(['D10']);
    const pdf = await t.http.get(`/documents/${docs[0].id}/pdf`).set(await t.as('eeb-xy'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // hardening #9, same pattern: a filing PDF's names are built by the server, an ASCII one beside the Chinese number.
    expect(pdf.headers['content-disposition']).toMatch(/^inline; filename="D10-[0-9a-f]{8}\.pdf"; filename\*=UTF-8''%E4%B8%8A/);
    // The origin bureau and the holder keep reading both; another holder reads neither.
    await t.http.get(`/transports/${batch.id}/documents`).set(await t.as('eeb')).expect(200);
    await t.http.get(`/transports/${batch.id}/documents`).set(await t.as('holder2')).expect(404);
    await t.http.get(`/documents/${docs[0].id}/pdf`).set(await t.as('holder2')).expect(404);
    await sendTransport(t, 'holder', batch.id, { type: 'CANCEL', reason: '改为原址处置' });
  });

  it('hardening #6: a cancelled transport grants its destination bureau nothing, neither the batch nor its documents (docs/architecture.md, Roles)', async () => {
    const batch = await openTransport(t, plotId);
    await sendTransport(t, 'holder', batch.id, transportPlan('2026-07-13'));
    await t.app.get(FilingService).drain();
    const d10 = (await t.http.get(`/transports/${batch.id}/documents`).set(await t.as('eeb-xy')).expect(200)).body[0];
    await sendTransport(t, 'holder', batch.id, { type: 'CANCEL', reason: '计划取消' });

    await t.http.get(`/transports/${batch.id}`).set(await t.as('eeb-xy')).expect(404);
    await t.http.get(`/transports/${batch.id}/documents`).set(await t.as('eeb-xy')).expect(404);
    await t.http.get(`/documents/${d10.id}/pdf`).set(await t.as('eeb-xy')).expect(404);
    const late = await t.http.post(`/transports/${batch.id}/events`).set(await t.as('eeb-xy')).send({ type: 'ACKNOWLEDGE' });
    expect(late.status).toBe(404);
    const tasks = (await t.http.get('/me/tasks').set(await t.as('eeb-xy')).expect(200)).body.items;
    expect(tasks.filter((i: { id: string }) => i.id === batch.id)).toEqual([]);
    expect(Object.values(await plotReads('eeb-xy')).filter((s) => s !== 404)).toEqual([]);
    // The origin keeps its record of the cancelled batch.
    expect((await t.http.get(`/transports/${batch.id}`).set(await t.as('eeb')).expect(200)).body.state).toBe('cancelled');
  });
});

describeEachDatabase('hardening: the annual progress report (D14)', (target) => {
  let t: TestApp;
  const year = Number(todayInChina().slice(0, 4));

  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('hardening #7: an unpublished D14 is read only by the bureaus of its jurisdiction (and admin), never by a holder, a consultant or another jurisdiction’s bureau (reference/documents.json: D14 unpublished)', async () => {
    const res = await t.http.post('/reports/annual').set(await t.as('eeb')).send({ year, jurisdiction: '410106' });
    expect(res.status).toBe(201);
    const id = res.body.document.id;
    const status = async (username?: string) =>
      (await (username ? t.http.get(`/documents/${id}/pdf`).set(await t.as(username)) : t.http.get(`/documents/${id}/pdf`))).status;
    expect({
      eeb: await status('eeb'),
      land: await status('land'),
      admin: await status('admin'),
      'eeb-xy': await status('eeb-xy'),
      holder: await status('holder'),
      consultant: await status('consultant'),
      public: await status(),
    }).toEqual({ eeb: 200, land: 200, admin: 200, 'eeb-xy': 404, holder: 404, consultant: 404, public: 404 });
  });

  it('hardening #7: one D14 per jurisdiction and year — a second is refused naming the first, and a year not yet begun is refused (土壤法第五十八条: a yearly report)', async () => {
    const again = await t.http.post('/reports/annual').set(await t.as('eeb')).send({ year, jurisdiction: '410106' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/不能重复出具/);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM documents WHERE kind = 'D14' AND jurisdiction_code = '410106' AND (record->'details'->>'year')::int = $1`,
      [year],
    );
    expect(n).toBe(1);

    const future = await t.http.post('/reports/annual').set(await t.as('eeb')).send({ year: 2099, jurisdiction: '410106' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'year' })]);
    const racing = await Promise.all([
      t.http.post('/reports/annual').set(await t.as('eeb')).send({ year: year - 1, jurisdiction: '410106' }),
      t.http.post('/reports/annual').set(await t.as('eeb')).send({ year: year - 1, jurisdiction: '410106' }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
